package io.casty.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.casty.client.ActorRef;
import io.casty.client.NodeAddress;
import io.casty.client.protocol.Frame;
import io.casty.client.protocol.FrameCodec;
import io.casty.client.protocol.MessageHeader;
import io.casty.client.protocol.messages.Find;
import io.casty.client.protocol.messages.GetShardLocation;
import io.casty.client.protocol.messages.Listing;
import io.casty.client.protocol.messages.MemberStatus;
import io.casty.client.protocol.messages.ReceptionistKey;
import io.casty.client.protocol.messages.ShardAllocation;
import io.casty.client.protocol.messages.ShardEnvelope;
import io.casty.client.protocol.messages.ShardLocation;
import io.casty.client.protocol.messages.SubscribeTopology;
import io.casty.client.protocol.messages.TopologySnapshot;
import io.casty.client.protocol.messages.UnsubscribeTopology;
import io.casty.testkit.DemoMessages.Add;
import io.casty.testkit.DemoMessages.Get;
import io.casty.testkit.DemoMessages.Greet;
import io.casty.testkit.DemoMessages.Greeting;
import io.casty.testkit.DemoMessages.Increment;
import io.casty.testkit.DemoMessages.WhereAreYou;
import io.casty.testkit.junit.CastyClusterExtension;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a client sees of a healthy 3-node test cluster, through raw sockets.
 */
class CastyTestClusterIntegrationTests {

	@RegisterExtension
	static final CastyClusterExtension extension = CastyClusterExtension.of(DemoMessages.wireDemo());

	private static String askPath() {
		return "/_ask/" + UUID.randomUUID().toString().replace("-", "");
	}

	@Test
	void clusterIsInjectedIntoTestMethods(CastyTestCluster cluster) {
		assertThat(cluster).isSameAs(extension.cluster());
		assertThat(cluster.contactPoints()).hasSize(3).allSatisfy((a) -> assertThat(a.port()).isPositive());
		assertThat(cluster.leader()).isEqualTo(cluster.node(0).address());
	}

