package io.casty.client;

/**
 * Thrown when a message cannot be encoded for, or decoded from, the wire.
 *
 * @since 0.1.0
 */
public class MessageCodecException extends CastyException {

	private static final long serialVersionUID = 1L;

	public MessageCodecException(String message) {
		super(message);
	}

	public MessageCodecException(String message, Throwable cause) {
		super(message, cause);
	}

}
