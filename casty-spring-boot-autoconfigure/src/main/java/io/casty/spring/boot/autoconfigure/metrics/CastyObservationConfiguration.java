package io.casty.spring.boot.autoconfigure.metrics;

import io.casty.client.EntityRef;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wraps the entity ref beans in {@link ObservedEntityRef} when an
 * {@link ObservationRegistry} exists.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean(ObservationRegistry.class)
class CastyObservationConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "castyEntityRefObservationPostProcessor")
	static BeanPostProcessor castyEntityRefObservationPostProcessor(ObjectProvider<ObservationRegistry> registry) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof EntityRef<?> ref && !(bean instanceof ObservedEntityRef<?>)) {
					return new ObservedEntityRef<>(ref, registry.getObject());
				}
				return bean;
			}

		};
	}

}
