package io.casty.client.it;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.Map;

import io.casty.client.CastyClient;
import io.casty.client.EntityRef;
import io.casty.client.it.Counters.CounterMsg;
import io.casty.client.it.Counters.GetCount;
import io.casty.testkit.CastyTestCluster;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Creating and closing clients again and again leaves nothing behind: no heap, no thread, no
 * file descriptor, no entry in Reactor Netty's static caches.
 */
class ClientLifecycleIntegrationTests {

	private static final int CYCLES = 200;

	@Test
	void closedClientsLeaveNoHeapThreadsFileDescriptorsOrResolversBehind() throws Exception {
		try (CastyTestCluster cluster = Counters.cluster(1).start()) {
			for (int i = 0; i < 10; i++) {
				cycle(cluster);
			}
			awaitNoClientThreads();
			long heapBefore = heapAfterGc();
			int threadsBefore = liveThreads();
			long fdsBefore = openFileDescriptors();
			int resolversBefore = resolversCached();
			for (int i = 0; i < CYCLES; i++) {
				cycle(cluster);
			}
			awaitNoClientThreads();
			long heapAfter = heapAfterGc();
			int resolversAfter = resolversCached();
			long fdsAfter = openFileDescriptors();
			System.out.printf("%d create/close cycles: heap after GC %d -> %d bytes (%d per client), threads %d -> %d,"
					+ " file descriptors %d -> %d, Reactor Netty resolvers cached %d -> %d%n", CYCLES, heapBefore,
					heapAfter, (heapAfter - heapBefore) / CYCLES, threadsBefore, liveThreads(), fdsBefore, fdsAfter,
					resolversBefore, resolversAfter);
			assertThat(resolversAfter).as("resolvers Reactor Netty keeps for the clients' event loops")
				.isEqualTo(resolversBefore);
			await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> liveThreads() <= threadsBefore);
			if (fdsBefore >= 0) {
				await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> openFileDescriptors() <= fdsBefore + 5);
			}
			// 48 KB per client before the fix would be 9.6 MB: allow for GC noise, not for a leak
			assertThat(heapAfter - heapBefore).as("heap retained by %d closed clients", CYCLES)
				.isLessThan(3L * 1024 * 1024);
		}
	}

	private static void cycle(CastyTestCluster cluster) throws Exception {
		// not tracked by the leak guard, whose list would itself hold every client
		try (CastyClient client = CastyClient.start(Counters.options(cluster).build())) {
			client.awaitTopology(Duration.ofSeconds(5));
			EntityRef<CounterMsg> counters = client.entityRef(Counters.TYPE, Counters.SHARDS, CounterMsg.class);
			counters.ask("a", GetCount::new, Integer.class).get();
		}
	}

	private static void awaitNoClientThreads() {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> Thread.getAllStackTraces()
				.keySet()
				.stream()
				.noneMatch((t) -> t.isAlive() && t.getName().startsWith("casty-client")));
	}

	private static long heapAfterGc() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		long best = Long.MAX_VALUE;
		for (int i = 0; i < 5; i++) {
			System.gc();
			best = Math.min(best, memory.getHeapMemoryUsage().getUsed());
		}
		return best;
	}

	private static int liveThreads() {
		return ManagementFactory.getThreadMXBean().getThreadCount();
	}

	private static long openFileDescriptors() {
		String[] fds = new File("/proc/self/fd").list();
		return (fds != null) ? fds.length : -1;
	}

	private static int resolversCached() throws ReflectiveOperationException {
		Class<?> config = Class.forName("reactor.netty.transport.ClientTransportConfig");
		Field cache = config.getDeclaredField("RESOLVERS_CACHE");
		cache.setAccessible(true);
		return ((Map<?, ?>) cache.get(null)).size();
	}

}
