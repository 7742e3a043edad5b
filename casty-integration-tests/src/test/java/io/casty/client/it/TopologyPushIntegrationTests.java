package io.casty.client.it;

import java.time.Duration;
import java.time.Instant;

import io.casty.client.CastyClient;
import io.casty.client.NodeAddress;
import io.casty.client.topology.TopologyView;
import io.casty.testkit.CastyTestCluster;
import io.casty.testkit.TestNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an idle client does with the snapshots a cluster pushes: unchanged ones are not
 * decoded into a new view, changed ones are, and polls stop while pushes come and resume when
 * they stop.
 */
class TopologyPushIntegrationTests {

	private static final String WIDE = "wide";

	private static CastyTestCluster cluster() {
		return Counters.cluster(2).pushInterval(Duration.ofMillis(50)).noFailureDetection().start();
	}

	private static long snapshotsSent(CastyTestCluster cluster) {
		return cluster.nodes().stream().mapToLong(TestNode::snapshotsSent).sum();
	}

	private static long framesReceived(CastyTestCluster cluster) {
		return cluster.nodes().stream().mapToLong(TestNode::framesReceived).sum();
	}

	@Test
	void unchangedSnapshotsKeepTheViewsRoutesAndAChangedOneReplacesThem() {
		try (CastyTestCluster cluster = cluster(); CastyClient client = Counters.client(cluster)) {
			cluster.allocateAllShards(Counters.TYPE);
			await().atMost(Duration.ofSeconds(5))
				.until(() -> client.topology().current().shardTypes().contains(Counters.TYPE));
			TopologyView first = client.topology().current();
			long sent = snapshotsSent(cluster);

			await().atMost(Duration.ofSeconds(10)).until(() -> snapshotsSent(cluster) >= sent + 10
					&& client.topology().current().receivedAt().isAfter(first.receivedAt()));

			TopologyView later = client.topology().current();
			assertThat(later).isNotSameAs(first);
			assertThat(later.members()).isSameAs(first.members());
			assertThat(later.routes()).isSameAs(first.routes());

			NodeAddress owner = first.owner(Counters.TYPE, 7);
			int other = cluster.contactPoints().get(0).equals(owner) ? 1 : 0;
			cluster.allocateShard(Counters.TYPE, 7, other);
			await().atMost(Duration.ofSeconds(5))
				.until(() -> cluster.contactPoints().get(other).equals(client.topology().current().owner(Counters.TYPE, 7)));
			TopologyView changed = client.topology().current();
			assertThat(changed.members()).isNotSameAs(first.members());
			assertThat(changed.allocationEpoch()).isGreaterThan(first.allocationEpoch());
			assertThat(changed.owner(Counters.TYPE, 8)).isEqualTo(first.owner(Counters.TYPE, 8));
		}
	}

	@Test
	void largeUnchangedSnapshotsKeepTheViewAndChangesBackAndForthAreRouted() {
		// 500 allocations: a push of about 90 KB, gathered from several reads and, unchanged,
		// recognised in the network buffers
		try (CastyTestCluster cluster = Counters.cluster(2)
			.shardedType(WIDE, 500, (id) -> (context, message) -> {
			})
			.pushInterval(Duration.ofMillis(50))
			.noFailureDetection()
			.start(); CastyClient client = Counters.client(cluster)) {
			cluster.allocateAllShards(WIDE);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> client.topology().current().allocatedShards(WIDE).size() == 500);
			TopologyView first = client.topology().current();
			long sent = snapshotsSent(cluster);

			await().atMost(Duration.ofSeconds(10)).until(() -> snapshotsSent(cluster) >= sent + 10
					&& client.topology().current().receivedAt().isAfter(first.receivedAt()));

			TopologyView later = client.topology().current();
			assertThat(later.members()).isSameAs(first.members());
			assertThat(later.routes()).isSameAs(first.routes());

			NodeAddress owner = first.owner(WIDE, 7);
			int before = cluster.contactPoints().indexOf(owner);
			int other = 1 - before;
			cluster.allocateShard(WIDE, 7, other);
			await().atMost(Duration.ofSeconds(5))
				.until(() -> cluster.contactPoints().get(other).equals(client.topology().current().owner(WIDE, 7)));
			cluster.allocateShard(WIDE, 7, before);
			await().atMost(Duration.ofSeconds(5)).until(() -> owner.equals(client.topology().current().owner(WIDE, 7)));
			assertThat(client.topology().current().owner(WIDE, 8)).isEqualTo(first.owner(WIDE, 8));
		}
	}

	@Test
	void pollsStopWhilePushesComeAndResumeWhenTheyStop() {
		try (CastyTestCluster cluster = cluster(); CastyClient client = Counters.client(cluster)) {
			await().atMost(Duration.ofSeconds(5))
				.until(() -> cluster.nodes().stream().allMatch((node) -> node.connectionsOpen() > 0));
			long frames = framesReceived(cluster);
			long sent = snapshotsSent(cluster);

			// 40 pushes at 50 ms take 2 s, in which a client polling every 200 ms would poll 10 times
			await().atMost(Duration.ofSeconds(20)).until(() -> snapshotsSent(cluster) >= sent + 40);

			assertThat(framesReceived(cluster) - frames).as("frames the idle client sent").isLessThanOrEqualTo(3);

			cluster.stopPushes();
			Instant stopped = Instant.now();
			long polled = framesReceived(cluster);
			await().atMost(Duration.ofSeconds(10)).until(() -> framesReceived(cluster) >= polled + 3
					&& client.topology().current().receivedAt().isAfter(stopped.plusMillis(400)));
		}
	}

}
