package io.casty.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.casty.client.NodeAddress;
import io.casty.testkit.CastyTestCluster;
import io.casty.testkit.TestNode;
import io.casty.testkit.launcher.SampleMessages;
import io.casty.testkit.launcher.TestClusterLauncher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every command of the tool against a testkit cluster serving the sample's {@code counter}
 * entities and {@code payment} services, plus a {@code status} type replying with a
 * dataclass.
 */
class CastyCliIntegrationTests {

	private static final String SYSTEM = "shop";

	private static final String INCREMENT = "{\"_type\": \"casty_sample.messages.Increment\", \"amount\": 5}";

	private static final String GET_COUNT = "{\"_type\": \"casty_sample.messages.GetCount\"}";

	private static CastyTestCluster cluster;

	private static String contact;

	@BeforeAll
	static void startCluster() {
		cluster = TestClusterLauncher.builder(new String[] { "--system", SYSTEM, "--failure-detection-ms", "500" })
			.shardedType("status", 10, (id) -> (context, message) -> {
				if (message instanceof SampleMessages.GetStatus get) {
					context.tell(get.replyTo(), new SampleMessages.PaymentStatus(id, 7));
				}
			})
			.start();
		contact = cluster.contactPoints().get(0).toString();
	}

	@AfterAll
	static void stopCluster() {
		cluster.close();
	}

	@Test
	void helpListsEveryCommandAndTheExitCodes() {
		CliRun run = CliRun.of("--help");
		assertThat(run.code()).isZero();
		assertThat(run.out()).contains("topology", "owner", "tell", "ask", "ping", "Exit codes:", "3  cluster or node unreachable");
	}

	@Test
	void anUnknownOptionIsAUsageError() {
		CliRun run = CliRun.of("topology", "--no-such-option");
		assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
		assertThat(run.err()).contains("Unknown option: '--no-such-option'");
	}

	@Test
	void topologyListsMembersLeaderEpochAndServices() {
		CliRun run = CliRun.against(contact, SYSTEM, "topology");
		assertThat(run.code()).as(run.toString()).isZero();
		assertThat(run.out()).contains("cluster shop", "leader " + cluster.leader());
		for (TestNode node : cluster.nodes()) {
			assertThat(run.out()).containsPattern(node.address() + "\\s+" + node.id() + "\\s+up\\s+-\\s+yes");
		}
		assertThat(run.out()).containsPattern("payment\\s+" + cluster.node(0).address() + "/payment-svc");
	}

	@Test
	void topologyAsJsonHasEveryMemberAndTheLeader() {
		CliRun run = CliRun.against(contact, SYSTEM, "topology", "--json");
		assertThat(run.code()).as(run.toString()).isZero();
		JsonNode topology = run.json();
		assertThat(topology.get("leader").asString()).isEqualTo(cluster.leader().toString());
		assertThat(topology.get("members").size()).isEqualTo(cluster.nodes().size());
		assertThat(topology.get("members").get(0).get("reachable").asBoolean()).isTrue();
		assertThat(topology.get("services").get("payment").size()).isEqualTo(cluster.nodes().size());
		assertThat(topology.get("system").asString()).isEqualTo(SYSTEM);
	}

