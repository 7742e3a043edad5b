package io.casty.spring.boot.autoconfigure.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.casty.testkit.CastyTestCluster;
import io.casty.testkit.TestNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The counter application on the embedded cluster, through HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "casty.client.embedded.enabled=true", "casty.client.embedded.nodes=2",
				"casty.client.topology.poll-interval=200ms", "casty.client.topology.timeout=1s",
				"casty.client.reconnect.max-backoff=300ms", "management.endpoints.web.exposure.include=health,metrics",
				"management.endpoint.health.show-details=always", "management.endpoint.health.show-components=always" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CounterApplicationIntegrationTests {

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
	@Order(1)
	void whenCountersAreIncrementedThenAsksReturnTheTotal() {
		this.http.post().uri("/counters/alice?amount=5").retrieve().toBodilessEntity();
		this.http.post().uri("/counters/alice?amount=4").retrieve().toBodilessEntity();
		this.http.post().uri("/counters/bob?amount=1").retrieve().toBodilessEntity();
		assertThat(this.http.get().uri("/counters/alice").retrieve().body(Integer.class)).isEqualTo(9);
		assertThat(this.http.get().uri("/counters/bob").retrieve().body(Integer.class)).isEqualTo(1);
	}

	@Test
	@Order(2)
	void whenServiceIsRegisteredThenLookupFindsItAndItAnswers() {
		await().atMost(Duration.ofSeconds(10))
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(this.http.get().uri("/greet/ada").retrieve().body(String.class))
				.isEqualTo("hello ada"));
	}

	@Test
	@Order(3)
	void whenAsksWereMadeThenMetricsCountThem() {
		for (int i = 0; i < 3; i++) {
			this.http.get().uri("/counters/carol").retrieve().body(Integer.class);
		}
		JsonNode names = get("/actuator/metrics").get("names");
		List<String> meters = new ArrayList<>();
		names.forEach((name) -> meters.add(name.asString()));
		assertThat(meters).contains("casty.client.ask", "casty.client.tells", "casty.client.messages.sent", "casty.client.asks.pending",
				"casty.client.buffered", "casty.client.members", "casty.client.connections.active",
				"casty.client.connections.opened", "casty.client.topology.updates");
		assertThat(meters).doesNotContain("casty.client.asks");
		JsonNode asks = get("/actuator/metrics/casty.client.ask?tag=outcome:success&tag=casty.shard.type:app-counter");
		assertThat(measurement(asks, "COUNT")).isGreaterThanOrEqualTo(3);
		JsonNode tells = get("/actuator/metrics/casty.client.tells?tag=outcome:success&tag=casty.shard.type:app-counter");
		assertThat(measurement(tells, "COUNT")).isGreaterThanOrEqualTo(3);
		JsonNode members = get("/actuator/metrics/casty.client.members?tag=status:up");
		assertThat(measurement(members, "VALUE")).isEqualTo(2);
	}

	@Test
	@Order(4)
	void whenEveryNodeIsKilledThenHealthIsDownAndUpAgainAfterRestart() {
		await().atMost(Duration.ofSeconds(10)).until(() -> "UP".equals(castyStatus()));
		JsonNode casty = get("/actuator/health").get("components").get("casty");
		assertThat(casty.get("details").get("members").size()).isEqualTo(2);
		this.cluster.nodes().forEach(TestNode::kill);
		await().atMost(Duration.ofSeconds(15)).until(() -> "DOWN".equals(castyStatus()));
		assertThat(get("/actuator/health").get("components").get("casty").get("details").get("reason").asString())
			.isNotBlank();
		this.cluster.nodes().forEach(TestNode::restart);
		await().atMost(Duration.ofSeconds(20)).until(() -> "UP".equals(castyStatus()));
	}

	private String castyStatus() {
		JsonNode health = get("/actuator/health");
		return health.get("components").get("casty").get("status").asString();
	}

	private JsonNode get(String path) {
		String body = this.http.get()
			.uri(path)
			.exchange((request, response) -> new String(response.getBody().readAllBytes()));
		return json.readTree(body);
	}

	private static double measurement(JsonNode metric, String statistic) {
		for (JsonNode measurement : metric.get("measurements")) {
			if (measurement.get("statistic").asString().equals(statistic)) {
				return measurement.get("value").asDouble();
			}
		}
		throw new AssertionError("No " + statistic + " in " + metric);
	}

}
