package io.casty.client.it;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.casty.client.CastyClient;
import io.casty.client.ClientClosedException;
import io.casty.client.ClusterUnavailableException;
import io.casty.client.EntityRef;
import io.casty.client.NodeAddress;
import io.casty.client.it.Counters.CounterMsg;
import io.casty.client.it.Counters.GetCount;
import io.casty.client.it.Counters.Increment;
import io.casty.testkit.CastyTestCluster;
import io.casty.testkit.TestNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A client that stops and starts again, as a paused and restarted Spring context (or a CRaC
 * checkpoint) drives it, and asks while no node can be reached at all.
 */
class ClientRestartIntegrationTests {

	@Test
	void stopReleasesConnectionsSubscriptionsAndThreadsAndStartRoutesTheSameRefAgain() throws Exception {
		try (CastyTestCluster cluster = Counters.cluster(2).start(); CastyClient client = Counters.client(cluster)) {
			EntityRef<CounterMsg> counters = client.entityRef(Counters.TYPE, Counters.SHARDS, CounterMsg.class);
			counters.tell("restart", new Increment(4));
			await().atMost(Duration.ofSeconds(5))
				.until(() -> counters.ask("restart", GetCount::new, Integer.class).get(3, TimeUnit.SECONDS) == 4);
			assertThat(cluster.nodes().stream().mapToInt(TestNode::subscriberCount).sum()).isPositive();
			List<NodeAddress> identities = client.clientIdentities()
				.stream()
				.map((id) -> new NodeAddress(id.host(), id.port()))
				.toList();
			assertThat(cluster.nodes().stream().flatMap((node) -> node.connectedPeers().stream()))
				.containsAnyElementsOf(identities);

			client.stop();

			assertThat(client.isRunning()).isFalse();
			assertThat(client.connectedNodes()).isEmpty();
			assertThat(client.topology().current().isEmpty()).isTrue();
			// Generous: the nodes read the unsubscription on their event loops, slow on a loaded machine.
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				assertThat(cluster.nodes()).allSatisfy((node) -> {
					assertThat(node.connectedPeers()).doesNotContainAnyElementsOf(identities);
					assertThat(node.subscriberCount()).isZero();
				});
				assertThat(Thread.getAllStackTraces().keySet())
					.noneMatch((thread) -> thread.isAlive() && thread.getName().startsWith("casty-client"));
			});
			assertThat(counters.ask("restart", GetCount::new, Integer.class)).failsWithin(Duration.ZERO)
				.withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(IllegalStateException.class)
				.withMessageContaining("stopped");

			client.start();

			assertThat(client.isRunning()).isTrue();
			client.awaitTopology(Duration.ofSeconds(5));
			counters.tell("restart", new Increment(1));
			await().atMost(Duration.ofSeconds(5))
				.until(() -> counters.ask("restart", GetCount::new, Integer.class).get(3, TimeUnit.SECONDS) == 5);
			assertThat(cluster.nodes().stream().mapToInt(TestNode::subscriberCount).sum()).isPositive();
		}
	}

	@Test
	void stopFailsPendingAsksAndCloseAfterStopIsFinal() {
		try (CastyTestCluster cluster = Counters.cluster(1).start()) {
			CastyClient client = Counters.client(cluster);
			EntityRef<CounterMsg> counters = client.entityRef("never-hosted", 10, CounterMsg.class);
			CompletableFuture<Integer> pending = counters.ask("x", GetCount::new, Integer.class, Duration.ofSeconds(30));
			client.stop();
			assertThat(pending).failsWithin(Duration.ofSeconds(5))
				.withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(ClientClosedException.class);
			client.close();
			assertThatExceptionOfType(ClientClosedException.class).isThrownBy(client::start);
		}
	}

	@Test
	void asksFailAtOnceWithClusterUnavailableWhileNoNodeCanBeReachedAndWorkAgainOnceOneIs() throws Exception {
		try (CastyTestCluster cluster = Counters.cluster(2).start(); CastyClient client = Counters.client(cluster)) {
			EntityRef<CounterMsg> counters = client.entityRef(Counters.TYPE, Counters.SHARDS, CounterMsg.class);
			counters.ask("down", GetCount::new, Integer.class).get(5, TimeUnit.SECONDS);
			for (TestNode node : cluster.nodes()) {
				node.kill();
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> {
				CompletableFuture<Integer> ask = counters.ask("down", GetCount::new, Integer.class,
						Duration.ofSeconds(30));
				return ask.isCompletedExceptionally();
			});
			CompletableFuture<Integer> ask = counters.ask("down", GetCount::new, Integer.class, Duration.ofSeconds(30));
			// failed before ask() returned: no waiting for the 30 s timeout
			assertThat(ask).isCompletedExceptionally();
			assertThat(ask).failsWithin(Duration.ZERO)
				.withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(ClusterUnavailableException.class)
				.withMessageContaining("No Casty node can be reached");

			for (TestNode node : cluster.nodes()) {
				node.restart();
			}
			await().atMost(Duration.ofSeconds(15))
				.ignoreExceptions()
				.until(() -> counters.ask("down", GetCount::new, Integer.class).get(2, TimeUnit.SECONDS) != null);
		}
	}

}