	@Test
	void subscribeIsAnsweredAtOnceAndThenPushedPeriodically(CastyTestCluster cluster) {
		try (RawCastyClient client = RawCastyClient.connect(cluster, 0, "-jc-sub", 0)) {
			assertThat(client.awaitHandshake()).isEqualTo(
					new Frame.Handshake(cluster.node(0).address().host(), cluster.node(0).address().port(), true));
			client.send("/_cluster/_topology", new SubscribeTopology(client.ref("/_topology_sub")));
			TopologySnapshot snapshot = client.await(0, "/_topology_sub", TopologySnapshot.class);
			assertThat(snapshot.members()).hasSize(3).allSatisfy((m) -> assertThat(m.status()).isEqualTo(MemberStatus.UP));
			assertThat(snapshot.members().stream().map((m) -> m.id())).containsExactly("node-1", "node-2", "node-3");
			assertThat(snapshot.leader()).isEqualTo(cluster.node(0).address());
			assertThat(snapshot.registry()).singleElement()
				.satisfies((e) -> assertThat(e.path()).isEqualTo("/greeter-svc"))
				.satisfies((e) -> assertThat(e.node()).isEqualTo(cluster.node(1).address()));
			await().atMost(RawCastyClient.WAIT).until(() -> client.count("/_topology_sub") >= 3);
			assertThat(cluster.node(0).subscriberCount()).isEqualTo(1);

			client.send("/_cluster/_topology", new UnsubscribeTopology(client.ref("/_topology_sub")));
			await().atMost(RawCastyClient.WAIT).until(() -> cluster.node(0).subscriberCount() == 0);
			int after = client.count("/_topology_sub");
			await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(2))
				.until(() -> client.count("/_topology_sub") == after);
		}
	}

	@Test
	void leaderAllocatesOnGetShardLocationAndPublishes(CastyTestCluster cluster) {
		try (RawCastyClient client = RawCastyClient.connect(cluster, 0, "-jc-coord", 0)) {
			long epochBefore = cluster.snapshot().allocationEpoch();
			client.send("/_coord-counter", new GetShardLocation(11, client.ref("/_proxy-counter")));
			ShardLocation location = client.await(0, "/_proxy-counter", ShardLocation.class);
			assertThat(location.shardId()).isEqualTo(11);
			assertThat(cluster.contactPoints()).contains(location.node());
			assertThat(location.replicas()).isEmpty();
			TopologySnapshot snapshot = cluster.snapshot();
			assertThat(snapshot.shardAllocations().get("counter")).containsEntry(11L,
					new ShardAllocation(location.node(), List.of()));
			assertThat(snapshot.allocationEpoch()).isGreaterThan(epochBefore);

			int mark = client.mark();
			client.send("/_coord-profile", new GetShardLocation(5, client.ref("/_proxy-profile")));
			ShardLocation withReplica = client.await(mark, "/_proxy-profile", ShardLocation.class);
			assertThat(withReplica.replicas()).hasSize(1).doesNotContain(withReplica.node());
			assertThat(cluster.node(0).shardLocationRequests()).isGreaterThanOrEqualTo(2);
		}
	}

	@Test
	void followerAnswersKnownShardsAndLetsTheLeaderAnswerNewOnes(CastyTestCluster cluster) {
		try (RawCastyClient follower = RawCastyClient.connect(cluster, 2, "-jc-follower", 0)) {
			follower.send("/_coord-counter", new GetShardLocation(13, follower.ref("/_proxy-counter")));
			// The leader answers, through its own connection to -jc-follower:0, which does not exist.
			await().atMost(RawCastyClient.WAIT).until(() -> cluster.snapshot().shardAllocations()
				.getOrDefault("counter", java.util.Map.of()).containsKey(13L));
			await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
				.until(() -> follower.count("/_proxy-counter") == 0);

			try (RawCastyClient leader = RawCastyClient.connect(cluster, 0, "-jc-follower", 0)) {
				follower.send("/_coord-counter", new GetShardLocation(14, follower.ref("/_proxy-counter")));
				assertThat(leader.await(0, "/_proxy-counter", ShardLocation.class).shardId()).isEqualTo(14);
				assertThat(follower.count("/_proxy-counter")).isZero();
			}
			int mark = follower.mark();
			follower.send("/_coord-counter", new GetShardLocation(13, follower.ref("/_proxy-counter")));
			assertThat(follower.await(mark, "/_proxy-counter", ShardLocation.class).shardId()).isEqualTo(13);
		}
	}

	@Test
	void envelopeToRegionCreatesTheEntityThatRepliesToAnAskRef(CastyTestCluster cluster) {
		try (RawCastyClient client = RawCastyClient.connect(cluster, 1, "-jc-region", 0)) {
			long before = cluster.node(1).envelopesReceived("counter");
			String ask1 = askPath();
			client.send("/_region-counter", new ShardEnvelope("carol", new Increment(5, client.ref(ask1))));
			assertThat(client.await(0, ask1, Integer.class)).isEqualTo(5);
			String ask2 = askPath();
			client.send("/_region-counter", new ShardEnvelope("carol", new Increment(3, client.ref(ask2))));
			assertThat(client.await(0, ask2, Integer.class)).isEqualTo(8);
			assertThat(client.messages(ask2).get(0).header().typeHint()).isEqualTo("builtins.int");
			assertThat(client.messages(ask2).get(0).header().sender())
				.isEqualTo("casty://wire-demo@" + cluster.node(1).address() + "/");
			assertThat(cluster.node(1).envelopesReceived("counter")).isEqualTo(before + 2);

			// unwrapped, straight to the entity path
			client.send("/_region-counter/entity-carol", new Add(10));
			String ask3 = askPath();
			client.send("/_region-counter/entity-carol", new Get(client.ref(ask3)));
			assertThat(client.await(0, ask3, Integer.class)).isEqualTo(18);
		}
	}

	@Test
	void regionsDoNotCheckOwnership(CastyTestCluster cluster) {
		try (RawCastyClient a = RawCastyClient.connect(cluster, 0, "-jc-own", 0);
				RawCastyClient b = RawCastyClient.connect(cluster, 2, "-jc-own", 0)) {
			String ask1 = askPath();
			a.send("/_region-counter", new ShardEnvelope("dave", new Increment(5, a.ref(ask1))));
			assertThat(a.await(0, ask1, Integer.class)).isEqualTo(5);
			String ask2 = askPath();
			b.send("/_region-counter", new ShardEnvelope("dave", new Increment(1, b.ref(ask2))));
			assertThat(b.await(0, ask2, Integer.class)).isEqualTo(1);
		}
	}

	@Test
	void proxyPathRoutesOneHopAndTheOwnerReplies(CastyTestCluster cluster) {
		RawCastyClient[] clients = new RawCastyClient[3];
		try {
			for (int i = 0; i < 3; i++) {
				clients[i] = RawCastyClient.connect(cluster, i, "-jc-proxy", 0);
			}
			String ask = askPath();
			clients[2].send("/counter", new ShardEnvelope("erin", new WhereAreYou(clients[2].ref(ask))));
			long shard = cluster.shardOf("counter", "erin");
			NodeAddress owner = await().atMost(RawCastyClient.WAIT)
				.until(() -> cluster.snapshot().shardAllocations().getOrDefault("counter", java.util.Map.of()).get(shard),
						java.util.Objects::nonNull)
				.primary();
			int ownerIndex = cluster.contactPoints().indexOf(owner);
			assertThat(clients[ownerIndex].await(0, ask, String.class)).isEqualTo(owner.toString());
		}
		finally {
			for (RawCastyClient client : clients) {
				if (client != null) {
					client.close();
				}
			}
		}
	}

	@Test
	void findListsServicesAndServicesAnswer(CastyTestCluster cluster) {
		try (RawCastyClient client = RawCastyClient.connect(cluster, 1, "-jc-find", 0)) {
			String ask = askPath();
			client.send("/_cluster/_receptionist", new Find(new ReceptionistKey("greeter"), client.ref(ask)));
			Listing listing = client.await(0, ask, Listing.class);
			assertThat(listing.key().name()).isEqualTo("greeter");
			assertThat(listing.instances()).singleElement().satisfies((instance) -> {
				assertThat(instance.node()).isEqualTo(cluster.node(1).address());
				assertThat(instance.ref().uri()).isEqualTo("casty://wire-demo@" + cluster.node(1).address() + "/greeter-svc");
			});
			String unknown = askPath();
			client.send("/_cluster/_receptionist", new Find(new ReceptionistKey("nobody"), client.ref(unknown)));
			assertThat(client.await(0, unknown, Listing.class).instances()).isEmpty();

			String greet = askPath();
			client.send("/greeter-svc", new Greet("Bob", client.ref(greet)));
			Greeting greeting = client.await(0, greet, Greeting.class);
			assertThat(greeting.text()).isEqualTo("hello Bob");
			assertThat(greeting.nodeId()).isEqualTo(cluster.node(1).address().toString());
		}
	}

	@Test
	void goldenFramesOfARealClientAreAnswered(CastyTestCluster cluster) {
		try (RawCastyClient client = RawCastyClient.open(cluster, 0, "127.0.0.1", 0)) {
			client.writeRaw(Vectors.bytes("01-client_handshake.bin"));
			assertThat(client.awaitHandshake().port()).isEqualTo(cluster.node(0).address().port());
			client.writeRaw(Vectors.bytes("03-subscribe_topology.bin"));
			assertThat(client.await(0, "/_topology_sub", TopologySnapshot.class).members()).hasSize(3);
			client.writeRaw(Vectors.bytes("05-get_shard_location.bin"));
			assertThat(client.await(0, "/_proxy-counter", ShardLocation.class).shardId()).isEqualTo(2);
			client.writeRaw(Vectors.bytes("08-shard_envelope_increment.bin"));
			Frame.Message reply = await().atMost(RawCastyClient.WAIT)
				.until(() -> client.messages("/_ask/5b6f6d9b84744629a5e2b9f8b4a075d8"), (l) -> !l.isEmpty())
				.get(0);
			assertThat(new String(reply.payload(), StandardCharsets.UTF_8)).isEqualTo("5");
			assertThat(reply.header().target())
				.isEqualTo("casty://wire-demo-client@127.0.0.1:0/_ask/5b6f6d9b84744629a5e2b9f8b4a075d8");
			client.writeRaw(Vectors.bytes("33-unsubscribe_topology.bin"));
			await().atMost(RawCastyClient.WAIT).until(() -> cluster.node(0).subscriberCount() == 0);
		}
	}

	@Test
	void badInputIsDroppedAndTheConnectionKeepsWorking(CastyTestCluster cluster) {
		TestNode node = cluster.node(2);
		try (RawCastyClient client = RawCastyClient.connect(cluster, 2, "-jc-bad", 0)) {
			long droppedBefore = node.droppedMessages();
			long invalidBefore = node.invalidFrames();
			client.writeRaw(messageFrame("/_cluster/_topology", "not json at all".getBytes(StandardCharsets.UTF_8)));
			client.writeRaw(messageFrame("/_cluster/_topology",
					"{\"_type\": \"nowhere.Unknown\", \"x\": 1}".getBytes(StandardCharsets.UTF_8)));
			client.writeRaw(messageFrame("/_region-counter",
					("{\"_type\": \"casty.cluster.envelope.ShardEnvelope\", \"entity_id\": \"x\", "
							+ "\"message\": {\"_type\": \"nowhere.Unknown\"}}").getBytes(StandardCharsets.UTF_8)));
			client.send("/no/such/actor", new Add(1));
			client.writeRaw(new byte[] { 0, 0, 0, 0 });
			client.writeRaw(new byte[] { 0, 0, 0, 3, 2, 'x', 'y' });
			client.writeRaw(new byte[] { 0, 0, 0, 5, 1, 0, 0, 0, 99 });
			client.send("/_cluster/_topology", new SubscribeTopology(client.ref("/_topology_sub")));
			assertThat(client.await(0, "/_topology_sub", TopologySnapshot.class).members()).hasSize(3);
			assertThat(client.isOpen()).isTrue();
			assertThat(node.droppedMessages()).isGreaterThanOrEqualTo(droppedBefore + 4);
			assertThat(node.invalidFrames()).isGreaterThanOrEqualTo(invalidBefore + 2);
			client.send("/_cluster/_topology", new UnsubscribeTopology(client.ref("/_topology_sub")));
		}
	}

	@Test
	void lowerIdentityReplacesTheOldConnection(CastyTestCluster cluster) {
		try (RawCastyClient first = RawCastyClient.connect(cluster, 0, "-jc-race", 7);
				RawCastyClient second = RawCastyClient.connect(cluster, 0, "-jc-race", 7)) {
			first.awaitClosed();
			String ask = askPath();
			second.send("/_region-counter", new ShardEnvelope("race", new Increment(1, second.ref(ask))));
			assertThat(second.await(0, ask, Integer.class)).isEqualTo(1);
		}
	}

	@Test
	void higherIdentityKeepsTheOldConnectionAndClosesTheNewOne(CastyTestCluster cluster) {
		try (RawCastyClient first = RawCastyClient.connect(cluster, 0, "zz-client", 1);
				RawCastyClient second = RawCastyClient.connect(cluster, 0, "zz-client", 1)) {
			assertThat(second.awaitHandshake().port()).isEqualTo(cluster.node(0).address().port());
			second.awaitClosed();
			String ask = askPath();
			first.send("/_region-counter", new ShardEnvelope("zz", new Increment(2, first.ref(ask))));
			assertThat(first.await(0, ask, Integer.class)).isEqualTo(2);
			assertThat(first.isOpen()).isTrue();
		}
	}

	@Test
	void typesNobodyHostsStaySilent(CastyTestCluster cluster) {
		try (RawCastyClient client = RawCastyClient.connect(cluster, 0, "-jc-silent", 0)) {
			long before = cluster.node(0).shardLocationRequests();
			client.send("/_coord-ghost", new GetShardLocation(1, client.ref("/_proxy-ghost")));
			await().atMost(RawCastyClient.WAIT).until(() -> cluster.node(0).shardLocationRequests() > before);
			await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
				.until(() -> client.count("/_proxy-ghost") == 0);
		}
	}

	static ByteBuf messageFrame(String path, byte[] payload) {
		ByteBuf buf = Unpooled.buffer();
		FrameCodec.writeMessage(new MessageHeader("casty://x@h:1" + path, "casty://x@h:1/", "builtins.str"), payload,
				buf);
		return buf;
	}

	static ActorRef<Object> unused() {
		return ActorRef.parse("casty://x@h:1/unused");
	}

}
