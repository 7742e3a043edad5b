package io.casty.sample.web;

/**
 * No instance of a discoverable service is registered in the cluster: 503.
 *
 * @since 0.1.0
 */
public class ServiceNotFoundException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param key the service key name
	 */
	public ServiceNotFoundException(String key) {
		super("No instance of service '" + key + "' is registered in the cluster; "
				+ "start a node hosting it (python -m casty_sample ... --service) and retry");
	}

}
