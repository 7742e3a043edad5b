package io.casty.client.it;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.casty.client.ActorRef;
import io.casty.client.BufferOverflowException;
import io.casty.client.CastyClient;
import io.casty.client.CastyClientListener;
import io.casty.client.CastyMessage;
import io.casty.client.ClientClosedException;
import io.casty.client.EntityRef;
import io.casty.client.ServiceKey;
import io.casty.client.UnknownMessageTypeException;
import io.casty.client.it.Counters.CounterMsg;
import io.casty.client.it.Counters.GetCount;
import io.casty.client.it.Counters.Increment;
import io.casty.testkit.CastyTestCluster;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The error contract of asks: a future-returning call never throws; every failure, misuse
 * included, fails the future with a typed exception and leaves no ask or in-flight slot
 * behind.
 */
class AskContractIntegrationTests {

	@CastyMessage("it.messages.WhoKnows")
	record WhoKnows(ActorRef<Object> replyTo) {
	}

	/** A reply type the nodes know and the client does not. */
	@CastyMessage("it.messages.Secret")
	record Secret(String text) {
	}

	/** The replies the client expects. */
	sealed interface Answer permits Known {
	}

	@CastyMessage("it.messages.Known")
	record Known(String text) implements Answer {
	}

	@Test
	void misusedAsksFailTheirFuturesAndGiveBackTheirInFlightSlots() throws Exception {
		try (CastyTestCluster cluster = Counters.cluster(1).start();
				CastyClient client = ClientLeakGuard
					.track(CastyClient.start(Counters.options(cluster).maxPendingAsks(3).build()))) {
			client.awaitTopology(Duration.ofSeconds(5));
			EntityRef<CounterMsg> counters = client.entityRef(Counters.TYPE, Counters.SHARDS, CounterMsg.class);
			for (int round = 0; round < 2; round++) {
				assertFailsWith(() -> counters.ask(null, GetCount::new, Integer.class), NullPointerException.class);
				assertFailsWith(() -> counters.ask("a", GetCount::new, Integer.class, Duration.ofSeconds(Long.MAX_VALUE)),
						IllegalArgumentException.class);
				assertFailsWith(() -> counters.ask("a", GetCount::new, Integer.class, null), NullPointerException.class);
				assertFailsWith(() -> counters.ask("a", GetCount::new, Integer.class, Duration.ofMillis(-1)),
						IllegalArgumentException.class);
				assertFailsWith(() -> counters.ask("a", null, Integer.class), NullPointerException.class);
				assertFailsWith(() -> counters.ask("a", (ActorRef<Integer> r) -> {
					throw new IllegalStateException("factory bug");
				}, Integer.class), io.casty.client.CastyException.class);
			}
			assertThat(client.pendingAsks()).isZero();
			counters.tell("a", new Increment(2));
			assertThat(counters.ask("a", GetCount::new, Integer.class).get(5, TimeUnit.SECONDS)).isEqualTo(2);
		}
	}

	@Test
	void tooManyAsksInFlightFailTheFutureInsteadOfThrowing() throws Exception {
		try (CastyTestCluster cluster = Counters.cluster(1).start();
				CastyClient client = ClientLeakGuard
					.track(CastyClient.start(Counters.options(cluster).maxPendingAsks(1).build()))) {
			client.awaitTopology(Duration.ofSeconds(5));
			EntityRef<CounterMsg> ghosts = client.entityRef("ghost", 10, CounterMsg.class);
			CompletableFuture<Integer> waiting = ghosts.ask("g", GetCount::new, Integer.class, Duration.ofSeconds(30));
			assertFailsWith(() -> ghosts.ask("h", GetCount::new, Integer.class), BufferOverflowException.class);
			assertFailsWith(() -> client.ask(ActorRef.<Counters.Echo>parse(
					"casty://it@" + cluster.node(0).address() + "/echo-svc"), (ActorRef<String> r) -> new Counters.Echo("x", r),
					String.class), BufferOverflowException.class);
			assertThat(waiting).isNotDone();
			client.close();
			assertThat(waiting).failsWithin(Duration.ofSeconds(1))
				.withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(ClientClosedException.class);
		}
	}

