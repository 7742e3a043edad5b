package io.casty.client.protocol;

import io.casty.client.CastyException;

/**
 * A transport frame could not be decoded: empty, oversized, malformed header or handshake.
 *
 * @since 0.1.0
 */
public class FrameDecodingException extends CastyException {

	private static final long serialVersionUID = 1L;

	public FrameDecodingException(String message) {
		super(message);
	}

	public FrameDecodingException(String message, Throwable cause) {
		super(message, cause);
	}

}
