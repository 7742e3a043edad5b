package io.casty.sample.embedded;


import io.casty.sample.messages.PaymentMsg;
import io.casty.sample.messages.SampleTypes;
import io.casty.spring.boot.autoconfigure.embedded.CastyEmbeddedEntity;
import io.casty.spring.boot.autoconfigure.embedded.CastyEmbeddedService;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the embedded development cluster hosts: the three entity types on every node and the
 * payment service on the second node (the first when there is only one), like the real
 * cluster's {@code --service} node.
 *
 * @since 0.1.0
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("casty.client.embedded.enabled")
public class EmbeddedClusterConfiguration {

	@Bean
	CastyEmbeddedEntity loyaltyEntities() {
		return CastyEmbeddedEntity.of(SampleTypes.LOYALTY, SampleTypes.NUM_SHARDS, (id) -> new LoyaltyEntity());
	}

	@Bean
	CastyEmbeddedEntity counterEntities() {
		return CastyEmbeddedEntity.of(SampleTypes.COUNTER, SampleTypes.NUM_SHARDS, (id) -> new CounterEntity());
	}

	@Bean
	CastyEmbeddedEntity accountEntities() {
		return CastyEmbeddedEntity.of(SampleTypes.ACCOUNTS, SampleTypes.NUM_SHARDS, AccountEntity::new);
	}

	@Bean
	CastyEmbeddedService paymentService(@Value("${casty.client.embedded.nodes:3}") int nodes) {
		PaymentService behavior = new PaymentService();
		int node = Math.min(1, nodes - 1);
		return CastyEmbeddedService.of(SampleTypes.PAYMENT_SERVICE_KEY, SampleTypes.PAYMENT_SERVICE_PATH, node,
				behavior, PaymentMsg.class);
	}

}
