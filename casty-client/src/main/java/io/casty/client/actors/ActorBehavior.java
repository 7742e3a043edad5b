package io.casty.client.actors;

/**
 * What an actor hosted by the client does with each message. Messages of one actor are
 * handled one at a time, in arrival order, so a behaviour needs no synchronisation for its
 * own state.
 *
 * @param <M> the message type
 * @since 0.1.0
 */
@FunctionalInterface
public interface ActorBehavior<M> {

	/**
	 * Handles one message. An exception is logged and counted, and the actor goes on with the
	 * next message.
	 * @param context the actor's ref and its way to send
	 * @param message the decoded message
	 * @throws Exception if handling failed
	 */
	void onMessage(ActorContext<M> context, M message) throws Exception;

}
