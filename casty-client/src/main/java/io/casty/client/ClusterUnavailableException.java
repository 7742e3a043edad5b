package io.casty.client;

/**
 * No contact point answered with a topology snapshot, so nothing can be routed. The message lists the contact points tried.
 *
 * @since 0.1.0
 */
public class ClusterUnavailableException extends CastyException {

	private static final long serialVersionUID = 1L;

	public ClusterUnavailableException(String message) {
		super(message);
	}

	public ClusterUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
