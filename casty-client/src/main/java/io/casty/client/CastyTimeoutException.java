package io.casty.client;

/**
 * A request got no answer in time. The message names what was asked (shard type, entity id, node) and the timeout.
 *
 * @since 0.1.0
 */
public class CastyTimeoutException extends CastyException {

	private static final long serialVersionUID = 1L;

	public CastyTimeoutException(String message) {
		super(message);
	}

	public CastyTimeoutException(String message, Throwable cause) {
		super(message, cause);
	}

}
