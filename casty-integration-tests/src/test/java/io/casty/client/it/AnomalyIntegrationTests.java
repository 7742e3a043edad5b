package io.casty.client.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.casty.client.CastyClient;
import io.casty.client.EntityRef;
import io.casty.client.NodeAddress;
import io.casty.client.NodeUnreachableException;
import io.casty.client.it.Counters.CounterMsg;
import io.casty.client.it.Counters.WhereAreYou;
import io.casty.testkit.CastyTestCluster;
import io.casty.testkit.TestNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The failure anomalies of Casty v0.21.0 (spec §6.3, §6.6), reproduced by the testkit: the
 * client serves every shard whose owner is alive, fails fast with the unreachable node's
 * name for the others, and keeps re-querying in the background.
 */
class AnomalyIntegrationTests {

	/** Asks must fail well before this when the owner is unreachable. */
	private static final Duration ASK_TIMEOUT = Duration.ofSeconds(3);

	private static final String REPLICATED = "replicated";

	@Test
	void zombieMemberAfterResurrectionAndStarvedPushes() throws Exception {
		try (CastyTestCluster cluster = Counters.cluster(3)
			.failureDetection(Duration.ofMillis(300))
			.resurrectAfterDown(true)
			.start(); CastyClient client = Counters.client(cluster)) {
			EntityRef<CounterMsg> counters = client.entityRef(Counters.TYPE, Counters.SHARDS, CounterMsg.class);
			TestNode zombie = FailoverIntegrationTests.nonLeader(cluster);
			warmUp(counters, 100);
			zombie.kill();
			await().atMost(Duration.ofSeconds(5)).until(cluster::pushesStopped);
			assertThat(cluster.snapshot().members()).anySatisfy((m) -> {
				assertThat(m.address()).isEqualTo(zombie.address());
				assertThat(m.status().name()).isEqualTo("UP");
			});
			assertServedOrFastFailure(cluster, counters, zombie.address(), 200);
		}
	}

	@Test
	void lostAllocationUpdateIsOvercomeByAskingTheCoordinator() throws Exception {
		// With one replica the coordinator promotes the replica when the primary is lost; the
		// update is lost, and the resurrected zombie keeps its stale shards in every snapshot.
		try (CastyTestCluster cluster = Counters.cluster(3)
			.shardedType(REPLICATED, Counters.SHARDS, 1, Counters::counter)
			.noFailureDetection()
			.start(); CastyClient client = Counters.client(cluster)) {
			EntityRef<CounterMsg> counters = client.entityRef(REPLICATED, Counters.SHARDS, CounterMsg.class);
			TestNode lost = FailoverIntegrationTests.nonLeader(cluster);
			List<String> onLost = FailoverIntegrationTests.entitiesOn(counters, lost.address(), 150);
			assertThat(onLost).isNotEmpty();
			cluster.loseNextAllocationUpdate(REPLICATED);
			lost.kill();
			cluster.markDown(lost.index());
			cluster.resurrect(lost.index());
			long shard = counters.shardOf(onLost.get(0));
			assertThat(cluster.snapshot().shardAllocations().get(REPLICATED).get(shard).primary())
				.isEqualTo(lost.address());
			await().atMost(Duration.ofSeconds(5)).ignoreExceptions().untilAsserted(() -> {
				for (String id : onLost) {
					assertThat(counters.ask(id, WhereAreYou::new, String.class).get(2, TimeUnit.SECONDS))
						.isNotEqualTo(lost.address().toString());
				}
			});
		}
	}

	@Test
	void shardAllocatedToADeadNodeFailsFastAndRecoversWhenMoved() throws Exception {
		try (CastyTestCluster cluster = Counters.cluster(3).noFailureDetection().start();
				CastyClient client = Counters.client(cluster)) {
			EntityRef<CounterMsg> counters = client.entityRef(Counters.TYPE, Counters.SHARDS, CounterMsg.class);
			TestNode dead = FailoverIntegrationTests.nonLeader(cluster);
			warmUp(counters, 50);
			dead.kill();
			String id = "orphan";
			long shard = counters.shardOf(id);
			cluster.allocateShard(Counters.TYPE, shard, dead.index());
			await().atMost(Duration.ofSeconds(3)).until(() -> dead.address()
				.equals(client.topology().current().primary(Counters.TYPE, shard)));
			long start = System.nanoTime();
			assertThatAskFailsWithUnreachable(counters, id, dead.address());
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(ASK_TIMEOUT);
			// Other shards keep working meanwhile.
			String live = liveEntity(counters, cluster, dead.address());
			assertThat(counters.ask(live, WhereAreYou::new, String.class).get(2, TimeUnit.SECONDS))
				.isNotEqualTo(dead.address().toString());
			TestNode survivor = cluster.node(0);
			cluster.allocateShard(Counters.TYPE, shard, survivor.index());
			await().atMost(Duration.ofSeconds(5)).ignoreExceptions().untilAsserted(() -> assertThat(
					counters.ask(id, WhereAreYou::new, String.class).get(2, TimeUnit.SECONDS))
				.isEqualTo(survivor.address().toString()));
		}
	}

