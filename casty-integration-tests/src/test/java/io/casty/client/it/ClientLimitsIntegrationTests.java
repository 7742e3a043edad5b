package io.casty.client.it;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.casty.client.ActorRef;
import io.casty.client.BufferOverflowException;
import io.casty.client.CastyClient;
import io.casty.client.CastyClientListener;
import io.casty.client.CastyMessage;
import io.casty.client.CastyTimeoutException;
import io.casty.client.ClientClosedException;
import io.casty.client.ClusterUnavailableException;
import io.casty.client.EntityRef;
import io.casty.client.ServiceKey;
import io.casty.client.UnknownMessageTypeException;
import io.casty.client.it.Counters.CounterMsg;
import io.casty.client.it.Counters.GetCount;
import io.casty.client.it.Counters.Increment;
import io.casty.testkit.CastyTestCluster;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Limits and errors: every failure is typed, arrives within the configured time, and leaves
 * nothing behind.
 */
class ClientLimitsIntegrationTests {

	@CastyMessage("it.messages.Slow")
	record Slow(long delayMillis, ActorRef<String> replyTo) {
	}

	/** A record nobody registered. */
	record Unregistered(int x) {
	}

	@Test
	void unhostedShardTypeFillsItsBoundedBufferThenRejectsAndAsksTimeOutNamingTheType() throws Exception {
		try (CastyTestCluster cluster = Counters.cluster(3).start();
				CastyClient client = CastyClient.start(Counters.options(cluster)
					.buffer((buffer) -> buffer.maxPerShard(5).timeout(Duration.ofMillis(800)))
					.askTimeout(Duration.ofMillis(800))
					.build())) {
			client.awaitTopology(Duration.ofSeconds(5));
			EntityRef<CounterMsg> ghosts = client.entityRef("ghost", 10, CounterMsg.class);
			for (int i = 0; i < 5; i++) {
				ghosts.tell("same", new Increment(1));
			}
			assertThatExceptionOfType(BufferOverflowException.class).isThrownBy(() -> ghosts.tell("same", new Increment(1)))
				.withMessageContaining("ghost");
			CompletableFuture<Integer> rejected = ghosts.ask("same", GetCount::new, Integer.class);
			assertThat(rejected).failsWithin(Duration.ofSeconds(1))
				.withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(BufferOverflowException.class);
			long start = System.nanoTime();
			CompletableFuture<Integer> unanswered = ghosts.ask("other", GetCount::new, Integer.class);
			assertThat(unanswered).failsWithin(Duration.ofSeconds(3))
				.withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(CastyTimeoutException.class)
				.withMessageContaining("hosted by any node");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(700),
					Duration.ofMillis(2500));
			await().atMost(Duration.ofSeconds(3)).until(() -> client.bufferedMessages() == 0);
			assertThat(client.pendingAsks()).isZero();
		}
	}

	@Test
	void noReachableContactPointGivesClusterUnavailableWithinTheAskTimeout() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		try (CastyClient client = CastyClient.start(io.casty.client.CastyClientOptions.builder()
			.contactPoints("127.0.0.1:" + closedPort)
			.systemName("nowhere")
			.messageTypes(CounterMsg.class)
			.askTimeout(Duration.ofMillis(700))
			.socket((s) -> s.connectTimeout(Duration.ofMillis(300)))
			.topology((t) -> t.pollInterval(Duration.ofMillis(100)))
			.build())) {
			assertThatExceptionOfType(ClusterUnavailableException.class)
				.isThrownBy(() -> client.awaitTopology(Duration.ofMillis(500)))
				.withMessageContaining("127.0.0.1:" + closedPort);
			EntityRef<CounterMsg> counters = client.entityRef(Counters.TYPE, Counters.SHARDS, CounterMsg.class);
			assertThat(counters.ask("a", GetCount::new, Integer.class)).failsWithin(Duration.ofSeconds(2))
				.withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(ClusterUnavailableException.class)
				.withMessageContaining("127.0.0.1:" + closedPort);
			assertThat(client.services().lookup(ServiceKey.of("echo", Counters.Echo.class)).isEmpty()).isTrue();
		}
	}

	@Test
	void lateRepliesAreDroppedAndCountedAndNothingIsRetained() throws Exception {
		AtomicInteger late = new AtomicInteger();
		ScheduledExecutorService delayer = Executors.newSingleThreadScheduledExecutor();
		try (CastyTestCluster cluster = Counters.cluster(1)
			.messageTypes(Slow.class)
			.service("slow", "/slow-svc", 0, (ctx, message) -> {
				if (message instanceof Slow slow) {
					delayer.schedule(() -> ctx.tell(slow.replyTo(), "done"), slow.delayMillis(), TimeUnit.MILLISECONDS);
				}
			})
			.start();
				CastyClient client = CastyClient.start(Counters.options(cluster)
					.messageTypes(Slow.class)
					.listener(new CastyClientListener() {
						@Override
						public void lateReply() {
							late.incrementAndGet();
						}
					})
					.build())) {
			client.awaitTopology(Duration.ofSeconds(5));
			ActorRef<Slow> slow = client.services().lookup(ServiceKey.of("slow", Slow.class)).first().orElseThrow();
			CompletableFuture<String> reply = client.ask(slow, (replyTo) -> new Slow(400, replyTo), String.class,
					Duration.ofMillis(100));
			assertThat(reply).failsWithin(Duration.ofSeconds(1))
				.withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(CastyTimeoutException.class)
				.withMessageContaining("/slow-svc");
			assertThat(client.pendingAsks()).isZero();
			await().atMost(Duration.ofSeconds(2)).until(() -> late.get() == 1);
			assertThat(client.ask(slow, (replyTo) -> new Slow(1, replyTo), String.class).get(2, TimeUnit.SECONDS))
				.isEqualTo("done");
		}
		finally {
			delayer.shutdownNow();
		}
	}

	@Test
	void unregisteredMessageTypesAreRefusedBeforeAnythingIsSent() {
		try (CastyTestCluster cluster = Counters.cluster(1).start(); CastyClient client = Counters.client(cluster)) {
			@SuppressWarnings({ "unchecked", "rawtypes" })
			EntityRef<Object> raw = (EntityRef) client.entityRef(Counters.TYPE, Counters.SHARDS, CounterMsg.class);
			assertThatExceptionOfType(UnknownMessageTypeException.class)
				.isThrownBy(() -> raw.tell("a", new Unregistered(1)))
				.withMessageContaining("@CastyMessage");
			assertThat(cluster.node(0).envelopesReceived(Counters.TYPE)).isZero();
		}
	}

	@Test
	void closingFailsPendingAsksUnsubscribesAndReleasesEveryThread() throws Exception {
		try (CastyTestCluster cluster = Counters.cluster(3).start()) {
			CastyClient client = Counters.client(cluster);
			EntityRef<CounterMsg> ghosts = client.entityRef("ghost", 10, CounterMsg.class);
			List<CompletableFuture<Integer>> pending = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				pending.add(ghosts.ask("g-" + i, GetCount::new, Integer.class, Duration.ofSeconds(30)));
			}
			assertThat(client.pendingAsks()).isEqualTo(20);
			await().atMost(Duration.ofSeconds(3)).until(() -> cluster.nodes().stream().mapToInt((n) -> n.subscriberCount()).sum() > 0);
			client.close();
			for (CompletableFuture<Integer> ask : pending) {
				assertThat(ask).isCompletedExceptionally();
				assertThatExceptionOfType(ExecutionException.class).isThrownBy(ask::get)
					.withCauseInstanceOf(ClientClosedException.class);
			}
			assertThat(client.pendingAsks()).isZero();
			assertThat(client.bufferedMessages()).isZero();
			await().atMost(Duration.ofSeconds(3))
				.until(() -> cluster.nodes().stream().mapToInt((n) -> n.subscriberCount()).sum() == 0);
			await().atMost(Duration.ofSeconds(5)).until(() -> Thread.getAllStackTraces()
				.keySet()
				.stream()
				.noneMatch((t) -> t.isAlive() && t.getName().startsWith("casty-client")));
			assertThatExceptionOfType(ClientClosedException.class)
				.isThrownBy(() -> ghosts.tell("x", new Increment(1)));
		}
	}

}
