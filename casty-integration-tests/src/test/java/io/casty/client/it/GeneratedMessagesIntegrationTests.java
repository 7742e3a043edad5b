package io.casty.client.it;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.casty.client.CastyClient;
import io.casty.client.CastyClientOptions;
import io.casty.client.EntityRef;
import io.casty.client.it.generated.Echo;
import io.casty.client.it.generated.Greet;
import io.casty.client.it.generated.Greeting;
import io.casty.client.it.generated.Increment;
import io.casty.client.it.generated.WirevecMsg;
import io.casty.testkit.CastyTestCluster;
import io.casty.testkit.EntityBehavior;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records that casty-maven-plugin generated in this build (from {@code src/test/casty}, the
 * golden frames' dataclasses) work as messages and replies against a cluster: sent, routed to
 * their shard, decoded by the node into the same generated types, and answered.
 */
class GeneratedMessagesIntegrationTests {

	private static final String TYPE = "wirevec";

	private static CastyTestCluster cluster;

	private static CastyClient client;

	private static EntityRef<WirevecMsg> entities;

	@BeforeAll
	static void start() {
		cluster = CastyTestCluster.builder()
			.nodes(2)
			.systemName("codegen")
			.messageTypes(WirevecMsg.class, Greeting.class)
			.shardedType(TYPE, 16, GeneratedMessagesIntegrationTests::entity)
			.start();
		client = ClientLeakGuard.track(CastyClient.start(CastyClientOptions.builder()
			.contactPoints(cluster.contactPoints())
			.systemName(cluster.systemName())
			.messageTypes(WirevecMsg.class)
			.askTimeout(Duration.ofSeconds(5))
			.build()));
		client.awaitTopology(Duration.ofSeconds(10));
		entities = client.entityRef(TYPE, 16, WirevecMsg.class);
	}

	@AfterAll
	static void stop() {
		client.close();
		cluster.close();
	}

	private static EntityBehavior entity(String entityId) {
		long[] count = new long[1];
		return (ctx, message) -> {
			if (message instanceof Increment increment) {
				count[0] += increment.amount();
				ctx.tell(increment.replyTo(), count[0]);
			}
			else if (message instanceof Greet greet) {
				ctx.tell(greet.replyTo(), new Greeting("hello, " + greet.name(), entityId, ctx.node().toString(), ++count[0]));
			}
			else if (message instanceof Echo echo) {
				ctx.tell(echo.replyTo(), echo.text());
			}
		};
	}

	@Test
	void generatedMessagesAreAnsweredWithGeneratedReplies() throws Exception {
		assertThat(entities.ask("alice", (r) -> new Increment(5, r), Long.class).get(10, TimeUnit.SECONDS))
			.isEqualTo(5L);
		assertThat(entities.ask("alice", (r) -> new Increment(3, r), Long.class).get(10, TimeUnit.SECONDS))
			.isEqualTo(8L);
		Greeting greeting = entities.ask("p-1", (r) -> new Greet("Ada", r), Greeting.class)
			.get(10, TimeUnit.SECONDS);
		assertThat(greeting.text()).isEqualTo("hello, Ada");
		assertThat(greeting.entityId()).isEqualTo("p-1");
		assertThat(greeting.count()).isEqualTo(1L);
		assertThat(entities.ask("bob", (r) -> new Echo("hi", r), String.class).get(10, TimeUnit.SECONDS))
			.isEqualTo("hi");
	}

}
