package io.casty.client;

/**
 * The node a message must go to cannot be reached (connection refused, lost or timed out). The message names the node.
 *
 * @since 0.1.0
 */
public class NodeUnreachableException extends CastyException {

	private static final long serialVersionUID = 1L;

	private final io.casty.client.protocol.messages.@org.jspecify.annotations.Nullable NodeAddress node;

	public NodeUnreachableException(String message) {
		super(message);
		this.node = null;
	}

	public NodeUnreachableException(io.casty.client.protocol.messages.NodeAddress node, String message) {
		super(message);
		this.node = node;
	}

	public NodeUnreachableException(io.casty.client.protocol.messages.NodeAddress node, String message,
			Throwable cause) {
		super(message, cause);
		this.node = node;
	}

	/**
	 * Returns the node that could not be reached.
	 * @return the node, or {@code null} if unknown
	 */
	public io.casty.client.protocol.messages.@org.jspecify.annotations.Nullable NodeAddress getNode() {
		return this.node;
	}

}
