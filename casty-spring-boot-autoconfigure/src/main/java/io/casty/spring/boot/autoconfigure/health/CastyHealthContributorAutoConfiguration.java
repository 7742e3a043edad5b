package io.casty.spring.boot.autoconfigure.health;

import java.time.Duration;

import io.casty.client.CastyClient;
import io.casty.client.CastyClientOptions;
import io.casty.spring.boot.autoconfigure.CastyClientAutoConfiguration;
import io.casty.spring.boot.autoconfigure.CastyClientProperties;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * of the {@code casty} health contributor.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = CastyClientAutoConfiguration.class)
@ConditionalOnClass({ CastyClient.class, ReactiveHealthIndicator.class })
@ConditionalOnBean(CastyClient.class)
@ConditionalOnEnabledHealthIndicator("casty")
@EnableConfigurationProperties(CastyClientProperties.class)
public final class CastyHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "castyHealthIndicator")
	CastyHealthIndicator castyHealthIndicator(CastyClient client, CastyClientProperties properties) {
		CastyClientOptions options = client.options();
		Duration maxAge = properties.getHealth().getMaxTopologyAge();
		if (maxAge == null) {
			maxAge = options.topology().pollInterval().multipliedBy(3).plus(options.topology().timeout());
		}
		return new CastyHealthIndicator(client, maxAge, properties.getHealth().getTimeout());
	}

}
