package io.casty.client;

import org.jspecify.annotations.Nullable;

/**
 * The node a message must go to cannot be reached (connection refused, lost or timed out). The message names the node.
 *
 * @since 0.1.0
 */
public class NodeUnreachableException extends CastyException {

	private static final long serialVersionUID = 1L;

	private final @Nullable NodeAddress node;

	public NodeUnreachableException(String message) {
		super(message);
		this.node = null;
	}

	public NodeUnreachableException(NodeAddress node, String message) {
		super(message);
		this.node = node;
	}

	public NodeUnreachableException(NodeAddress node, String message,
			Throwable cause) {
		super(message, cause);
		this.node = node;
	}

	/**
	 * Returns the node that could not be reached.
	 * @return the node, or {@code null} if unknown
	 */
	public @Nullable NodeAddress getNode() {
		return this.node;
	}

}
