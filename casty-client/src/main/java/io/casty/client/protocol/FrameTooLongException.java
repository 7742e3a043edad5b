package io.casty.client.protocol;

/**
 * A frame's length prefix is above the configured maximum. A receiver that skips the frame
 * stays in step only if the prefix is honest; a client treats it as a broken stream.
 *
 * @since 0.1.0
 */
public class FrameTooLongException extends FrameDecodingException {

	private static final long serialVersionUID = 1L;

	public FrameTooLongException(String message, Throwable cause) {
		super(message, cause);
	}

}