	@Test
	void stoppedPushesAreCoveredByPolling() throws Exception {
		try (CastyTestCluster cluster = Counters.cluster(3).noFailureDetection().start();
				CastyClient client = Counters.client(cluster)) {
			EntityRef<CounterMsg> counters = client.entityRef(Counters.TYPE, Counters.SHARDS, CounterMsg.class);
			TestNode victim = FailoverIntegrationTests.nonLeader(cluster);
			List<String> onVictim = FailoverIntegrationTests.entitiesOn(counters, victim.address(), 150);
			cluster.stopPushes();
			victim.kill();
			// The connection loss alone evicts the node; the coordinator still names it, so asks fail fast.
			assertThatAskFailsWithUnreachable(counters, onVictim.get(0), victim.address());
			cluster.markDown(victim.index());
			await().atMost(Duration.ofSeconds(5)).ignoreExceptions().untilAsserted(() -> {
				for (String id : onVictim) {
					assertThat(counters.ask(id, WhereAreYou::new, String.class).get(2, TimeUnit.SECONDS))
						.isNotEqualTo(victim.address().toString());
				}
			});
			assertThat(client.topology().current().unavailable()).contains(victim.address());
		}
	}

	private static void warmUp(EntityRef<CounterMsg> counters, int entities) throws Exception {
		for (int i = 0; i < entities; i++) {
			counters.ask("warm-" + i, WhereAreYou::new, String.class).get(5, TimeUnit.SECONDS);
		}
	}

	/** Every ask either succeeds on a live node or fails fast naming the dead one. */
	private static void assertServedOrFastFailure(CastyTestCluster cluster, EntityRef<CounterMsg> counters,
			NodeAddress dead, int entities) throws Exception {
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			int served = 0;
			List<String> failures = new ArrayList<>();
			for (int i = 0; i < entities; i++) {
				String id = "zombie-check-" + i;
				long start = System.nanoTime();
				try {
					String node = counters.ask(id, WhereAreYou::new, String.class).get(5, TimeUnit.SECONDS);
					assertThat(node).isNotEqualTo(dead.toString());
					served++;
				}
				catch (ExecutionException ex) {
					assertThat(ex.getCause()).isInstanceOf(NodeUnreachableException.class);
					assertThat(((NodeUnreachableException) ex.getCause()).getNode()).isEqualTo(dead);
					assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(ASK_TIMEOUT);
					failures.add(id);
				}
			}
			assertThat(served).isPositive();
			for (String id : failures) {
				NodeAddress owner = cluster.snapshot()
					.shardAllocations()
					.get(Counters.TYPE)
					.get(counters.shardOf(id))
					.primary();
				assertThat(owner).as("owner of failed entity %s", id).isEqualTo(dead);
			}
		});
	}

	private static void assertThatAskFailsWithUnreachable(EntityRef<CounterMsg> counters, String id, NodeAddress node) {
		await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
			long start = System.nanoTime();
			try {
				counters.ask(id, WhereAreYou::new, String.class).get(5, TimeUnit.SECONDS);
				throw new AssertionError("ask to " + id + " succeeded");
			}
			catch (ExecutionException ex) {
				assertThat(ex.getCause()).isInstanceOf(NodeUnreachableException.class)
					.hasMessageContaining(node.toString());
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(ASK_TIMEOUT);
			}
		});
	}

	private static String liveEntity(EntityRef<CounterMsg> counters, CastyTestCluster cluster, NodeAddress dead) {
		for (int i = 0; i < 1000; i++) {
			String id = "live-" + i;
			var allocation = cluster.snapshot().shardAllocations().get(Counters.TYPE).get(counters.shardOf(id));
			if (allocation != null && !allocation.primary().equals(dead)) {
				return id;
			}
		}
		throw new IllegalStateException("no live entity");
	}

}
