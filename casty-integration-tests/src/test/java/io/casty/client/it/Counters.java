package io.casty.client.it;

import java.time.Duration;

import io.casty.client.ActorRef;
import io.casty.client.CastyClient;
import io.casty.client.CastyClientOptions;
import io.casty.client.CastyMessage;
import io.casty.testkit.CastyTestCluster;
import io.casty.testkit.EntityBehavior;

/**
 * A counter entity and an echo service, as both sides of the tests see them.
 */
final class Counters {

	static final String TYPE = "counter";

	static final int SHARDS = 100;

	private Counters() {
	}

	sealed interface CounterMsg permits Increment, GetCount, WhereAreYou, Append, GetLog {
	}

	@CastyMessage("it.messages.Increment")
	record Increment(int amount) implements CounterMsg {
	}

	@CastyMessage("it.messages.GetCount")
	record GetCount(ActorRef<Integer> replyTo) implements CounterMsg {
	}

	/** Replies with the {@code host:port} of the node hosting the entity. */
	@CastyMessage("it.messages.WhereAreYou")
	record WhereAreYou(ActorRef<String> replyTo) implements CounterMsg {
	}

	/** Appends to the entity's log, to check ordering. */
	@CastyMessage("it.messages.Append")
	record Append(int value) implements CounterMsg {
	}

	@CastyMessage("it.messages.GetLog")
	@SuppressWarnings("rawtypes")
	record GetLog(ActorRef<java.util.List> replyTo) implements CounterMsg {
	}

	@CastyMessage("it.messages.Echo")
	record Echo(String text, ActorRef<String> replyTo) {
	}

	static EntityBehavior counter(String entityId) {
		int[] count = new int[1];
		java.util.List<Integer> log = new java.util.ArrayList<>();
		return (ctx, message) -> {
			if (message instanceof Append append) {
				log.add(append.value());
			}
			else if (message instanceof GetLog get) {
				ctx.tell(get.replyTo(), java.util.List.copyOf(log));
			}
			else if (message instanceof Increment increment) {
				count[0] += increment.amount();
			}
			else if (message instanceof GetCount get) {
				ctx.tell(get.replyTo(), count[0]);
			}
			else if (message instanceof WhereAreYou where) {
				ctx.tell(where.replyTo(), ctx.node().toString());
			}
		};
	}

	static CastyTestCluster.Builder cluster(int nodes) {
		return CastyTestCluster.builder()
			.nodes(nodes)
			.systemName("it")
			.messageTypes(CounterMsg.class, Echo.class)
			.shardedType(TYPE, SHARDS, Counters::counter)
			.service("echo", "/echo-svc", 0, (ctx, message) -> {
				if (message instanceof Echo echo) {
					ctx.tell(echo.replyTo(), ctx.node() + ":" + echo.text());
				}
			});
	}

	/** Client settings scaled down so failures are detected within test time. */
	static CastyClientOptions.Builder options(CastyTestCluster cluster) {
		return CastyClientOptions.builder()
			.contactPoints(cluster.contactPoints())
			.systemName(cluster.systemName())
			.messageTypes(CounterMsg.class, Echo.class)
			.askTimeout(Duration.ofSeconds(3))
			.socket((socket) -> socket.connectTimeout(Duration.ofMillis(500)).handshakeTimeout(Duration.ofMillis(500)))
			.reconnect((reconnect) -> reconnect.minBackoff(Duration.ofMillis(50)).maxBackoff(Duration.ofMillis(500)))
			.topology((topology) -> topology.pollInterval(Duration.ofMillis(200)).timeout(Duration.ofSeconds(1)))
			.shardLocation((location) -> location.timeout(Duration.ofMillis(300))
				.retryMinBackoff(Duration.ofMillis(150))
				.retryMaxBackoff(Duration.ofMillis(500)));
	}

	static CastyClient client(CastyTestCluster cluster) {
		CastyClient client = ClientLeakGuard.track(CastyClient.start(options(cluster).build()));
		client.awaitTopology(Duration.ofSeconds(5));
		return client;
	}

}
