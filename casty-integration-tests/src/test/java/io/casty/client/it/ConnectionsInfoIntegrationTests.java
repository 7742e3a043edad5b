package io.casty.client.it;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import io.casty.client.CastyClient;
import io.casty.client.ConnectionsInfo;
import io.casty.client.ConnectionsInfo.Connection;
import io.casty.client.ConnectionsInfo.ConnectionState;
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
 * {@link CastyClient#connections()}: what operators see of the client's connections while
 * nodes fail and come back.
 */
class ConnectionsInfoIntegrationTests {

	@Test
	void everyMemberIsReachableOverAnOpenLaneZeroConnectionOnceTheTopologyArrived() {
		try (CastyTestCluster cluster = Counters.cluster(3).noFailureDetection().start();
				CastyClient client = Counters.client(cluster)) {
			Instant before = Instant.now();
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				ConnectionsInfo info = client.connections();
				assertThat(info.members()).extracting(ConnectionsInfo.MemberReachability::node)
					.containsExactlyElementsOf(cluster.nodes().stream().map(TestNode::address).sorted().toList());
				assertThat(info.members()).allSatisfy((m) -> {
					assertThat(m.reachable()).isTrue();
					assertThat(m.reason()).isNull();
				});
				for (TestNode node : cluster.nodes()) {
					assertThat(info.connectionsTo(node.address())).singleElement().satisfies((c) -> {
						assertThat(c.lane()).isZero();
						assertThat(c.state()).isEqualTo(ConnectionState.OPEN);
						assertThat(c.reconnectAttempts()).isZero();
						assertThat(c.lastFailure()).isNull();
						assertThat(c.pendingWriteBytes()).isGreaterThanOrEqualTo(0);
					});
				}
			});
			assertThat(client.connections().takenAt()).isAfterOrEqualTo(before);
		}
	}

	@Test
	void aKilledNodeShowsAFailedConnectionWithItsReasonAndReconnectAttemptsThenOpensAgainAfterRestart()
			throws Exception {
		try (CastyTestCluster cluster = Counters.cluster(3).noFailureDetection().start();
				CastyClient client = CastyClient
					.start(Counters.options(cluster).socket((s) -> s.connectionsPerNode(2)).build())) {
			client.awaitTopology(Duration.ofSeconds(5));
			EntityRef<CounterMsg> counters = client.entityRef(Counters.TYPE, Counters.SHARDS, CounterMsg.class);
			for (int i = 0; i < 40; i++) {
				counters.ask("lanes-" + i, WhereAreYou::new, String.class).get(5, TimeUnit.SECONDS);
			}
			TestNode victim = cluster.node(2);
			NodeAddress address = victim.address();
			assertThat(client.connections().connectionsTo(address)).extracting(Connection::lane).containsExactly(0, 1);
			victim.kill();
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				ConnectionsInfo info = client.connections();
				assertThat(info.member(address)).hasValueSatisfying((m) -> {
					assertThat(m.reachable()).isFalse();
					assertThat(m.reason()).startsWith("Its connection failed: ").contains(address.toString());
				});
				Connection lane0 = info.connectionsTo(address).get(0);
				assertThat(lane0.state()).isEqualTo(ConnectionState.FAILED);
				assertThat(lane0.lastFailure()).contains(address.toString());
				assertThat(lane0.reconnectAttempts()).isPositive();
				assertThat(info.member(cluster.node(0).address())).hasValueSatisfying((m) -> assertThat(m.reachable()).isTrue());
			});
			victim.restart();
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				ConnectionsInfo info = client.connections();
				assertThat(info.member(address)).hasValueSatisfying((m) -> assertThat(m.reachable()).isTrue());
				Connection lane0 = info.connectionsTo(address).get(0);
				assertThat(lane0.state()).isEqualTo(ConnectionState.OPEN);
				assertThat(lane0.reconnectAttempts()).isZero();
				assertThat(lane0.lastFailure()).as("the last failure stays visible after recovery").isNotNull();
			});
		}
	}

	@Test
	void membersTheClusterMarksUnreachableOrDownAreReportedWithTheClustersReason() {
		try (CastyTestCluster cluster = Counters.cluster(3).noFailureDetection().start();
				CastyClient client = Counters.client(cluster)) {
			cluster.markUnreachable(1);
			cluster.markDown(2);
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				ConnectionsInfo info = client.connections();
				assertThat(info.member(cluster.node(1).address())).hasValueSatisfying((m) -> {
					assertThat(m.reachable()).isFalse();
					assertThat(m.reason()).isEqualTo("The cluster's failure detector marks it unreachable");
				});
				assertThat(info.member(cluster.node(2).address())).hasValueSatisfying((m) -> {
					assertThat(m.reachable()).isFalse();
					assertThat(m.reason()).isEqualTo("The cluster marks it down");
				});
				assertThat(info.member(cluster.node(0).address())).hasValueSatisfying((m) -> assertThat(m.reachable()).isTrue());
			});
		}
	}

}
