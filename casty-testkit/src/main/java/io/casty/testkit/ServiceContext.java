package io.casty.testkit;

import io.casty.client.ActorRef;
import io.casty.client.NodeAddress;

/**
 * The view a service has of where it runs, and its way to send messages.
 *
 * @since 0.1.0
 */
public interface ServiceContext {

	/**
	 * Returns the service key the service is registered under.
	 * @return the key
	 */
	String key();

	/**
	 * Returns the actor path of the service, for example {@code /payment-svc}.
	 * @return the path
	 */
	String path();

	/**
	 * Returns the address of the hosting node.
	 * @return the node address
	 */
	NodeAddress node();

	/**
	 * Returns the service's own ref.
	 * @return the ref
	 */
	ActorRef<Object> self();

	/**
	 * Sends a message the way the hosting node would.
	 * @param to the recipient
	 * @param message the message
	 */
	void tell(ActorRef<?> to, Object message);

}
