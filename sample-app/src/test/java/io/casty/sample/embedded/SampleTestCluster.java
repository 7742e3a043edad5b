package io.casty.sample.embedded;

import io.casty.sample.messages.PaymentMsg;
import io.casty.sample.messages.SampleTypes;
import io.casty.spring.boot.autoconfigure.embedded.CastyEmbeddedEntity;
import io.casty.spring.boot.autoconfigure.embedded.CastyEmbeddedService;
import io.casty.spring.boot.test.autoconfigure.AutoConfigureCastyTestCluster;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Profile;

/**
 * The in-JVM cluster of the sample's tests and of {@code TestSampleApplication}: a test
 * cluster ({@code casty.client.embedded.nodes} nodes, 3 here) hosting the three entity types
 * on every node and the payment service on the second node (the first when there is only
 * one), like the real cluster's {@code --service} node. Off with the {@code real} profile.
 *
 * @since 0.1.0
 */
@TestConfiguration(proxyBeanMethods = false)
@AutoConfigureCastyTestCluster
@Profile("!real")
public class SampleTestCluster {

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
