package io.casty.client.actors;

import io.casty.client.ActorRef;

/**
 * An actor's view of itself while it handles a message.
 *
 * @param <M> the actor's message type
 * @since 0.1.0
 */
public interface ActorContext<M> {

	/**
	 * The actor's own ref, naming this client's identity; put it in messages so nodes can
	 * answer.
	 * @return the ref
	 */
	ActorRef<M> self();

	/**
	 * Sends a message to any actor of the cluster (or of this client).
	 * @param to the recipient
	 * @param message the message
	 */
	void tell(ActorRef<?> to, Object message);

	/**
	 * Stops this actor after the current message; later messages to it are dropped.
	 */
	void stop();

}
