package io.casty.testkit;

/**
 * Creates the behaviour of one entity of a sharded type, on first use of its id on a node.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface EntityFactory {

	/**
	 * Creates the behaviour of an entity. Called on the hosting node's thread the first time a
	 * message for {@code entityId} reaches that node's region, and again after the entity
	 * failed or its node restarted (state lives in the returned object).
	 * @param entityId the entity id
	 * @return the behaviour
	 */
	EntityBehavior create(String entityId);

}
