package io.casty.client.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.casty.client.CastyClient;
import io.casty.client.CastyMessage;
import io.casty.client.CastyTimeoutException;
import io.casty.client.EntityRef;
import io.casty.client.ReplyType;
import io.casty.client.Tuple;
import io.casty.client.distributed.CastyBarrier;
import io.casty.client.distributed.CastyCounter;
import io.casty.client.distributed.CastyDistributed;
import io.casty.client.distributed.CastyLock;
import io.casty.client.distributed.CastyMap;
import io.casty.client.distributed.CastyQueue;
import io.casty.client.distributed.CastySemaphore;
import io.casty.client.distributed.CastySet;
import io.casty.client.distributed.Permit;
import io.casty.client.distributed.StructureNotHostedException;
import io.casty.client.distributed.StructureOptions;
import io.casty.client.distributed.protocol.LockMessages;
import io.casty.testkit.CastyTestCluster;
import io.casty.testkit.distributed.TestStructures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Casty's distributed structures through the client's facades, against a 3-node test
 * cluster hosting them with Casty's semantics and traps.
 */
class DistributedIntegrationTests {

	@CastyMessage("it.messages.Profile")
	record Profile(String name, int age) {
	}

	private static final TestStructures structures = TestStructures.faithful();

	private static CastyTestCluster cluster;

	private static CastyClient client;

	private static final List<CastyClient> contenders = new ArrayList<>();

	@BeforeAll
	static void start() {
		CastyTestCluster.Builder builder = Counters.cluster(3).messageTypes(Profile.class);
		structures.counter(builder, "hits")
			.counter(builder, "race")
			.counter(builder, "in-lock")
			.map(builder, "profiles")
			.set(builder, "tags")
			.queue(builder, "jobs")
			.lock(builder, "report")
			.lock(builder, "ghost")
			.lock(builder, "mutex")
			.semaphore(builder, "pool", 2)
			.barrier(builder, "sync")
			.barrier(builder, "same-id")
			.systemBarrier(builder);
		cluster = builder.start();
		client = Counters.client(cluster);
		for (int i = 0; i < 8; i++) {
			contenders.add(Counters.client(cluster));
		}
	}

	@AfterAll
	static void stop() {
		contenders.forEach(CastyClient::close);
		client.close();
		cluster.close();
	}

	@Test
	void counterMapSetAndQueueAnswerAsCastys() throws Exception {
		CastyDistributed d = client.distributed();
		CastyCounter hits = d.counter("hits");
		assertThat(hits.increment(5).get(5, TimeUnit.SECONDS)).isEqualTo(5);
		assertThat(hits.decrement(2).get(5, TimeUnit.SECONDS)).isEqualTo(3);
		assertThat(hits.getMono().block(Duration.ofSeconds(5))).isEqualTo(3);
		assertThat(hits.destroy().get(5, TimeUnit.SECONDS)).isTrue();
		assertThat(hits.get().get(5, TimeUnit.SECONDS)).isZero();

		CastyMap<String, Profile> profiles = d.map("profiles", String.class, Profile.class);
		assertThat(profiles.put("ada", new Profile("Ada", 36)).get(5, TimeUnit.SECONDS)).isNull();
		assertThat(profiles.put("ada", new Profile("Ada", 37)).get(5, TimeUnit.SECONDS)).isEqualTo(new Profile("Ada", 36));
		assertThat(profiles.get("ada").get(5, TimeUnit.SECONDS)).isEqualTo(new Profile("Ada", 37));
		assertThat(profiles.containsKey("ada").get(5, TimeUnit.SECONDS)).isTrue();
		assertThat(profiles.getMono("nobody").blockOptional(Duration.ofSeconds(5))).isEmpty();
		assertThat(profiles.remove("ada").get(5, TimeUnit.SECONDS)).isTrue();
		assertThat(profiles.remove("ada").get(5, TimeUnit.SECONDS)).isFalse();
		assertThat(profiles.containsKey("ada").get(5, TimeUnit.SECONDS)).isFalse();

		CastySet<Object> tags = d.set("tags", Object.class);
		assertThat(tags.add("java").get(5, TimeUnit.SECONDS)).isTrue();
		assertThat(tags.add("java").get(5, TimeUnit.SECONDS)).isFalse();
		assertThat(tags.add(Tuple.of("a", 1)).get(5, TimeUnit.SECONDS)).isTrue();
		assertThat(tags.contains(Tuple.of("a", 1)).get(5, TimeUnit.SECONDS)).isTrue();
		assertThat(tags.size().get(5, TimeUnit.SECONDS)).isEqualTo(2);
		assertThat(tags.remove("java").get(5, TimeUnit.SECONDS)).isTrue();
		assertThat(tags.destroy().get(5, TimeUnit.SECONDS)).isTrue();
		assertThat(tags.size().get(5, TimeUnit.SECONDS)).isZero();

		CastyQueue<List<String>> jobs = d.queue("jobs", new ReplyType<List<String>>() {
		}, StructureOptions.defaults());
		jobs.enqueue(List.of("a", "b")).get(5, TimeUnit.SECONDS);
		jobs.enqueue(List.of("c")).get(5, TimeUnit.SECONDS);
		assertThat(jobs.size().get(5, TimeUnit.SECONDS)).isEqualTo(2);
		assertThat(jobs.peek().get(5, TimeUnit.SECONDS)).containsExactly("a", "b");
		assertThat(jobs.dequeue().get(5, TimeUnit.SECONDS)).containsExactly("a", "b");
		assertThat(jobs.dequeue().get(5, TimeUnit.SECONDS)).containsExactly("c");
		assertThat(jobs.dequeue().get(5, TimeUnit.SECONDS)).isNull();
	}

