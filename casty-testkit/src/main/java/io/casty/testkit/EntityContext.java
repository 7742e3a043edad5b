package io.casty.testkit;

import io.casty.client.ActorRef;
import io.casty.client.NodeAddress;

/**
 * The view an entity has of where it runs, and its way to send messages.
 *
 * @since 0.1.0
 */
public interface EntityContext {

	/**
	 * Returns the entity id.
	 * @return the id
	 */
	String entityId();

	/**
	 * Returns the shard type.
	 * @return the type
	 */
	String shardType();

	/**
	 * Returns the address of the node hosting this instance of the entity.
	 * @return the node address
	 */
	NodeAddress node();

	/**
	 * Returns the entity's own ref ({@code /_region-<type>/entity-<id>} on this node).
	 * @return the ref
	 */
	ActorRef<Object> self();

	/**
	 * Sends a message the way the hosting node would: through its connection filed under the
	 * ref's {@code host:port}, dialling that address if there is none.
	 * @param to the recipient, typically a {@code reply_to} ref
	 * @param message the message
	 */
	void tell(ActorRef<?> to, Object message);

}
