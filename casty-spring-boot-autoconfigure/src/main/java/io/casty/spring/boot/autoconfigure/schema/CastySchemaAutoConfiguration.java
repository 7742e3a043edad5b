package io.casty.spring.boot.autoconfigure.schema;

import io.casty.client.CastyClientOptions;
import io.casty.codegen.check.SchemaCheck;
import io.casty.spring.boot.autoconfigure.CastyClientAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * of the start-up schema check: with {@code casty.client.schema.location} set, every message
 * type of the client's options (the entities' message types and what customizers add, with
 * every annotated type they refer to) is checked against the Python schema, and a mismatch
 * fails start-up before the client connects.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = CastyClientAutoConfiguration.class)
@ConditionalOnClass(SchemaCheck.class)
@ConditionalOnProperty(prefix = "casty.client.schema", name = "location")
@ConditionalOnBean(CastyClientOptions.class)
@EnableConfigurationProperties(CastySchemaProperties.class)
public final class CastySchemaAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CastySchemaVerifier castySchemaVerifier(CastySchemaProperties properties, CastyClientOptions options) {
		return new CastySchemaVerifier(java.util.Objects.requireNonNull(properties.getLocation()),
				options.messageTypes());
	}

}
