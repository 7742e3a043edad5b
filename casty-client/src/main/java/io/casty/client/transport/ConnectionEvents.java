package io.casty.client.transport;

import io.casty.client.NodeAddress;

/**
 * Connection state changes the rest of the client reacts to.
 * <p>
 * Internal: a port wired by {@code ClientSession}; not API, may change without notice.
 *
 * @since 0.1.0
 */
public interface ConnectionEvents {

	/**
	 * A node became reachable (handshake done).
	 * @param node the node's canonical address
	 */
	void nodeConnected(NodeAddress node);

	/**
	 * A node the client dialled answered its handshake, before the connection is ready.
	 * @param node the node's canonical address
	 * @param pipelined whether its handshake declared {@code "pipelined": true}
	 */
	default void nodeAnswered(NodeAddress node, boolean pipelined) {
	}

	/**
	 * A node became unreachable: connecting failed or its connection was lost.
	 * @param node the node
	 * @param cause why
	 */
	void nodeFailed(NodeAddress node, Throwable cause);

}
