package io.casty.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.casty.client.NodeAddress;
import io.casty.sample.embedded.SampleTestCluster;
import io.casty.sample.messages.AccountMsg;
import io.casty.sample.messages.CounterMsg;
import io.casty.sample.messages.LoyaltyMsg;
import io.casty.sample.messages.SampleTypes;
import io.casty.spring.boot.autoconfigure.schema.CastySchemaVerifier;
import io.casty.testkit.CastyTestCluster;
import io.casty.testkit.TestNode;
import org.jspecify.annotations.Nullable;
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
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample over HTTP, on the embedded 3-node cluster (ephemeral ports for the nodes, the
 * client and the server). The last test kills every node.
 */
@Import(SampleTestCluster.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "casty.client.ask-timeout=1s", "casty.client.topology.poll-interval=200ms",
				"casty.client.topology.timeout=1s", "casty.client.reconnect.max-backoff=300ms",
				"casty.client.health.max-topology-age=2s" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SampleApplicationIntegrationTests {

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
	void whenPointsAreAddedThenTheCustomerHasTheirSum() {
		assertThat(post("/loyalty/alice/points", "{\"amount\": 50}").status()).isEqualTo(202);
		Response added = post("/loyalty/alice/points", "{\"amount\": 25}");
		assertThat(added.status()).isEqualTo(202);
		assertThat(added.body().get("added").asLong()).isEqualTo(25);
		Response points = get("/loyalty/alice/points");
		assertThat(points.status()).isEqualTo(200);
		assertThat(points.body().get("customer").asString()).isEqualTo("alice");
		assertThat(points.body().get("points").asLong()).isEqualTo(75);
		assertThat(get("/loyalty/nobody/points").body().get("points").asLong()).isZero();
	}

	@Test
	@Order(2)
	void whenACounterIsIncrementedThenItCountsAndOthersDoNot() {
		assertThat(post("/counters/visits/increment", "{\"amount\": 3}").status()).isEqualTo(202);
		assertThat(post("/counters/visits/increment", "{\"amount\": 4}").status()).isEqualTo(202);
		Response count = get("/counters/visits");
		assertThat(count.status()).isEqualTo(200);
		assertThat(count.body().get("counter").asString()).isEqualTo("visits");
		assertThat(count.body().get("count").asLong()).isEqualTo(7);
		assertThat(get("/counters/other").body().get("count").asLong()).isZero();
	}

	@Test
	@Order(3)
	void whenAnAccountIsUsedThenItRepliesBalancesOrRejections() {
		Response deposit = post("/accounts/acc-1/deposit", "{\"amount\": 100}");
		assertThat(deposit.status()).isEqualTo(200);
		assertThat(deposit.body().get("account").asString()).isEqualTo("acc-1");
		assertThat(deposit.body().get("amount").asLong()).isEqualTo(100);
		assertThat(post("/accounts/acc-1/withdraw", "{\"amount\": 30}").body().get("amount").asLong()).isEqualTo(70);

		Response tooMuch = post("/accounts/acc-1/withdraw", "{\"amount\": 500}");
		assertThat(tooMuch.status()).isEqualTo(409);
		assertThat(tooMuch.body().get("reason").asString()).isEqualTo("insufficient funds");
		Response zero = post("/accounts/acc-1/deposit", "{\"amount\": 0}");
		assertThat(zero.status()).isEqualTo(400);
		assertThat(zero.body().get("reason").asString()).isEqualTo("amount must be positive");
		assertThat(post("/accounts/acc-1/withdraw", "{\"amount\": -5}").body().get("reason").asString())
			.isEqualTo("amount must be positive");

		Response balance = get("/accounts/acc-1");
		assertThat(balance.status()).isEqualTo(200);
		assertThat(balance.body().get("amount").asLong()).isEqualTo(70);
	}

	@Test
	@Order(4)
	void whenPaymentsAreSentThenTheServiceOnTheSecondNodeCountsThem() {
		Response sent = post("/payments", "{\"amount\": 25}");
		assertThat(sent.status()).isEqualTo(202);
		assertThat(sent.body().get("service").asString()).endsWith("/payment-svc");
		assertThat(post("/payments", "{\"amount\": 10}").status()).isEqualTo(202);
		NodeAddress host = this.cluster.node(1).address();
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			Response status = get("/payments/status");
			assertThat(status.status()).isEqualTo(200);
			assertThat(status.body().get("node").asString()).isEqualTo(host.host() + ":" + host.port());
			assertThat(status.body().get("processed").asLong()).isEqualTo(2);
		});
	}

	@Test
	@Order(5)
	void whenAnOwnerIsAskedThenItNamesTheShardAndAMemberNode() {
		for (String type : List.of(SampleTypes.LOYALTY, SampleTypes.COUNTER, SampleTypes.ACCOUNTS)) {
			Response owner = get("/cluster/owners/" + type + "/never-used-" + type);
			assertThat(owner.status()).isEqualTo(200);
			assertThat(owner.body().get("type").asString()).isEqualTo(type);
			assertThat(owner.body().get("shard").asLong()).isEqualTo(this.cluster.shardOf(type, "never-used-" + type));
			assertThat(owner.body().get("node").asString())
				.isIn(this.cluster.contactPoints().stream().map(NodeAddress::toString).toList());
		}
	}

	@Test
	@Order(6)
	void whenARequestIsInvalidThenItIsRefusedWithAProblem() {
		Response unknownType = get("/cluster/owners/nope/x");
		assertThat(unknownType.status()).isEqualTo(404);
		assertThat(unknownType.body().get("detail").asString()).contains("Unknown entity type 'nope'");
		assertThat(get("/nowhere").status()).isEqualTo(404);

		Response badId = get("/counters/bad id!");
		assertThat(badId.status()).isEqualTo(400);
		assertThat(badId.body().get("detail").asString()).startsWith("Invalid entity id 'bad id!'");
		Response negative = post("/counters/visits/increment", "{\"amount\": -1}");
		assertThat(negative.status()).isEqualTo(400);
		assertThat(negative.body().get("detail").asString()).isEqualTo("The amount must be positive, was -1");
		assertThat(post("/loyalty/alice/points", "{}").status()).isEqualTo(400);
		assertThat(post("/payments", "{\"amount\": 0}").status()).isEqualTo(400);
		assertThat(post("/accounts/acc-1/deposit", "not json").status()).isEqualTo(400);
		// strict bodies: no fraction truncated, no string coerced, no amount that could overflow a total
		assertThat(post("/counters/visits/increment", "{\"amount\": 1.5}").status()).isEqualTo(400);
		assertThat(post("/counters/visits/increment", "{\"amount\": \"7\"}").status()).isEqualTo(400);
		Response tooLarge = post("/counters/visits/increment", "{\"amount\": 9223372036854775807}");
		assertThat(tooLarge.status()).isEqualTo(400);
		assertThat(tooLarge.body().get("detail").asString())
			.isEqualTo("The amount must be at most 1000000, was 9223372036854775807");
		assertThat(post("/accounts/acc-1/deposit", "{\"amount\": 1000001}").status()).isEqualTo(400);
		assertThat(get("/counters/visits").body().get("count").asLong()).isEqualTo(7);
		assertThat(get("/accounts/acc-1").body().get("amount").asLong()).isEqualTo(70);
	}

	@Test
	@Order(7)
	void whenTheClusterIsUpThenHealthShowsThreeMembersAndMetricsCountAsks() {
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(castyHealth().get("status").asString())
			.isEqualTo("UP"));
		JsonNode members = castyHealth().get("details").get("members");
		assertThat(members.size()).isEqualTo(3);
		members.forEach((status) -> assertThat(status.asString()).isEqualTo("up"));

		List<String> names = new ArrayList<>();
		get("/actuator/metrics").body().get("names").forEach((name) -> names.add(name.asString()));
		assertThat(names).contains("casty.client.ask", "casty.client.tells", "casty.client.messages.sent",
				"casty.client.members", "casty.client.connections.active");
		JsonNode asks = get("/actuator/metrics/casty.client.ask?tag=outcome:success&tag=casty.shard.type:accounts")
			.body();
		assertThat(measurement(asks, "COUNT")).isGreaterThanOrEqualTo(5);
		JsonNode up = get("/actuator/metrics/casty.client.members?tag=status:up").body();
		assertThat(measurement(up, "VALUE")).isEqualTo(3);
	}

	@Test
	@Order(8)
	void whenEveryNodeIsKilledThenRequestsAnswer503AndHealthIsDown() {
		this.cluster.nodes().forEach(TestNode::kill);
		try {
			for (String path : List.of("/counters/visits", "/loyalty/alice/points", "/accounts/acc-1",
					"/payments/status", "/cluster/owners/counter/after-the-outage")) {
				Response response = get(path);
				assertThat(response.status()).as(path).isEqualTo(503);
				assertThat(response.headers().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
				assertThat(response.body().get("error").asString()).as(path)
					.isIn("NodeUnreachableException", "CastyTimeoutException", "ClusterUnavailableException");
				assertThat(response.body().get("detail").asString()).isNotBlank();
			}
			// a tell fails at once only while its owner is known to be unreachable; while the
			// client asks for a new location it is buffered (and dropped after buffer.timeout)
			assertThat(post("/counters/visits/increment", "{\"amount\": 1}").status()).isIn(202, 503);
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(castyHealth().get("status").asString()).isEqualTo("DOWN"));
		}
		finally {
			this.cluster.nodes().forEach(TestNode::restart);
		}
	}

	private JsonNode castyHealth() {
		return get("/actuator/health").body().get("components").get("casty");
	}

	private Response get(String path) {
		return exchange(HttpMethod.GET, path, null);
	}

	@Test
	void theEntityMessageTypesWereCheckedAgainstThePythonSchemaAtStartUp(@Autowired CastySchemaVerifier verifier) {
		assertThat(verifier.schema().modules()).containsExactly("casty_sample.messages");
		assertThat(verifier.messageTypes()).contains(LoyaltyMsg.class, CounterMsg.class, AccountMsg.class);
	}

	private Response post(String path, String body) {
		return exchange(HttpMethod.POST, path, body);
	}

	private Response exchange(HttpMethod method, String path, @Nullable String body) {
		RestClient.RequestBodySpec request = this.http.method(method).uri("http://localhost:" + this.port + path);
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		return request.exchange((req, response) -> {
			String text = new String(response.getBody().readAllBytes());
			return new Response(response.getStatusCode().value(), response.getHeaders(),
					text.isEmpty() ? json.missingNode() : json.readTree(text));
		});
	}

	private static double measurement(JsonNode metric, String statistic) {
		for (JsonNode measurement : metric.get("measurements")) {
			if (measurement.get("statistic").asString().equals(statistic)) {
				return measurement.get("value").asDouble();
			}
		}
		throw new AssertionError("No " + statistic + " in " + metric);
	}

	private record Response(int status, HttpHeaders headers, JsonNode body) {
	}

}
