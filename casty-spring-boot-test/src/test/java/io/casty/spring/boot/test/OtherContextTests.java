package io.casty.spring.boot.test;

import java.time.Duration;

import io.casty.client.CastyClient;
import io.casty.testkit.CastyTestCluster;
import io.casty.testkit.TestNode;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Second class: another context, so the framework pauses the cached cart context (Spring
 * Framework 7's default {@code ON_CONTEXT_SWITCH} pause mode). While paused, its client holds
 * no connection and no topology subscription.
 */
@SpringJUnitConfig(OtherContextTests.Empty.class)
@Order(2)
class OtherContextTests {

	@Autowired
	private ApplicationContext context;

	@Test
	void whenAnotherContextIsInUseThenTheCachedCastyContextIsPausedAndReleasesItsConnections() {
		ApplicationContext cart = CartContextTest.FIRST.get();
		assertThat(cart).as("the first class ran").isNotNull();
		assertThat(this.context).isNotSameAs(cart);
		CastyClient client = cart.getBean(CastyClient.class);
		CastyTestCluster cluster = cart.getBean(CastyTestCluster.class);
		assertThat(client.isRunning()).isFalse();
		assertThat(CartContextTest.FIRST_IDENTITIES.get()).isNotEmpty();
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(cluster.nodes()).allSatisfy((node) -> {
			assertThat(node.connectedPeers()).doesNotContainAnyElementsOf(CartContextTest.FIRST_IDENTITIES.get());
			assertThat(node.subscriberCount()).isZero();
		}));
		assertThat(cluster.nodes()).allMatch(TestNode::isRunning);
	}

	@Configuration(proxyBeanMethods = false)
	static class Empty {

	}

}
