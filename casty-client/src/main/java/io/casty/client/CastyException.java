package io.casty.client;

/**
 * Base type of every exception the Casty client throws.
 *
 * @since 0.1.0
 */
public class CastyException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public CastyException(String message) {
		super(message);
	}

	public CastyException(String message, Throwable cause) {
		super(message, cause);
	}

}
