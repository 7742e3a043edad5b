package io.casty.client.it;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.casty.client.BufferOverflowException;
import io.casty.client.CastyClient;
import io.casty.client.CastyTimeoutException;
import io.casty.client.ClientClosedException;
import io.casty.client.EntityRef;
import io.casty.client.it.Counters.CounterMsg;
import io.casty.client.it.Counters.GetCount;
import io.casty.testkit.CastyTestCluster;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code close()} racing asks, and {@code close()} called from the client's own threads.
 */
class CloseRaceIntegrationTests {

	private static final int ROUNDS = 50;

	private static final int THREADS = 32;

	@Test
	void asksRacingCloseNeverThrowAndEveryFutureEnds() throws Exception {
		try (CastyTestCluster cluster = Counters.cluster(1).start()) {
			for (int round = 0; round < ROUNDS; round++) {
				CastyClient client = Counters.client(cluster);
				EntityRef<CounterMsg> counters = client.entityRef(Counters.TYPE, Counters.SHARDS, CounterMsg.class);
				EntityRef<CounterMsg> ghosts = client.entityRef("ghost", 10, CounterMsg.class);
				Queue<CompletableFuture<Integer>> futures = new ConcurrentLinkedQueue<>();
				Queue<Throwable> thrown = new ConcurrentLinkedQueue<>();
				AtomicBoolean stop = new AtomicBoolean();
				CountDownLatch started = new CountDownLatch(THREADS);
				Thread[] threads = new Thread[THREADS];
				for (int t = 0; t < THREADS; t++) {
					int id = t;
					threads[t] = new Thread(() -> {
						started.countDown();
						for (int i = 0; i < 2_000 && !stop.get(); i++) {
							try {
								EntityRef<CounterMsg> target = (i % 2 == 0) ? counters : ghosts;
								futures.add(target.ask("e-" + id + "-" + (i % 20), GetCount::new, Integer.class));
							}
							catch (Throwable ex) {
								thrown.add(ex);
							}
						}
					}, "racer-" + t);
					threads[t].start();
				}
				started.await();
				await().atMost(Duration.ofSeconds(10)).until(() -> futures.size() >= THREADS * 20);
				client.close();
				stop.set(true);
				for (Thread thread : threads) {
					thread.join(10_000);
				}
				assertThat(thrown).as("asks must fail their futures, never throw").isEmpty();
				for (CompletableFuture<Integer> future : futures) {
					assertThat(future.handle((count, failure) -> (failure == null) ? null : failure.getClass()))
						.as("every ask ends, with a reply or a typed error")
						.succeedsWithin(Duration.ofSeconds(5))
						.satisfies((failure) -> assertThat(failure).isIn(null, ClientClosedException.class,
								BufferOverflowException.class, CastyTimeoutException.class));
				}
				assertThat(client.pendingAsks()).isZero();
				assertThat(client.bufferedMessages()).isZero();
			}
		}
	}

	@Test
	void closeFromAReplyCallbackOnAnIoThreadReleasesEverything() throws Exception {
		try (CastyTestCluster cluster = Counters.cluster(1).start()) {
			CastyClient client = Counters.client(cluster);
			EntityRef<CounterMsg> counters = client.entityRef(Counters.TYPE, Counters.SHARDS, CounterMsg.class);
			counters.ask("a", GetCount::new, Integer.class).get();
			EntityRef<CounterMsg> ghosts = client.entityRef("ghost", 10, CounterMsg.class);
			CompletableFuture<Integer> waiting = ghosts.ask("g", GetCount::new, Integer.class, Duration.ofSeconds(30));
			AtomicReference<String> thread = new AtomicReference<>();
			AtomicReference<Throwable> error = new AtomicReference<>();
			// a reply that comes before the callback is attached runs it on this thread: try again
			for (int i = 0; i < 100 && client.isRunning(); i++) {
				counters.ask("a", GetCount::new, Integer.class).thenAccept((count) -> {
					if (Thread.currentThread().getName().startsWith("casty-client")) {
						thread.set(Thread.currentThread().getName());
						try {
							client.close();
						}
						catch (Throwable ex) {
							error.set(ex);
						}
					}
				}).get();
			}
			assertThat(thread.get()).startsWith("casty-client");
			assertThat(error.get()).isNull();
			assertClosedAndReleased(client, waiting);
		}
	}

	@Test
	void closeFromATimeoutCallbackOnTheTimerThreadReleasesEverything() throws Exception {
		try (CastyTestCluster cluster = Counters.cluster(1).start()) {
			CastyClient client = Counters.client(cluster);
			EntityRef<CounterMsg> ghosts = client.entityRef("ghost", 10, CounterMsg.class);
			CompletableFuture<Integer> waiting = ghosts.ask("g", GetCount::new, Integer.class, Duration.ofSeconds(30));
			AtomicReference<String> thread = new AtomicReference<>();
			AtomicReference<Throwable> error = new AtomicReference<>();
			CompletableFuture<Integer> timedOut = ghosts.ask("h", GetCount::new, Integer.class, Duration.ofMillis(100));
			timedOut.handle((count, failure) -> {
				thread.set(Thread.currentThread().getName());
				try {
					client.close();
				}
				catch (Throwable ex) {
					error.set(ex);
				}
				return null;
			}).get();
			assertThat(thread.get()).isEqualTo("casty-client-timer");
			assertThat(error.get()).isNull();
			assertClosedAndReleased(client, waiting);
		}
	}

	private static void assertClosedAndReleased(CastyClient client, CompletableFuture<Integer> waiting) {
		assertThat(client.isRunning()).isFalse();
		assertThat(waiting).failsWithin(Duration.ofSeconds(1))
			.withThrowableOfType(ExecutionException.class)
			.withCauseInstanceOf(ClientClosedException.class);
		assertThat(client.pendingAsks()).isZero();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(List.copyOf(Thread.getAllStackTraces().keySet()))
				.filteredOn((t) -> t.isAlive() && t.getName().startsWith("casty-client"))
				.isEmpty());
	}

}
