package io.casty.client.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.casty.client.ActorRef;
import io.casty.client.CastyClient;
import io.casty.client.CastyClientOptions;
import io.casty.client.CastyTimeoutException;
import io.casty.client.ServiceKey;
import io.casty.client.distributed.CastyDistributed;
import io.casty.client.distributed.CastyLock;
import io.casty.client.distributed.CastyMap;
import io.casty.client.distributed.CastyQueue;
import io.casty.client.distributed.CastySemaphore;
import io.casty.client.distributed.CastySet;
import io.casty.client.distributed.Permit;
import io.casty.client.distributed.StructureNotHostedException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The distributed structures, a client-hosted stream consumer and the traps against a real
 * Casty v0.21.0 cluster of three {@code casty_sample} nodes (which create the structures in
 * {@code casty_sample.structures}). Opt-in: runs only when {@code CASTY_SRC} points at a
 * Casty checkout ({@code CASTY_PYTHON} names the interpreter, default {@code python3}).
 */
@EnabledIfEnvironmentVariable(named = "CASTY_SRC", matches = ".+")
class RealCastyDistributedInteropTests {

	private static final List<Process> nodes = new ArrayList<>();

	private static final List<Integer> ports = new ArrayList<>();

	private static final List<String> report = new ArrayList<>();

	private static CastyClient client;

	private static CastyClient other;

	@BeforeAll
	static void startRealCluster() throws Exception {
		ports.addAll(RealCastyNodes.freePorts(3));
		nodes.addAll(RealCastyNodes.start("dinterop", ports, 1, true));
		client = start();
		other = start();
	}

	private static CastyClient start() {
		CastyClient started = ClientLeakGuard.track(CastyClient.start(CastyClientOptions.builder()
			.contactPoints("127.0.0.1:" + ports.get(0), "127.0.0.1:" + ports.get(1))
			.systemName("dinterop")
			.askTimeout(Duration.ofSeconds(5))
			.build()));
		started.awaitTopology(Duration.ofSeconds(10));
		await().atMost(Duration.ofSeconds(10)).until(() -> started.topology().current().availableMembers().size() == 3);
		return started;
	}

	@AfterAll
	static void stopRealCluster() throws IOException {
		if (client != null) {
			client.close();
		}
		if (other != null) {
			other.close();
		}
		for (Process process : nodes) {
			process.destroyForcibly();
		}
		Files.write(Path.of("target", "real-casty-distributed-interop.txt"), report);
	}

