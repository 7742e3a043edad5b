package io.casty.client.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.casty.client.CastyClient;
import io.casty.client.EntityRef;
import io.casty.client.NodeAddress;
import io.casty.client.it.Counters.CounterMsg;
import io.casty.client.it.Counters.WhereAreYou;
import io.casty.testkit.CastyTestCluster;
import io.casty.testkit.TestNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Node failures: the client keeps serving every shard whose owner is alive and finds the
 * new owners of the lost ones.
 */
class FailoverIntegrationTests {

	private static final Duration DETECTION = Duration.ofMillis(500);

	@Test
	void killingANonLeaderUnderAskLoadMovesItsShardsToSurvivorsWithinDetectionPlusOneSecond() throws Exception {
		try (CastyTestCluster cluster = Counters.cluster(3).failureDetection(DETECTION).start();
				CastyClient client = Counters.client(cluster)) {
			EntityRef<CounterMsg> counters = client.entityRef(Counters.TYPE, Counters.SHARDS, CounterMsg.class);
			TestNode victim = nonLeader(cluster);
			List<String> onVictim = entitiesOn(counters, victim.address(), 200);
			assertThat(onVictim).isNotEmpty();
			AtomicBoolean loading = new AtomicBoolean(true);
			AtomicLong okDuringLoad = new AtomicLong();
			Thread load = new Thread(() -> {
				int i = 0;
				while (loading.get()) {
					try {
						counters.ask("load-" + (i++ % 300), WhereAreYou::new, String.class).get(5, TimeUnit.SECONDS);
						okDuringLoad.incrementAndGet();
					}
					catch (Exception ex) {
						// asks to the victim fail while it is being replaced
					}
				}
			});
			load.start();
			long killedAt = System.nanoTime();
			victim.kill();
			await().atMost(DETECTION.plusSeconds(1).plusMillis(500)).pollInterval(Duration.ofMillis(50)).until(() -> {
				for (String id : onVictim) {
					try {
						String node = counters.ask(id, WhereAreYou::new, String.class).get(1, TimeUnit.SECONDS);
						if (node.equals(victim.address().toString())) {
							return false;
						}
					}
					catch (Exception ex) {
						return false;
					}
				}
				return true;
			});
			long recoveredMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
			loading.set(false);
			load.join();
			assertThat(recoveredMs).isLessThan(DETECTION.plusSeconds(1).plusMillis(500).toMillis());
			assertThat(okDuringLoad.get()).isPositive();
			assertThat(client.topology().current().unavailable()).contains(victim.address());
		}
	}

	@Test
	void killingTheContactNodeMakesTheClientSubscribeThroughAnotherMember() {
		try (CastyTestCluster cluster = Counters.cluster(3).failureDetection(DETECTION).start();
				CastyClient client = Counters.client(cluster)) {
			NodeAddress contact = client.topology().current().source();
			assertThat(contact).isEqualTo(cluster.node(0).address());
			cluster.node(0).kill();
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				assertThat(client.topology().current().source()).isNotEqualTo(contact);
				assertThat(client.topology().current().age()).isLessThan(Duration.ofSeconds(1));
			});
			EntityRef<CounterMsg> counters = client.entityRef(Counters.TYPE, Counters.SHARDS, CounterMsg.class);
			await().atMost(Duration.ofSeconds(5)).ignoreExceptions().untilAsserted(() -> assertThat(
					counters.ask("after-contact-loss", WhereAreYou::new, String.class).get(2, TimeUnit.SECONDS))
				.isNotEqualTo(contact.toString()));
		}
	}

	@Test
	void restartingEveryNodeIsSurvivedWithoutHelp() throws Exception {
		try (CastyTestCluster cluster = Counters.cluster(3).failureDetection(DETECTION).start();
				CastyClient client = Counters.client(cluster)) {
			EntityRef<CounterMsg> counters = client.entityRef(Counters.TYPE, Counters.SHARDS, CounterMsg.class);
			for (int i = 0; i < 30; i++) {
				counters.ask("restart-" + i, WhereAreYou::new, String.class).get(5, TimeUnit.SECONDS);
			}
			for (TestNode node : cluster.nodes()) {
				node.kill();
			}
			await().atMost(Duration.ofSeconds(5)).until(() -> client.connectedNodes().isEmpty());
			for (TestNode node : cluster.nodes()) {
				node.restart();
			}
			await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).ignoreExceptions().untilAsserted(() -> {
				for (int i = 0; i < 30; i++) {
					assertThat(counters.ask("restart-" + i, WhereAreYou::new, String.class).get(2, TimeUnit.SECONDS))
						.isNotBlank();
				}
			});
			await().atMost(Duration.ofSeconds(5)).until(() -> client.connectedNodes().size() == 3);
		}
	}

	static TestNode nonLeader(CastyTestCluster cluster) {
		NodeAddress leader = cluster.leader();
		return cluster.nodes().stream().filter((n) -> !n.address().equals(leader)).reduce((a, b) -> b).orElseThrow();
	}

	static List<String> entitiesOn(EntityRef<CounterMsg> counters, NodeAddress node, int candidates)
			throws Exception {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < candidates; i++) {
			String id = "probe-" + i;
			if (counters.ask(id, WhereAreYou::new, String.class).get(5, TimeUnit.SECONDS).equals(node.toString())) {
				ids.add(id);
			}
		}
		return ids;
	}

}
