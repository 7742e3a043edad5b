package io.casty.spring.boot.test;

import java.time.Duration;
import java.util.List;

import io.casty.client.CastyClient;
import io.casty.client.ClientClosedException;
import io.casty.client.NodeAddress;
import io.casty.spring.boot.test.app.CartApplication;
import io.casty.spring.boot.test.app.CartApplication.Carts;
import io.casty.testkit.CastyTestCluster;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@code context.stop()} and {@code start()}, as a CRaC checkpoint or an operator drives
 * them: the client releases its connections and subscription, then comes back.
 */
class ContextStopStartTests {

	@Test
	void whenTheContextStopsAndStartsAgainThenTheClientReleasesAndReestablishesItsConnections() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CartApplication.class)
			.web(WebApplicationType.NONE)
			.properties("casty.client.embedded.enabled=true", "casty.client.embedded.nodes=2",
					"casty.client.topology.poll-interval=200ms")
			.run()) {
			CastyClient client = context.getBean(CastyClient.class);
			CastyTestCluster cluster = context.getBean(CastyTestCluster.class);
			Carts carts = context.getBean(Carts.class);
			assertThat(carts.add("stop-start", 1)).isEqualTo(1);
			List<NodeAddress> identities = ClientIdentities.of(client);

			context.stop();

			assertThat(client.isRunning()).isFalse();
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(cluster.nodes()).allSatisfy((node) -> {
				assertThat(node.connectedPeers()).doesNotContainAnyElementsOf(identities);
				assertThat(node.subscriberCount()).isZero();
			}));

			context.start();

			assertThat(client.isRunning()).isTrue();
			assertThat(carts.add("stop-start", 1)).isEqualTo(2);
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(cluster.nodes().stream().mapToInt((n) -> n.subscriberCount()).sum())
					.isPositive());

			context.close();

			assertThat(client.isRunning()).isFalse();
			assertThatExceptionOfType(ClientClosedException.class).isThrownBy(client::start);
		}
	}

}
