package io.casty.testkit;

/**
 * What one entity does with its messages. Messages of one node are processed one at a time,
 * so a behaviour needs no synchronisation for its own state.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface EntityBehavior {

	/**
	 * Handles one message. An exception stops the entity, as in Casty: its state is lost and
	 * the next message creates a fresh behaviour through the {@link EntityFactory}.
	 * @param context where the entity runs and how it answers
	 * @param message the decoded message: a registered record or enum, or a plain value
	 */
	void onMessage(EntityContext context, Object message);

}
