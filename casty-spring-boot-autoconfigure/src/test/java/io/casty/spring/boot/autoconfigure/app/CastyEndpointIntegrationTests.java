package io.casty.spring.boot.autoconfigure.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.casty.client.NodeAddress;
import io.casty.testkit.CastyTestCluster;
import io.casty.testkit.TestNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code casty} Actuator endpoint of the counter application on the embedded cluster,
 * through HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "casty.client.embedded.enabled=true", "casty.client.embedded.nodes=3",
				"casty.client.topology.poll-interval=200ms", "casty.client.topology.timeout=1s",
				"casty.client.reconnect.max-backoff=300ms", "management.endpoints.web.exposure.include=health,casty" })
class CastyEndpointIntegrationTests {

	private static final ObjectMapper json = new ObjectMapper();

	@LocalServerPort
	private int port;

	@Autowired
	private CastyTestCluster cluster;

	private RestClient http;

	@BeforeEach
	void setUp() {
		this.http = RestClient.create("http://localhost:" + this.port);
	}

	@Test
	void whenTheClusterIsUpThenTheEndpointDescribesMembersShardsServicesAndConnections() {
		this.http.post().uri("/counters/alice?amount=1").retrieve().toBodilessEntity();
		assertThat(this.http.get().uri("/counters/alice").retrieve().body(Integer.class)).isPositive();
		List<String> nodes = this.cluster.contactPoints().stream().map(NodeAddress::toString).sorted().toList();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			JsonNode casty = get("/actuator/casty").body();
			assertThat(texts(casty.get("members"), "address")).containsExactlyElementsOf(nodes);
			for (JsonNode member : casty.get("members")) {
				assertThat(member.get("status").asString()).isEqualTo("up");
				assertThat(member.get("reachable").asBoolean()).isTrue();
				assertThat(member.get("id").asString()).isNotBlank();
			}
			assertThat(casty.get("topology").get("received").asBoolean()).isTrue();
			assertThat(casty.get("topology").get("leader").asString()).isEqualTo(this.cluster.leader().toString());
			assertThat(casty.get("topology").get("allocationEpoch").asLong()).isPositive();
			JsonNode counter = casty.get("shardTypes").get("app-counter");
			assertThat(counter.get("shards").asInt()).isEqualTo(32);
			assertThat(counter.get("allocated").asInt()).isPositive();
			assertThat(casty.get("services").get("greeter").get("count").asInt()).isEqualTo(1);
			assertThat(texts(casty.get("connections"), "state")).contains("open");
			assertThat(casty.get("client").get("systemName").asString()).isEqualTo(this.cluster.systemName());
			assertThat(casty.has("pendingAsks")).isTrue();
			assertThat(casty.has("bufferedMessages")).isTrue();
		});

		JsonNode map = get("/actuator/casty/app-counter").body();
		assertThat(map.get("owners").size()).isEqualTo(32);
		long shard = this.cluster.shardOf("app-counter", "alice");
		int aliceOwner = map.get("owners").get((int) shard).asInt();
		assertThat(aliceOwner).isNotNegative();

		JsonNode alice = get("/actuator/casty/app-counter/alice").body();
		assertThat(alice.get("shard").asLong()).isEqualTo(shard);
		assertThat(alice.get("owner").asString()).isEqualTo(map.get("nodes").get(aliceOwner).asString());
		assertThat(alice.get("ownerReachable").asBoolean()).isTrue();

		assertThat(get("/actuator/casty/no-such-type").status()).isEqualTo(404);
		Response undeclared = get("/actuator/casty/cart/bob");
		assertThat(undeclared.status()).isEqualTo(400);
		JsonNode withCount = get("/actuator/casty/cart/bob?shards=10").body();
		assertThat(withCount.get("shard").asLong()).isEqualTo(io.casty.client.routing.ShardHash.shardOf("bob", 10));
		assertThat(withCount.has("owner")).as("null fields are left out").isFalse();
	}

	@Test
	void whenANodeIsKilledThenItsMemberIsReportedUnreachableWithAReason() {
		TestNode victim = this.cluster.nodes().stream()
			.filter((n) -> !n.address().equals(this.cluster.leader()))
			.findFirst()
			.orElseThrow();
		victim.kill();
		try {
			await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
				JsonNode casty = get("/actuator/casty").body();
				JsonNode member = member(casty, victim.address().toString());
				assertThat(member.get("reachable").asBoolean()).isFalse();
				assertThat(member.get("reason").asString()).isNotBlank();
			});
		}
		finally {
			victim.restart();
		}
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
				member(get("/actuator/casty").body(), victim.address().toString()).get("reachable").asBoolean())
			.isTrue());
	}

	private static JsonNode member(JsonNode casty, String address) {
		for (JsonNode member : casty.get("members")) {
			if (member.get("address").asString().equals(address)) {
				return member;
			}
		}
		throw new AssertionError("No member " + address + " in " + casty);
	}

	private static List<String> texts(JsonNode array, String field) {
		List<String> values = new ArrayList<>();
		array.forEach((node) -> values.add(node.get(field).asString()));
		return values;
	}

	private Response get(String path) {
		return this.http.get()
			.uri(path)
			.exchange((request, response) -> {
				byte[] body = response.getBody().readAllBytes();
				return new Response(response.getStatusCode().value(),
						(body.length == 0) ? json.nullNode() : json.readTree(body));
			});
	}

	private record Response(int status, JsonNode body) {
	}

}
