package io.casty.spring.boot.autoconfigure.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import io.casty.client.CastyClient;
import io.casty.spring.boot.autoconfigure.CastyClientAutoConfiguration;
import io.casty.spring.boot.autoconfigure.entity.CastyEntities;
import io.casty.spring.boot.autoconfigure.entity.CastyEntityDefinition;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * of the {@code casty} Actuator endpoint. Like Boot's other detailed endpoints it is not
 * exposed by default: add {@code casty} to {@code management.endpoints.web.exposure.include}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = CastyClientAutoConfiguration.class)
@ConditionalOnClass({ CastyClient.class, Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBean(CastyClient.class)
@ConditionalOnAvailableEndpoint(CastyEndpoint.class)
public final class CastyEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CastyEndpoint castyEndpoint(CastyClient client, ObjectProvider<CastyEntities> entities) {
		Map<String, Integer> shards = new LinkedHashMap<>();
		entities.orderedStream()
			.flatMap((e) -> e.definitions().stream())
			.forEach((CastyEntityDefinition d) -> shards.putIfAbsent(d.type(), d.shards()));
		return new CastyEndpoint(client, shards);
	}

}
