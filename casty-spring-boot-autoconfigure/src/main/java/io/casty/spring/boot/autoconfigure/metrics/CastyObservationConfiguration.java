package io.casty.spring.boot.autoconfigure.metrics;

import io.casty.client.EntityRef;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wraps the entity ref beans in {@link ObservedEntityRef} when an {@link ObservationRegistry}
 * or a {@link MeterRegistry} exists. Asks are observed through the application's
 * {@code ObservationRegistry} (so its handlers make timers and spans of them); without one,
 * through a registry of their own that only records the timer into the {@code MeterRegistry}.
 * With an {@code ObservationRegistry} and no {@code MeterRegistry}, asks to actor refs are
 * observed by an {@link ObservingCastyClientListener} (with one, the Micrometer listener does).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(ObservationRegistry.class)
class CastyObservationConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "castyEntityRefObservationPostProcessor")
	static BeanPostProcessor castyEntityRefObservationPostProcessor(ObjectProvider<ObservationRegistry> observations,
			ObjectProvider<MeterRegistry> meters, ObjectProvider<CastyAskObservationConvention> convention) {
		return new EntityRefObservationPostProcessor(observations, meters, convention);
	}

	@Bean
	@ConditionalOnBean(ObservationRegistry.class)
	@ConditionalOnMissingBean(MeterRegistry.class)
	ObservingCastyClientListener observingCastyClientListener(ObservationRegistry observations,
			ObjectProvider<CastyAskObservationConvention> convention) {
		return new ObservingCastyClientListener(observations, convention.getIfUnique());
	}

	private static final class EntityRefObservationPostProcessor implements BeanPostProcessor {

		private final ObjectProvider<ObservationRegistry> observations;

		private final ObjectProvider<MeterRegistry> meters;

		private final ObjectProvider<CastyAskObservationConvention> convention;

		private @Nullable ObservationRegistry metersOnly;

		EntityRefObservationPostProcessor(ObjectProvider<ObservationRegistry> observations,
				ObjectProvider<MeterRegistry> meters, ObjectProvider<CastyAskObservationConvention> convention) {
			this.observations = observations;
			this.meters = meters;
			this.convention = convention;
		}

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			if (!(bean instanceof EntityRef<?> ref) || bean instanceof ObservedEntityRef<?>) {
				return bean;
			}
			MeterRegistry meterRegistry = this.meters.getIfUnique();
			ObservationRegistry registry = this.observations.getIfUnique();
			if (registry == null && meterRegistry != null) {
				registry = metersOnly(meterRegistry);
			}
			if (registry == null) {
				return bean;
			}
			return new ObservedEntityRef<>(ref, registry, this.convention.getIfUnique(), meterRegistry);
		}

		private synchronized ObservationRegistry metersOnly(MeterRegistry meterRegistry) {
			ObservationRegistry registry = this.metersOnly;
			if (registry == null) {
				registry = AskObservations.metersOnly(meterRegistry);
				this.metersOnly = registry;
			}
			return registry;
		}

	}

}