	@Test
	void everyStructureAgainstRealNodes() throws Exception {
		CastyDistributed d = client.distributed();
		long before = d.counter("visits").get().get(10, TimeUnit.SECONDS);
		List<CompletableFuture<Long>> increments = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			increments.add(d.counter("visits").increment());
			increments.add(other.distributed().counter("visits").increment(2));
		}
		CompletableFuture.allOf(increments.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
		assertThat(d.counter("visits").get().get(10, TimeUnit.SECONDS)).isEqualTo(before + 150);
		report.add("counter: 100 concurrent increments from 2 clients -> +150 exact");

		CastyMap<String, Object> settings = d.map("settings", String.class, Object.class);
		settings.remove("theme").get(10, TimeUnit.SECONDS);
		assertThat(settings.put("theme", Map.of("dark", true)).get(10, TimeUnit.SECONDS)).isNull();
		assertThat(other.distributed().map("settings", String.class, Object.class).get("theme").get(10, TimeUnit.SECONDS))
			.isEqualTo(Map.of("dark", true));
		assertThat(settings.containsKey("theme").get(10, TimeUnit.SECONDS)).isTrue();
		assertThat(settings.remove("theme").get(10, TimeUnit.SECONDS)).isTrue();
		report.add("map: put/get across clients/contains/remove ok");

		CastySet<String> tags = d.set("tags", String.class);
		tags.destroy().get(10, TimeUnit.SECONDS);
		assertThat(tags.add("java").get(10, TimeUnit.SECONDS)).isTrue();
		assertThat(tags.add("java").get(10, TimeUnit.SECONDS)).isFalse();
		assertThat(tags.contains("java").get(10, TimeUnit.SECONDS)).isTrue();
		assertThat(tags.size().get(10, TimeUnit.SECONDS)).isEqualTo(1);
		assertThat(tags.remove("java").get(10, TimeUnit.SECONDS)).isTrue();
		report.add("set: add/contains/size/remove ok");

		CastyQueue<String> jobs = d.queue("jobs", String.class);
		jobs.destroy().get(10, TimeUnit.SECONDS);
		jobs.enqueue("a").get(10, TimeUnit.SECONDS);
		jobs.enqueue("b").get(10, TimeUnit.SECONDS);
		assertThat(jobs.peek().get(10, TimeUnit.SECONDS)).isEqualTo("a");
		assertThat(jobs.size().get(10, TimeUnit.SECONDS)).isEqualTo(2);
		assertThat(jobs.dequeue().get(10, TimeUnit.SECONDS)).isEqualTo("a");
		assertThat(other.distributed().queue("jobs", String.class).dequeue().get(10, TimeUnit.SECONDS)).isEqualTo("b");
		assertThat(jobs.dequeue().get(10, TimeUnit.SECONDS)).isNull();
		report.add("queue: FIFO across clients, empty -> null ok");

		CastySemaphore exports = d.semaphore("exports");
		CastySemaphore otherExports = other.distributed().semaphore("exports");
		try (Permit a = exports.acquirePermit(); Permit b = otherExports.acquirePermit()) {
			assertThat(exports.tryAcquirePermit()).isEmpty();
		}
		assertThat(exports.tryAcquirePermit()).hasValueSatisfying(Permit::close);
		report.add("semaphore: 2 permits fixed by the node, third refused ok");

		CompletableFuture<Void> first = d.barrier("release").arrive(2);
		other.distributed().barrier("release").arrive(2).get(20, TimeUnit.SECONDS);
		first.get(20, TimeUnit.SECONDS);
		CompletableFuture<Void> boot = d.systemBarrier("java-boot").arrive(2);
		other.distributed().systemBarrier("java-boot").arrive(2).get(20, TimeUnit.SECONDS);
		boot.get(20, TimeUnit.SECONDS);
		report.add("barrier and system barrier: two clients released ok");

		long start = System.nanoTime();
		assertThatThrownBy(() -> d.counter("nobody-hosts-this").increment().join())
			.hasCauseInstanceOf(StructureNotHostedException.class);
		report.add("unhosted counter: StructureNotHostedException after "
				+ Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms (ask timeout 5000 ms)");
	}

	@Test
	void timedOutLockAcquisitionLeavesNoGhostHolderOnRealNodes() throws Exception {
		CastyLock lock = client.distributed().lock("reports");
		CastyLock contender = other.distributed().lock("reports");
		Permit held = lock.acquire().get(10, TimeUnit.SECONDS);
		assertThatThrownBy(() -> contender.acquire(Duration.ofMillis(500)).join())
			.hasCauseInstanceOf(CastyTimeoutException.class);
		assertThat(held.release().get(10, TimeUnit.SECONDS)).isTrue();
		await().atMost(Duration.ofSeconds(10)).until(() -> contender.abandonedGrantsReleased() == 1);
		await().atMost(Duration.ofSeconds(10)).until(() -> lock.tryLock().map((p) -> {
			p.close();
			return true;
		}).orElse(false));
		report.add("lock: a timed-out waiter was granted the lock by Casty and released by the client ("
				+ contender.abandonedGrantsReleased() + "); the lock was free again");
	}

	@Test
	void streamFromARealNodeIsConsumedByAClientHostedActor() {
		ServiceKey<Object> key = ServiceKey.of("numbers", Object.class);
		await().atMost(Duration.ofSeconds(15)).until(() -> !client.services().lookup(key).isEmpty());
		ActorRef<Object> producer = client.services().lookup(key).first().orElseThrow();
		List<Integer> numbers = client.streams().consume(producer, Integer.class).limitRate(2).collectList()
			.block(Duration.ofSeconds(20));
		assertThat(numbers).containsExactly(1, 2, 3, 4, 5);
		report.add("stream: 1..5 from a real stream_producer through a client-hosted consumer, demand 2 at a time, completed");
	}

}