	@Test
	void asksOnAClosedClientFailTheirFuturesWithClientClosed() {
		try (CastyTestCluster cluster = Counters.cluster(1).start()) {
			CastyClient client = ClientLeakGuard.track(Counters.client(cluster));
			EntityRef<CounterMsg> counters = client.entityRef(Counters.TYPE, Counters.SHARDS, CounterMsg.class);
			ActorRef<Counters.Echo> echo = client.services()
				.lookup(ServiceKey.of("echo", Counters.Echo.class))
				.first()
				.orElseThrow();
			client.close();
			assertFailsWith(() -> counters.ask("a", GetCount::new, Integer.class), ClientClosedException.class);
			assertFailsWith(() -> client.ask(echo, (ActorRef<String> r) -> new Counters.Echo("x", r), String.class),
					ClientClosedException.class);
			assertFailsWith(() -> client.services().find(ServiceKey.of("echo", Counters.Echo.class), Duration.ofSeconds(1)),
					ClientClosedException.class);
			assertThatCode(() -> client.askMono(echo, (ActorRef<String> r) -> new Counters.Echo("x", r), String.class))
				.doesNotThrowAnyException();
		}
	}

	@Test
	void asksToActorRefsAreReportedToTheListenerWhenTheyStartAndOnceWhenTheyEnd() {
		List<String> events = new CopyOnWriteArrayList<>();
		CastyClientListener listener = new CastyClientListener() {

			@Override
			public AskEnd actorAskStarted(ActorRef<?> target) {
				events.add("started " + target.address().path());
				return (failure) -> events.add("ended " + ((failure != null) ? failure.getClass().getSimpleName() : "ok"));
			}

		};
		try (CastyTestCluster cluster = Counters.cluster(1).start()) {
			CastyClient client = ClientLeakGuard.track(CastyClient.start(Counters.options(cluster).listener(listener).build()));
			client.awaitTopology(Duration.ofSeconds(5));
			ActorRef<Counters.Echo> echo = client.services()
				.lookup(ServiceKey.of("echo", Counters.Echo.class))
				.first()
				.orElseThrow();
			assertThat(client.ask(echo, (ActorRef<String> r) -> new Counters.Echo("x", r), String.class))
				.succeedsWithin(Duration.ofSeconds(5));
			assertThat(client.entityRef(Counters.TYPE, Counters.SHARDS, CounterMsg.class).ask("a", GetCount::new,
					Integer.class)).succeedsWithin(Duration.ofSeconds(5));
			client.close();
			assertFailsWith(() -> client.ask(echo, (ActorRef<String> r) -> new Counters.Echo("x", r), String.class),
					ClientClosedException.class);
			// entity asks are not reported here: their EntityRef is where they are observed
			assertThat(events).containsExactly("started " + echo.address().path(), "ended ok",
					"started " + echo.address().path(), "ended ClientClosedException");
		}
	}

	@Test
	void replyOfAnUnregisteredTypeFailsWithUnknownMessageTypeException() {
		try (CastyTestCluster cluster = Counters.cluster(1)
			.messageTypes(WhoKnows.class, Secret.class)
			.service("secret", "/secret-svc", 0, (ctx, message) -> {
				if (message instanceof WhoKnows ask) {
					ctx.tell(ask.replyTo(), new Secret("hidden"));
				}
			})
			.start();
				CastyClient client = ClientLeakGuard
					.track(CastyClient.start(Counters.options(cluster).messageTypes(WhoKnows.class, Answer.class).build()))) {
			client.awaitTopology(Duration.ofSeconds(5));
			ActorRef<WhoKnows> secret = client.services().lookup(ServiceKey.of("secret", WhoKnows.class)).first().orElseThrow();
			CompletableFuture<Answer> reply = client.ask(secret, (ActorRef<Answer> r) -> new WhoKnows(r.narrow()),
					Answer.class);
			assertThat(reply).failsWithin(Duration.ofSeconds(5))
				.withThrowableOfType(ExecutionException.class)
				.havingCause()
				.isExactlyInstanceOf(UnknownMessageTypeException.class)
				.withMessageContaining("it.messages.Secret");
			assertThat(client.pendingAsks()).isZero();
		}
	}

	private static void assertFailsWith(java.util.concurrent.Callable<CompletableFuture<?>> call,
			Class<? extends Throwable> type) {
		CompletableFuture<?>[] future = new CompletableFuture<?>[1];
		assertThatCode(() -> future[0] = call.call()).as("a future-returning call must not throw")
			.doesNotThrowAnyException();
		assertThat(future[0]).failsWithin(Duration.ofSeconds(2))
			.withThrowableOfType(ExecutionException.class)
			.withCauseInstanceOf(type);
	}

}
