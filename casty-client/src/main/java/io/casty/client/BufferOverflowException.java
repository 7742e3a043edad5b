package io.casty.client;

/**
 * A bounded buffer is full (messages waiting for a shard location, in-flight asks, or a connection's outbound bytes):
 * the caller sends faster than the cluster answers.
 *
 * @since 0.1.0
 */
public class BufferOverflowException extends CastyException {

	private static final long serialVersionUID = 1L;

	public BufferOverflowException(String message) {
		super(message);
	}

	public BufferOverflowException(String message, Throwable cause) {
		super(message, cause);
	}

}
