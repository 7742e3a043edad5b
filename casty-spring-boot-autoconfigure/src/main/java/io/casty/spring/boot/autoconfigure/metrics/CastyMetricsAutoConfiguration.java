package io.casty.spring.boot.autoconfigure.metrics;

import io.casty.client.CastyClient;
import io.casty.spring.boot.autoconfigure.CastyClientAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * of the Casty client's Micrometer meters ({@code casty.client.*}) and, with an
 * {@code ObservationRegistry}, of observations around asks: entity asks through their
 * {@code EntityRef} beans, asks to actor refs ({@code CastyClient.ask}) through the listener.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = CastyClientAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
				"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration" })
@ConditionalOnClass({ CastyClient.class, MeterRegistry.class })
@Import(CastyObservationConfiguration.class)
public final class CastyMetricsAutoConfiguration {

	@Bean
	@ConditionalOnBean(MeterRegistry.class)
	@ConditionalOnMissingBean
	MicrometerCastyClientListener micrometerCastyClientListener(MeterRegistry registry,
			ObjectProvider<ObservationRegistry> observations, ObjectProvider<CastyAskObservationConvention> convention) {
		// asks to actor refs are observed like entity asks (CastyObservationConfiguration)
		ObservationRegistry observationRegistry = observations.getIfUnique(() -> AskObservations.metersOnly(registry));
		return new MicrometerCastyClientListener(registry, observationRegistry, convention.getIfUnique());
	}

	@Bean
	@ConditionalOnBean({ MeterRegistry.class, CastyClient.class })
	@ConditionalOnMissingBean
	CastyClientMeters castyClientMeters(CastyClient client, MeterRegistry registry) {
		CastyClientMeters meters = new CastyClientMeters(client);
		// Boot binds MeterBinder beans too where its metrics auto-configuration runs; binding is idempotent
		meters.bindTo(registry);
		return meters;
	}

}
