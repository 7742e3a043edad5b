package io.casty.spring.boot.autoconfigure;

import io.casty.client.CastyClientOptions;

/**
 * Customizes the {@link CastyClientOptions.Builder} after the properties and connection
 * details were applied and before the options are built. Customizers are applied in
 * {@link org.springframework.core.Ordered order}.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface CastyClientOptionsCustomizer {

	/**
	 * Customizes the builder.
	 * @param builder the builder
	 */
	void customize(CastyClientOptions.Builder builder);

}
