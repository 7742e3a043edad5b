package io.casty.testkit;

import io.casty.client.CastyException;

/**
 * Thrown when the test cluster cannot start or a fault cannot be injected, for example
 * because a fixed port is taken.
 *
 * @since 0.1.0
 */
public class TestClusterException extends CastyException {

	private static final long serialVersionUID = 1L;

	public TestClusterException(String message) {
		super(message);
	}

	public TestClusterException(String message, Throwable cause) {
		super(message, cause);
	}

}