	@Test
	void tellThenAskGoesToTheOwnerAndThePrintedReplyIsTheTotal() {
		CliRun tell = CliRun.against(contact, SYSTEM, "tell", "counter", "tell-ask", "--shards", "100", INCREMENT);
		assertThat(tell.code()).as(tell.toString()).isZero();
		assertThat(tell.out()).contains("sent casty_sample.messages.Increment to counter/tell-ask (shard "
				+ cluster.shardOf("counter", "tell-ask"));
		assertThat(CliRun.against(contact, SYSTEM, "tell", "counter", "tell-ask", "-n", "100", INCREMENT).code()).isZero();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			CliRun ask = CliRun.against(contact, SYSTEM, "ask", "counter", "tell-ask", "-n", "100", GET_COUNT);
			assertThat(ask.code()).as(ask.toString()).isZero();
			assertThat(ask.out().trim()).isEqualTo("10");
		});
		CliRun json = CliRun.against(contact, SYSTEM, "ask", "counter", "tell-ask", "-n", "100", GET_COUNT, "--json");
		assertThat(json.code()).as(json.toString()).isZero();
		assertThat(json.json().get("reply").asLong()).isEqualTo(10);
		assertThat(json.json().get("shard").asLong()).isEqualTo(cluster.shardOf("counter", "tell-ask"));
		assertThat(json.json().get("node").asString()).startsWith("127.0.0.1:");
	}

	@Test
	void aDataclassReplyIsPrintedAsCastysJson() {
		CliRun ask = CliRun.against(contact, SYSTEM, "ask", "status", "s-1", "-n", "10", "--json",
				"{\"_type\": \"casty_sample.messages.GetStatus\"}");
		assertThat(ask.code()).as(ask.toString()).isZero();
		JsonNode reply = ask.json().get("reply");
		assertThat(reply.get("_type").asString()).isEqualTo("casty_sample.messages.PaymentStatus");
		assertThat(reply.get("node").asString()).isEqualTo("s-1");
		assertThat(reply.get("processed").asLong()).isEqualTo(7);
	}

	@Test
	void ownerPrintsTheShardAndTheNodeOnceAllocated() {
		assertThat(CliRun.against(contact, SYSTEM, "tell", "counter", "owned", "-n", "100", INCREMENT).code()).isZero();
		long shard = cluster.shardOf("counter", "owned");
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			CliRun owner = CliRun.against(contact, SYSTEM, "owner", "counter", "owned", "--shards", "100", "--json");
			assertThat(owner.code()).as(owner.toString()).isZero();
			assertThat(owner.json().get("shard").asLong()).isEqualTo(shard);
			assertThat(owner.json().get("owner").isNull()).isFalse();
			String node = owner.json().get("owner").asString();
			assertThat(cluster.nodes()).extracting((n) -> n.address().toString()).contains(node);
			CliRun text = CliRun.against(contact, SYSTEM, "owner", "counter", "owned", "--shards", "100");
			assertThat(text.out().trim()).isEqualTo("counter/owned  shard " + shard + "  node " + node);
		});
		CliRun map = CliRun.against(contact, SYSTEM, "topology", "--shards", "counter");
		assertThat(map.code()).as(map.toString()).isZero();
		assertThat(map.out()).containsPattern("(?m)^" + shard + "\\s+127\\.0\\.0\\.1:\\d+$");
	}

	@Test
	void badJsonIsAUsageErrorNamingTheProblemBeforeAnythingConnects() {
		CliRun run = CliRun.against("127.0.0.1:1", SYSTEM, "ask", "counter", "x", "-n", "100", "{\"_type\": ");
		assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
		assertThat(run.err()).startsWith("casty: The message is not valid JSON").doesNotContain("waiting for the topology");
		assertThat(run.out()).isEmpty();
		CliRun noType = CliRun.against(contact, SYSTEM, "tell", "counter", "x", "-n", "100", "{\"amount\": 5}");
		assertThat(noType.code()).isEqualTo(ExitCodes.USAGE);
		assertThat(noType.err()).contains("\"_type\"");
	}

	@Test
	void anUnreachableClusterExitsWithThreeAfterAProgressLine() {
		CliRun run = CliRun.against("127.0.0.1:1", SYSTEM, "topology", "--timeout", "2s");
		assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.UNAVAILABLE);
		assertThat(run.err()).contains("casty: waiting for the topology from 127.0.0.1:1...")
			.contains("No topology within 2000 ms")
			.contains("--contact");
		CliRun json = CliRun.against("127.0.0.1:1", SYSTEM, "topology", "--timeout", "1s", "--json");
		JsonNode error = CastyJson.MAPPER.readTree(json.err().lines().filter((l) -> l.startsWith("{")).findFirst().orElseThrow());
		assertThat(error.get("exitCode").asInt()).isEqualTo(ExitCodes.UNAVAILABLE);
		assertThat(error.get("error").asString()).contains("No topology");
	}

	@Test
	void anAskWithoutReplyExitsWithFour() {
		CliRun run = CliRun.against(contact, SYSTEM, "ask", "counter", "silent", "-n", "100", "--timeout", "1s",
				"{\"_type\": \"casty_sample.messages.Increment\", \"amount\": 1}");
		assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.TIMEOUT);
		assertThat(run.err()).contains("No reply within 1000 ms");
	}

	@Test
	void pingMeasuresEveryMember() {
		CliRun run = CliRun.against(contact, SYSTEM, "ping", "--count", "2", "--json");
		assertThat(run.code()).as(run.toString()).isZero();
		JsonNode members = run.json().get("members");
		assertThat(members.size()).isEqualTo(cluster.nodes().size());
		for (JsonNode member : members) {
			assertThat(member.get("rttMs").size()).isEqualTo(2);
			assertThat(member.get("avgMs").asDouble()).isPositive();
			assertThat(member.has("error")).isFalse();
		}
		CliRun text = CliRun.against(contact, SYSTEM, "ping");
		assertThat(text.out()).contains("RTT MIN/AVG/MAX").containsPattern(cluster.node(1).address() + "\\s+node-2\\s+up\\s+[0-9.]+/");
	}

	@Test
	void watchPrintsAChangeWhenANodeIsKilledAndPingThenReportsIt() throws Exception {
		try (CastyTestCluster own = TestClusterLauncher
			.builder(new String[] { "--system", "watched", "--failure-detection-ms", "300" })
			.start()) {
			StringWriter out = new StringWriter();
			StringWriter err = new StringWriter();
			CompletableFuture<Integer> watch = CompletableFuture.supplyAsync(() -> CastyCli.run(
					new String[] { "topology", "--watch", "--duration", "10s", "--contact",
							own.contactPoints().get(0).toString(), "--system", "watched" },
					new PrintWriter(out, true), new PrintWriter(err, true), false));
			await().atMost(Duration.ofSeconds(10)).until(() -> out.toString().contains("MEMBER"));
			TestNode victim = own.node(2);
			NodeAddress address = victim.address();
			victim.kill();
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(out.toString()).containsPattern(
						"\\d\\d:\\d\\d:\\d\\d\\.\\d{3}  member " + address + " (unreachable|up -> down)"));
			CliRun ping = CliRun.against(own.contactPoints().get(0).toString(), "watched", "ping", "--count", "1",
					"--timeout", "1s");
			assertThat(ping.code()).as(ping.toString()).isEqualTo(ExitCodes.UNAVAILABLE);
			assertThat(ping.out()).containsPattern(address + ".*no answer: cannot connect");
			assertThat(watch.isDone()).isFalse();
			assertThat(watch.get(30, TimeUnit.SECONDS)).isZero();
		}
	}

}
