package io.casty.client;

/**
 * The client was closed; pending requests fail with this and new ones are refused.
 *
 * @since 0.1.0
 */
public class ClientClosedException extends CastyException {

	private static final long serialVersionUID = 1L;

	public ClientClosedException(String message) {
		super(message);
	}

	public ClientClosedException(String message, Throwable cause) {
		super(message, cause);
	}

}
