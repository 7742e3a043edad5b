package io.casty.client.it;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.casty.client.ActorRef;
import io.casty.client.CastyClient;
import io.casty.client.CastyClientOptions;
import io.casty.client.EntityRef;
import io.casty.client.MessageCodecException;
import io.casty.client.it.Counters.CounterMsg;
import io.casty.client.it.Counters.GetCount;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client against a node that answers badly: every ask still ends, typed and on time,
 * and the connection heals.
 */
class HostileNodeIntegrationTests {

	static CastyClientOptions.Builder options(HostileNode... nodes) {
		String[] contacts = java.util.Arrays.stream(nodes).map(HostileNode::contactPoint).toArray(String[]::new);
		return CastyClientOptions.builder()
			.contactPoints(contacts)
			.systemName("it")
			.messageTypes(CounterMsg.class, Counters.Echo.class)
			.askTimeout(Duration.ofSeconds(10))
			.connectTimeout(Duration.ofMillis(500))
			.handshakeTimeout(Duration.ofMillis(500))
			.reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(500))
			.topologyPollInterval(Duration.ofMillis(200))
			.topologyTimeout(Duration.ofSeconds(1))
			.shardLocationTimeout(Duration.ofMillis(300));
	}

	static CastyClient start(CastyClientOptions.Builder options) {
		CastyClient client = ClientLeakGuard.track(CastyClient.start(options.build()));
		client.awaitTopology(Duration.ofSeconds(5));
		return client;
	}

	@ParameterizedTest
	@ValueSource(strings = { "NaN", "Infinity", "-Infinity", "1e999" })
	void nonFiniteNumberReplyToABigDecimalAskFailsItAtOnceAndGivesBackItsSlot(String number) throws Exception {
		try (HostileNode node = HostileNode.counters()) {
			node.behavior((peer, envelope) -> {
				if (envelope.message() instanceof GetCount get) {
					String reply = envelope.entityId().equals("bad") ? number : "1.5";
					peer.tellRaw(get.replyTo(), "float", reply.getBytes(StandardCharsets.UTF_8));
				}
			});
			try (CastyClient client = start(options(node).maxPendingAsks(1))) {
				EntityRef<CounterMsg> counters = client.entityRef(Counters.TYPE, Counters.SHARDS, CounterMsg.class);
				CompletableFuture<BigDecimal> bad = counters.ask("bad",
						(ActorRef<BigDecimal> replyTo) -> new GetCount(replyTo.narrow()), BigDecimal.class);
				assertThat(bad).failsWithin(Duration.ofSeconds(3))
					.withThrowableOfType(ExecutionException.class)
					.withCauseInstanceOf(MessageCodecException.class)
					.withMessageContaining("not finite");
				assertThat(client.pendingAsks()).isZero();
				assertThat(counters.ask("good", (ActorRef<BigDecimal> replyTo) -> new GetCount(replyTo.narrow()),
						BigDecimal.class).get(3, TimeUnit.SECONDS)).isEqualByComparingTo("1.5");
			}
		}
	}

}
