package io.casty.client.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.casty.client.ActorRef;
import io.casty.client.CastyClient;
import io.casty.client.EntityRef;
import io.casty.client.MessageCodecException;
import io.casty.client.NodeAddress;
import io.casty.client.ReplyType;
import io.casty.client.ServiceKey;
import io.casty.client.ServiceListing;
import io.casty.client.it.Counters.CounterMsg;
import io.casty.client.it.Counters.Echo;
import io.casty.client.it.Counters.GetCount;
import io.casty.client.it.Counters.Increment;
import io.casty.client.it.Counters.WhereAreYou;
import io.casty.testkit.CastyTestCluster;
import io.casty.testkit.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Routing, tells and asks against a healthy 3-node cluster.
 */
class RoutingIntegrationTests {

	private static CastyTestCluster cluster;

	private static CastyClient client;

	private static EntityRef<CounterMsg> counters;

	@BeforeAll
	static void start() {
		cluster = Counters.cluster(3).start();
		client = Counters.client(cluster);
		counters = client.entityRef(Counters.TYPE, Counters.SHARDS, CounterMsg.class);
	}

	@AfterAll
	static void stop() {
		client.close();
		cluster.close();
	}

	@Test
	void entityRepliesFromTheNodeTheSnapshotAllocatesItsShardToAndNoSecondNodeIsInvolved() throws Exception {
		Map<NodeAddress, Long> before = envelopesByNode();
		Map<String, Long> answeredBy = new HashMap<>();
		int asks = 60;
		for (int i = 0; i < asks; i++) {
			String id = "direct-" + i;
			String node = counters.ask(id, WhereAreYou::new, String.class).get(5, TimeUnit.SECONDS);
			long shard = counters.shardOf(id);
			assertThat(cluster.snapshot().shardAllocations().get(Counters.TYPE).get(shard).primary().toString())
				.as("allocation of shard %d", shard)
				.isEqualTo(node);
			assertThat(counters.ownerOf(id)).map(NodeAddress::toString).contains(node);
			answeredBy.merge(node, 1L, Long::sum);
		}
		Map<NodeAddress, Long> after = envelopesByNode();
		long total = 0;
		for (TestNode node : cluster.nodes()) {
			long received = after.get(node.address()) - before.get(node.address());
			assertThat(received).as("envelopes received by %s", node.address())
				.isEqualTo(answeredBy.getOrDefault(node.address().toString(), 0L));
			total += received;
		}
		assertThat(total).isEqualTo(asks);
		assertThat(answeredBy).hasSizeGreaterThan(1);
	}

	@Test
	void tellsAndAsksToAThousandEntitiesLoseNothing() {
		int entities = 1000;
		Map<String, Integer> expected = new HashMap<>();
		for (int round = 0; round < 3; round++) {
			for (int i = 0; i < entities; i++) {
				String id = "bulk-" + i;
				int amount = (i % 7) + 1 + round;
				counters.tell(id, new Increment(amount));
				expected.merge(id, amount, Integer::sum);
			}
		}
		List<CompletableFuture<Integer>> replies = new ArrayList<>();
		for (int i = 0; i < entities; i++) {
			replies.add(counters.ask("bulk-" + i, GetCount::new, Integer.class));
		}
		long sum = 0;
		for (int i = 0; i < entities; i++) {
			int count = replies.get(i).join();
			assertThat(count).as("bulk-%d", i).isEqualTo(expected.get("bulk-" + i));
			sum += count;
		}
		assertThat(sum).isEqualTo(expected.values().stream().mapToLong(Integer::longValue).sum());
		assertThat(client.pendingAsks()).isZero();
		assertThat(client.bufferedMessages()).isZero();
	}

	@Test
	@SuppressWarnings("unchecked")
	void messagesToOneEntityKeepTheirOrderFromTheFirstCacheMissOn() throws Exception {
		List<String> ids = List.of("order-a", "order-b", "order-c");
		for (int i = 0; i < 500; i++) {
			for (String id : ids) {
				counters.tell(id, new Counters.Append(i));
			}
		}
		for (String id : ids) {
			List<Object> log = counters.ask(id, Counters.GetLog::new, List.class).get(5, TimeUnit.SECONDS);
			assertThat(log).hasSize(500);
			for (int i = 0; i < 500; i++) {
				assertThat(log.get(i)).as("%s[%d]", id, i).isEqualTo(i);
			}
		}
	}

