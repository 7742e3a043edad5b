package io.casty.testkit;

import io.casty.client.ActorRef;

/**
 * How a node's parts send: to refs, as the node. {@link NodeOutbound} in a running node; a
 * recording fake in unit tests of the parts.
 */
interface Outbound {

	/** Encodes and sends a message to a ref; dropped and counted if it cannot be encoded. */
	void tell(ActorRef<?> to, Object message);

	/** Sends an already encoded payload to a ref. */
	void sendEncoded(ActorRef<?> to, String typeHint, byte[] payload);

	/** A ref to a path of this node. */
	ActorRef<Object> self(String path);

}
