package io.casty.client.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.casty.client.ActorRef;
import io.casty.client.CastyClient;
import io.casty.client.EntityRef;
import io.casty.client.SocketOptions;
import io.casty.client.it.Counters.CounterMsg;
import io.casty.client.it.Counters.GetCount;
import io.casty.client.it.Counters.Increment;
import io.casty.client.transport.ClientIdentity;
import io.casty.client.transport.ConnectionManager;
import io.casty.testkit.CastyTestCluster;
import io.casty.testkit.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several connections per node ({@code connectionsPerNode}): each under its own identity,
 * replies come back to the lane of their request, one entity's messages keep their order,
 * and closing the client closes every lane.
 */
class ConnectionLanesIntegrationTests {

	private static final int LANES = 3;

	private static CastyTestCluster cluster;

	@BeforeAll
	static void start() {
		cluster = Counters.cluster(3).start();
	}

	@AfterAll
	static void stop() {
		cluster.close();
	}

	@Test
	void everyLaneHasItsOwnIdentityAndRepliesReturnToTheLaneOfTheirRequest() throws Exception {
		Map<TestNode, Integer> before = connectionsByNode();
		try (CastyClient client = CastyClient
			.start(Counters.options(cluster).socket((s) -> s.connectionsPerNode(LANES)).build())) {
			client.awaitTopology(Duration.ofSeconds(5));
			List<ClientIdentity> identities = client.clientIdentities();
			assertThat(identities).hasSize(LANES).doesNotHaveDuplicates();
			assertThat(identities.get(0)).isEqualTo(client.clientIdentity());
			EntityRef<CounterMsg> counters = client.entityRef(Counters.TYPE, Counters.SHARDS, CounterMsg.class);

			Map<String, ActorRef<?>> replyRefs = new ConcurrentHashMap<>();
			List<CompletableFuture<Integer>> replies = new ArrayList<>();
			int entities = 120;
			for (int i = 0; i < entities; i++) {
				String id = "lane-" + i;
				counters.tell(id, new Increment(i));
				replies.add(counters.ask(id, (ActorRef<Integer> r) -> {
					replyRefs.put(id, r);
					return new GetCount(r);
				}, Integer.class));
			}
			Set<Integer> lanesUsed = new HashSet<>();
			for (int i = 0; i < entities; i++) {
				String id = "lane-" + i;
				assertThat(replies.get(i).get(5, TimeUnit.SECONDS)).as(id).isEqualTo(i);
				int lane = ConnectionManager.laneOf(id, LANES);
				lanesUsed.add(lane);
				ActorRef<?> ref = replyRefs.get(id);
				assertThat(ref.address().host()).isEqualTo(identities.get(lane).host());
				assertThat(ref.address().port()).as("reply port of %s (lane %d)", id, lane)
					.isEqualTo(identities.get(lane).port());
			}
			assertThat(lanesUsed).hasSize(LANES);
			// every node served entities on every lane: one connection per lane per node
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				for (TestNode node : cluster.nodes()) {
					assertThat(node.connectionsOpen() - before.get(node)).as("client connections of %s", node)
						.isEqualTo(LANES);
				}
			});
		}
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(connectionsByNode()).isEqualTo(before));
	}

	@Test
	void byDefaultTestkitNodesGetOneConnectionEachAsTheirHandshakeDeclaresPipelinedReads() throws Exception {
		Map<TestNode, Integer> before = connectionsByNode();
		try (CastyClient client = CastyClient.start(Counters.options(cluster).build())) {
			client.awaitTopology(Duration.ofSeconds(5));
			List<ClientIdentity> identities = client.clientIdentities();
			assertThat(identities).hasSize(SocketOptions.CONNECTIONS_PER_CASTY_NODE);
			EntityRef<CounterMsg> counters = client.entityRef(Counters.TYPE, Counters.SHARDS, CounterMsg.class);
			Map<String, ActorRef<?>> replyRefs = new ConcurrentHashMap<>();
			List<CompletableFuture<Integer>> replies = new ArrayList<>();
			for (int i = 0; i < 120; i++) {
				String id = "default-" + i;
				counters.tell(id, new Increment(i));
				replies.add(counters.ask(id, (ActorRef<Integer> r) -> {
					replyRefs.put(id, r);
					return new GetCount(r);
				}, Integer.class));
			}
			for (int i = 0; i < 120; i++) {
				assertThat(replies.get(i).get(5, TimeUnit.SECONDS)).isEqualTo(i);
				assertThat(replyRefs.get("default-" + i).address().port()).isEqualTo(identities.get(0).port());
			}
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				for (TestNode node : cluster.nodes()) {
					assertThat(node.connectionsOpen() - before.get(node)).as("client connections of %s", node)
						.isEqualTo(1);
				}
			});
		}
	}

	@Test
	void byDefaultTestkitNodesAnsweringAsCastyDoesGetFourConnectionsEach() throws Exception {
		try (CastyTestCluster casty = Counters.cluster(2).pipelinedHandshake(false).start()) {
			Map<TestNode, Integer> before = new HashMap<>();
			casty.nodes().forEach((node) -> before.put(node, node.connectionsOpen()));
			try (CastyClient client = CastyClient.start(Counters.options(casty).build())) {
				client.awaitTopology(Duration.ofSeconds(5));
				List<ClientIdentity> identities = client.clientIdentities();
				EntityRef<CounterMsg> counters = client.entityRef(Counters.TYPE, Counters.SHARDS, CounterMsg.class);
				Map<String, ActorRef<?>> replyRefs = new ConcurrentHashMap<>();
				for (int i = 0; i < 40; i++) {
					String id = "as-casty-" + i;
					counters.tell(id, new Increment(i));
					assertThat(counters.ask(id, (ActorRef<Integer> r) -> {
						replyRefs.put(id, r);
						return new GetCount(r);
					}, Integer.class).get(5, TimeUnit.SECONDS)).isEqualTo(i);
					int lane = ConnectionManager.laneOf(id, SocketOptions.CONNECTIONS_PER_CASTY_NODE);
					assertThat(replyRefs.get(id).address().port()).as("reply port of %s (lane %d)", id, lane)
						.isEqualTo(identities.get(lane).port());
				}
				await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
					for (TestNode node : casty.nodes()) {
						assertThat(node.connectionsOpen() - before.get(node)).as("client connections of %s", node)
							.isEqualTo(SocketOptions.CONNECTIONS_PER_CASTY_NODE);
					}
				});
			}
		}
	}

	@Test
	void byDefaultANodeThatDeclaresNothingGetsFourConnectionsAndRepliesReturnToTheLaneOfTheirRequest()
			throws Exception {
		try (HostileNode node = HostileNode.counters()) {
			node.behavior((peer, envelope) -> {
				if (envelope.message() instanceof GetCount get) {
					peer.tell(get.replyTo(), 7);
				}
			});
			try (CastyClient client = CastyClient.start(HostileNodeIntegrationTests.options(node)
				.socket((s) -> s.connectionsPerNode(SocketOptions.DEFAULT_CONNECTIONS_PER_NODE))
				.build())) {
				client.awaitTopology(Duration.ofSeconds(5));
				List<ClientIdentity> identities = client.clientIdentities();
				EntityRef<CounterMsg> counters = client.entityRef(Counters.TYPE, Counters.SHARDS, CounterMsg.class);
				Map<String, ActorRef<?>> replyRefs = new ConcurrentHashMap<>();
				Set<Integer> lanesUsed = new HashSet<>();
				for (int i = 0; i < 40; i++) {
					String id = "casty-" + i;
					assertThat(counters.ask(id, (ActorRef<Integer> r) -> {
						replyRefs.put(id, r);
						return new GetCount(r);
					}, Integer.class).get(5, TimeUnit.SECONDS)).isEqualTo(7);
					int lane = ConnectionManager.laneOf(id, SocketOptions.CONNECTIONS_PER_CASTY_NODE);
					lanesUsed.add(lane);
					assertThat(replyRefs.get(id).address().port()).as("reply port of %s (lane %d)", id, lane)
						.isEqualTo(identities.get(lane).port());
				}
				assertThat(lanesUsed).hasSize(SocketOptions.CONNECTIONS_PER_CASTY_NODE);
				assertThat(node.openConnections()).isEqualTo(SocketOptions.CONNECTIONS_PER_CASTY_NODE);
			}
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void messagesToOneEntityKeepTheirOrderAcrossLanes() throws Exception {
		try (CastyClient client = CastyClient
			.start(Counters.options(cluster).socket((s) -> s.connectionsPerNode(LANES)).build())) {
			client.awaitTopology(Duration.ofSeconds(5));
			EntityRef<CounterMsg> counters = client.entityRef(Counters.TYPE, Counters.SHARDS, CounterMsg.class);
			List<String> ids = new ArrayList<>();
			for (int i = 0; i < 9; i++) {
				ids.add("lane-order-" + i);
			}
			Map<String, Integer> byLane = new HashMap<>();
			for (String id : ids) {
				byLane.merge("lane " + ConnectionManager.laneOf(id, LANES), 1, Integer::sum);
			}
			assertThat(byLane).as("the ids cover more than one lane").hasSizeGreaterThan(1);
			for (int i = 0; i < 400; i++) {
				for (String id : ids) {
					counters.tell(id, new Counters.Append(i));
				}
			}
			for (String id : ids) {
				List<Object> log = counters.ask(id, Counters.GetLog::new, List.class).get(5, TimeUnit.SECONDS);
				assertThat(log).as(id).hasSize(400);
				for (int i = 0; i < 400; i++) {
					assertThat(log.get(i)).as("%s[%d]", id, i).isEqualTo(i);
				}
			}
		}
	}

	@Test
	void withAFixedAdvertisedPortLaneKAdvertisesPortPlusK() throws Exception {
		try (CastyClient client = CastyClient
			.start(Counters.options(cluster)
				.socket((s) -> s.connectionsPerNode(LANES))
				.listen((l) -> l.advertisedPort(41000))
				.build())) {
			client.awaitTopology(Duration.ofSeconds(5));
			assertThat(client.clientIdentities()).extracting(ClientIdentity::port).containsExactly(41000, 41001, 41002);
			EntityRef<CounterMsg> counters = client.entityRef(Counters.TYPE, Counters.SHARDS, CounterMsg.class);
			for (int i = 0; i < 30; i++) {
				counters.tell("advertised-" + i, new Increment(2));
			}
			for (int i = 0; i < 30; i++) {
				assertThat(counters.ask("advertised-" + i, GetCount::new, Integer.class).get(5, TimeUnit.SECONDS))
					.isEqualTo(2);
			}
		}
	}

	private static Map<TestNode, Integer> connectionsByNode() {
		Map<TestNode, Integer> counts = new HashMap<>();
		for (TestNode node : cluster.nodes()) {
			counts.put(node, node.connectionsOpen());
		}
		return counts;
	}

}
