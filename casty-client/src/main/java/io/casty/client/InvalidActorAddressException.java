package io.casty.client;

/**
 * Thrown when a string is not a valid Casty actor URI or an address component is invalid.
 *
 * @since 0.1.0
 */
public class InvalidActorAddressException extends CastyException {

	private static final long serialVersionUID = 1L;

	public InvalidActorAddressException(String message) {
		super(message);
	}

}