	@Test
	void aGenericReplyTypeDecodesTheElementsIntoItsTypeArgument() throws Exception {
		for (int i = 0; i < 3; i++) {
			counters.tell("generic-log", new Counters.Append(i * 7));
		}
		List<Integer> log = counters
			.ask("generic-log", (ActorRef<List<Integer>> r) -> new Counters.GetLog(r.narrow()),
					new ReplyType<List<Integer>>() {
					})
			.get(5, TimeUnit.SECONDS);
		assertThat(log).containsExactly(0, 7, 14);
		assertThat(log.get(1)).isInstanceOf(Integer.class);
		CompletableFuture<List<String>> wrong = counters.ask("generic-log",
				(ActorRef<List<String>> r) -> new Counters.GetLog(r.narrow()), new ReplyType<List<String>>() {
				});
		assertThatThrownBy(() -> wrong.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(MessageCodecException.class)
			.hasMessageContaining("java.lang.String was expected");
	}

	@Test
	void aServiceKeyRegistersItsMessageTypeSoAClientNeedsNoOtherDeclaration() throws Exception {
		// no message types declared: Echo gets registered through the service key
		try (CastyClient bare = CastyClient.start(io.casty.client.CastyClientOptions.builder()
			.contactPoints(cluster.contactPoints())
			.systemName(cluster.systemName())
			.build())) {
			bare.awaitTopology(Duration.ofSeconds(5));
			assertThat(bare.messageTypes().isRegistered(Echo.class)).isFalse();
			ServiceListing<Echo> listing = bare.services().lookup(ServiceKey.of("echo", Echo.class));
			assertThat(bare.messageTypes().isRegistered(Echo.class)).isTrue();
			String reply = bare.ask(listing.first().orElseThrow(), (replyTo) -> new Echo("bare", replyTo), String.class)
				.get(5, TimeUnit.SECONDS);
			assertThat(reply).endsWith(":bare");
		}
	}

	@Test
	void twoClientsNeverReceiveEachOthersReplies() throws Exception {
		try (CastyClient other = Counters.client(cluster)) {
			EntityRef<CounterMsg> mine = counters;
			EntityRef<CounterMsg> theirs = other.entityRef(Counters.TYPE, Counters.SHARDS, CounterMsg.class);
			assertThat(other.clientIdentity()).isNotEqualTo(client.clientIdentity());
			for (int i = 0; i < 50; i++) {
				mine.tell("mine-" + i, new Increment(1));
				theirs.tell("theirs-" + i, new Increment(1000));
			}
			List<CompletableFuture<Integer>> a = new ArrayList<>();
			List<CompletableFuture<Integer>> b = new ArrayList<>();
			for (int i = 0; i < 50; i++) {
				a.add(mine.ask("mine-" + i, GetCount::new, Integer.class));
				b.add(theirs.ask("theirs-" + i, GetCount::new, Integer.class));
			}
			for (int i = 0; i < 50; i++) {
				assertThat(a.get(i).get(5, TimeUnit.SECONDS)).isEqualTo(1);
				assertThat(b.get(i).get(5, TimeUnit.SECONDS)).isEqualTo(1000);
			}
		}
	}

	@Test
	void servicesAreFoundInTheTopologyAndThroughTheReceptionist() throws Exception {
		ServiceKey<Echo> key = ServiceKey.of("echo", Echo.class);
		await().atMost(Duration.ofSeconds(5)).until(() -> !client.services().lookup(key).isEmpty());
		ServiceListing<Echo> listing = client.services().lookup(key);
		assertThat(listing.instances()).singleElement()
			.satisfies((ref) -> assertThat(ref.address().path()).isEqualTo("/echo-svc"));
		String reply = client.ask(listing.first().orElseThrow(), (replyTo) -> new Echo("hi", replyTo), String.class)
			.get(5, TimeUnit.SECONDS);
		assertThat(reply).isEqualTo(cluster.node(0).address() + ":hi");
		ServiceListing<Echo> found = client.services().find(key, Duration.ofSeconds(3)).get(5, TimeUnit.SECONDS);
		assertThat(found.instances()).isEqualTo(listing.instances());
		assertThat(client.services().lookup(ServiceKey.of("nope", Echo.class)).isEmpty()).isTrue();
	}

	private static Map<NodeAddress, Long> envelopesByNode() {
		Map<NodeAddress, Long> counts = new HashMap<>();
		for (TestNode node : cluster.nodes()) {
			counts.put(node.address(), node.envelopesReceived(Counters.TYPE));
		}
		return counts;
	}

}
