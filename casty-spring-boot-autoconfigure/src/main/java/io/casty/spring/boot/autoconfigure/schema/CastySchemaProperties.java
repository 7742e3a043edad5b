package io.casty.spring.boot.autoconfigure.schema;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * Configuration properties of the start-up schema check.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("casty.client.schema")
public class CastySchemaProperties {

	/**
	 * Location of the casty-schema document that casty_schema.py exported from the
	 * cluster's Python modules, for example classpath:casty-schema.json. When set, every
	 * message type registered with the client is checked against it at start-up, and a
	 * mismatch fails start-up.
	 */
	private @Nullable Resource location;

	public @Nullable Resource getLocation() {
		return this.location;
	}

	public void setLocation(@Nullable Resource location) {
		this.location = location;
	}

}