	@Test
	void eightClientsIncrementingOneCounterReachTheExactTotal() throws Exception {
		int perClient = 200;
		List<CompletableFuture<Long>> all = new ArrayList<>();
		for (CastyClient contender : contenders) {
			CastyCounter race = contender.distributed().counter("race");
			for (int i = 0; i < perClient; i++) {
				all.add(race.increment());
			}
		}
		CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
		assertThat(client.distributed().counter("race").get().get(5, TimeUnit.SECONDS))
			.isEqualTo(contenders.size() * perClient);
		assertThat(all.stream().map(CompletableFuture::join).distinct().count()).isEqualTo(contenders.size() * perClient);
	}

	@Test
	void eightClientsContendingForALockNeverOverlapAndTimeoutsLeaveNoGhostHolder() throws Exception {
		AtomicInteger inside = new AtomicInteger();
		AtomicInteger maxInside = new AtomicInteger();
		AtomicInteger entered = new AtomicInteger();
		AtomicInteger timedOut = new AtomicInteger();
		// the lock is held while every client starts, so the impatient ones time out while queued
		Permit blocker = client.distributed().lock("mutex").acquire().get(5, TimeUnit.SECONDS);
		ExecutorService pool = Executors.newFixedThreadPool(contenders.size());
		try {
			List<Future<?>> runs = new ArrayList<>();
			for (int c = 0; c < contenders.size(); c++) {
				CastyLock lock = contenders.get(c).distributed().lock("mutex");
				CastyCounter work = contenders.get(c).distributed().counter("in-lock");
				// half of the clients give up quickly, so some acquisitions time out while queued
				Duration wait = (c % 2 == 0) ? Duration.ofSeconds(20) : Duration.ofMillis(40);
				runs.add(pool.submit(() -> {
					for (int round = 0; round < 10; round++) {
						Permit held;
						try {
							held = lock.acquire(wait).join();
						}
						catch (java.util.concurrent.CompletionException ex) {
							assertThat(ex.getCause()).isInstanceOf(CastyTimeoutException.class);
							timedOut.incrementAndGet();
							continue;
						}
						try (held) {
							int now = inside.incrementAndGet();
							maxInside.accumulateAndGet(now, Math::max);
							entered.incrementAndGet();
							work.increment().join();
							inside.decrementAndGet();
						}
					}
					return null;
				}));
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> timedOut.get() >= contenders.size() / 2);
			blocker.close();
			for (Future<?> run : runs) {
				run.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(maxInside.get()).isEqualTo(1);
		assertThat(entered.get()).isGreaterThanOrEqualTo(contenders.size() / 2 * 10);
		assertThat(client.distributed().counter("in-lock").get().get(5, TimeUnit.SECONDS)).isEqualTo(entered.get());
		assertThat(timedOut.get()).isPositive();
		// every grant that reached a waiter who had given up was released: the lock ends free
		CastyLock lock = client.distributed().lock("mutex");
		await().atMost(Duration.ofSeconds(10)).until(() -> lock.tryLock().map((p) -> {
			p.close();
			return true;
		}).orElse(false));
		System.out.printf("lock contention: %d entries, %d timeouts, %d grants to waiters%n", entered.get(),
				timedOut.get(), structures.grantsToWaiters());
	}

	@Test
	void timedOutAcquireLeavesNoGhostHolderWhereARawAskWould() throws Exception {
		CastyLock lock = client.distributed().lock("ghost");
		CastyLock other = contenders.get(0).distributed().lock("ghost");
		Permit held = lock.acquire().get(5, TimeUnit.SECONDS);
		assertThatThrownBy(() -> other.acquire(Duration.ofMillis(200)).join()).hasCauseInstanceOf(CastyTimeoutException.class)
			.hasMessageContaining("not granted within 200 ms");
		assertThat(held.release().get(5, TimeUnit.SECONDS)).isTrue();
		// Casty hands the lock to the queued, timed-out waiter; its client releases it at once
		await().atMost(Duration.ofSeconds(5)).until(() -> other.abandonedGrantsReleased() == 1);
		Optional<Permit> free = lock.tryLock();
		assertThat(free).isPresent();
		free.get().close();

		// the trap itself: a bare ask that times out leaves its owner queued and the lock taken
		EntityRef<Object> raw = client.entityRef("d-lock-ghost", 100, Object.class);
		Permit again = lock.acquire().get(5, TimeUnit.SECONDS);
		assertThatThrownBy(() -> raw.ask("ghost", (r) -> new LockMessages.LockAcquire("bare-owner", r.narrow()),
				LockMessages.LockAcquired.class, Duration.ofMillis(200)).join()).hasCauseInstanceOf(CastyTimeoutException.class);
		again.close();
		assertThat(lock.tryLock()).isEmpty();
		assertThat(raw.ask("ghost", (r) -> new LockMessages.LockRelease("bare-owner", r.narrow()),
				LockMessages.LockReleased.class).get(5, TimeUnit.SECONDS).released()).isTrue();
	}

	@Test
	void semaphoreAdmitsAtMostItsPermits() throws Exception {
		CastySemaphore a = contenders.get(1).distributed().semaphore("pool");
		CastySemaphore b = contenders.get(2).distributed().semaphore("pool");
		CastySemaphore c = contenders.get(3).distributed().semaphore("pool");
		Permit first = a.acquire().get(5, TimeUnit.SECONDS);
		Permit second = b.acquire().get(5, TimeUnit.SECONDS);
		assertThat(c.tryAcquirePermit()).isEmpty();
		CompletableFuture<Permit> third = c.acquire();
		assertThat(third).isNotDone();
		first.close();
		Permit granted = third.get(5, TimeUnit.SECONDS);
		second.close();
		granted.close();
		assertThat(granted.release().get()).isTrue();
		Integer result = c.withPermit(() -> reactor.core.publisher.Mono.just(42)).block(Duration.ofSeconds(5));
		assertThat(result).isEqualTo(42);
		assertThat(c.tryAcquirePermit()).hasValueSatisfying(Permit::close);
	}

	@Test
	void barrierReleasesEveryParticipantOnceAllArrived() throws Exception {
		List<CompletableFuture<Void>> arrivals = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			arrivals.add(contenders.get(i).distributed().barrier("sync").arrive(3));
		}
		CompletableFuture.allOf(arrivals.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
		CastyBarrier system = client.distributed().systemBarrier("boot");
		CompletableFuture<Void> boot = system.arrive(2);
		contenders.get(4).distributed().systemBarrier("boot").arrive(2).get(10, TimeUnit.SECONDS);
		boot.get(5, TimeUnit.SECONDS);
	}

	@Test
	void twoClientsArrivingUnderOneIdReproduceCastysLostArrival() {
		StructureOptions quick = StructureOptions.barrierDefaults().withTimeout(Duration.ofSeconds(1));
		CompletableFuture<Void> first = contenders.get(5).distributed().barrier("same-id", "shared", quick).arrive(3);
		await().atMost(Duration.ofSeconds(5)).until(() -> cluster.node(0).envelopesReceived("d-barrier-same-id")
				+ cluster.node(1).envelopesReceived("d-barrier-same-id")
				+ cluster.node(2).envelopesReceived("d-barrier-same-id") == 1);
		CompletableFuture<Void> second = contenders.get(6).distributed().barrier("same-id", "shared", quick).arrive(3);
		assertThatThrownBy(first::join).hasCauseInstanceOf(CastyTimeoutException.class);
		assertThatThrownBy(second::join).hasCauseInstanceOf(CastyTimeoutException.class);
		assertThat(structures.unansweredArrivals()).isEqualTo(1);
	}

	@Test
	void structureNoNodeHostsFailsFastWithATypedError() {
		long start = System.nanoTime();
		assertThatThrownBy(() -> client.distributed().counter("nobody").increment().join())
			.hasCauseInstanceOf(StructureNotHostedException.class)
			.hasMessageContaining("d-counter-nobody")
			.hasMessageContaining("system.distributed().counter(\"nobody\", shards=100)");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
	}

}
