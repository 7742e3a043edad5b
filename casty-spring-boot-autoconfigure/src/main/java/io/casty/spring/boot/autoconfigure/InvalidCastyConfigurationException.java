package io.casty.spring.boot.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * Thrown at start-up when the Casty client is misconfigured. Carries what is wrong and how
 * to fix it, which {@link CastyConfigurationFailureAnalyzer} reports.
 *
 * @since 0.1.0
 */
public class InvalidCastyConfigurationException extends IllegalArgumentException {

	/** How to fix a message type that a codec rejects. */
	public static final String MESSAGE_TYPE_ACTION = "Annotate every record and enum the application sends or "
			+ "receives with @CastyMessage, and register only records, enums and sealed interfaces of them "
			+ "(CastyClientOptions.messageTypes or a @CastyEntity type).";

	private final String action;

	/**
	 * Creates an exception.
	 * @param description what is wrong
	 * @param action how to fix it
	 * @param cause the underlying error, if any
	 */
	public InvalidCastyConfigurationException(String description, String action, @Nullable Throwable cause) {
		super(description, cause);
		this.action = action;
	}

	/**
	 * How to fix the configuration.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

	static InvalidCastyConfigurationException noContactPoints() {
		return new InvalidCastyConfigurationException("No Casty contact points are configured",
				"Set casty.client.contact-points to host:port of at least one Casty node, "
						+ "e.g. casty.client.contact-points=127.0.0.1:25520 (or enable the embedded development "
						+ "cluster with casty.client.embedded.enabled=true and casty-testkit on the classpath).",
				null);
	}

	static InvalidCastyConfigurationException malformedContactPoint(String point, Throwable cause) {
		return new InvalidCastyConfigurationException(
				"Invalid Casty contact point '" + point + "' in casty.client.contact-points: " + cause.getMessage(),
				"Give every entry of casty.client.contact-points as host:port with a port of 0-65535, "
						+ "e.g. casty.client.contact-points=10.0.0.5:25520,10.0.0.6:25520 (IPv6 literals are not "
						+ "supported; use a host name).",
				cause);
	}

}
