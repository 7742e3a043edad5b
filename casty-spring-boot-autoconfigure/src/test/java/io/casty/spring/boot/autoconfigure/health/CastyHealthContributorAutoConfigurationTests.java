package io.casty.spring.boot.autoconfigure.health;

import java.time.Duration;
import java.util.Map;

import io.casty.client.NodeAddress;
import io.casty.spring.boot.autoconfigure.CastyClientAutoConfiguration;
import io.casty.testkit.CastyTestCluster;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link CastyHealthContributorAutoConfiguration}.
 */
class CastyHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CastyClientAutoConfiguration.class,
				CastyHealthContributorAutoConfiguration.class));

	@Test
	void whenClientExistsThenHealthIndicatorIsRegistered() {
		this.contextRunner.withPropertyValues("casty.client.contact-points=127.0.0.1:1")
			.run((context) -> assertThat(context).hasSingleBean(CastyHealthIndicator.class)
				.hasBean("castyHealthIndicator"));
	}

	@Test
	void whenHealthIndicatorIsDisabledThenItIsAbsent() {
		this.contextRunner
			.withPropertyValues("casty.client.contact-points=127.0.0.1:1", "management.health.casty.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CastyHealthIndicator.class));
	}

	@Test
	void whenHealthModuleIsMissingThenIndicatorIsAbsent() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ReactiveHealthIndicator.class))
			.withPropertyValues("casty.client.contact-points=127.0.0.1:1")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CastyHealthIndicator.class));
	}

	@Test
	void whenNoTopologyWasReceivedThenHealthIsDownWithReason() {
		this.contextRunner.withPropertyValues("casty.client.contact-points=127.0.0.1:1").run((context) -> {
			Health health = context.getBean(CastyHealthIndicator.class).health().block(Duration.ofSeconds(5));
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat((String) health.getDetails().get("reason")).contains("No topology snapshot received yet");
		});
	}

	@Test
	void whenClusterIsReachableThenHealthIsUpWithMembers() {
		try (CastyTestCluster cluster = CastyTestCluster.builder().nodes(2).start()) {
			this.contextRunner
				.withPropertyValues("casty.client.contact-points=" + cluster.contactPoints().get(0),
						"casty.client.system-name=" + cluster.systemName())
				.run((context) -> {
					CastyHealthIndicator indicator = context.getBean(CastyHealthIndicator.class);
					await().atMost(Duration.ofSeconds(10))
						.until(() -> indicator.health().block(Duration.ofSeconds(5)).getStatus().equals(Status.UP));
					Health health = indicator.health().block(Duration.ofSeconds(5));
					@SuppressWarnings("unchecked")
					Map<String, String> members = (Map<String, String>) health.getDetails().get("members");
					assertThat(members).containsOnlyKeys(
							cluster.contactPoints().stream().map(NodeAddress::toString).toList());
					assertThat(members.values()).containsOnly("up");
					assertThat(health.getDetails()).containsKeys("leader", "allocationEpoch", "unavailable",
							"topologyAgeMs", "connectedNodes", "pendingAsks", "bufferedMessages");
					assertThat(unavailable(health)).isEmpty();
				});
		}
	}

	@Test
	void whenAKilledNodeIsResurrectedInTheTopologyThenHealthStillListsItAsUnavailableWithItsReason() {
		try (CastyTestCluster cluster = CastyTestCluster.builder().nodes(3).start()) {
			this.contextRunner
				.withPropertyValues("casty.client.contact-points=" + cluster.contactPoints().get(0),
						"casty.client.system-name=" + cluster.systemName(), "casty.client.reconnect.max-backoff=200ms")
				.run((context) -> {
					CastyHealthIndicator indicator = context.getBean(CastyHealthIndicator.class);
					String dead = cluster.node(2).address().toString();
					await().atMost(Duration.ofSeconds(20))
						.until(() -> indicator.health().block(Duration.ofSeconds(5)).getStatus().equals(Status.UP));

					cluster.node(2).kill();
					// Casty v0.21.0's gossip lists the dead node as up again
					cluster.resurrect(2);

					await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
						Health health = indicator.health().block(Duration.ofSeconds(5));
						assertThat(members(health)).containsEntry(dead, "up");
						assertThat(unavailable(health)).containsOnlyKeys(dead);
						assertThat(unavailable(health).get(dead)).startsWith("Its connection failed");
						// the two other members serve their shards
						assertThat(health.getStatus()).isEqualTo(Status.UP);
					});
				});
		}
	}

	@Test
	void whenTheClusterMarksAMemberDownThenHealthSaysSo() {
		try (CastyTestCluster cluster = CastyTestCluster.builder().nodes(2).start()) {
			this.contextRunner
				.withPropertyValues("casty.client.contact-points=" + cluster.contactPoints().get(0),
						"casty.client.system-name=" + cluster.systemName())
				.run((context) -> {
					CastyHealthIndicator indicator = context.getBean(CastyHealthIndicator.class);
					String other = cluster.node(1).address().toString();
					await().atMost(Duration.ofSeconds(20))
						.until(() -> indicator.health().block(Duration.ofSeconds(5)).getStatus().equals(Status.UP));
					cluster.markUnreachable(1);
					await().atMost(Duration.ofSeconds(20))
						.untilAsserted(() -> assertThat(unavailable(indicator.health().block(Duration.ofSeconds(5))))
							.containsEntry(other, "The cluster's failure detector marks it unreachable"));
				});
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> members(Health health) {
		return (Map<String, String>) health.getDetails().get("members");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> unavailable(Health health) {
		return (Map<String, String>) health.getDetails().get("unavailable");
	}

}
