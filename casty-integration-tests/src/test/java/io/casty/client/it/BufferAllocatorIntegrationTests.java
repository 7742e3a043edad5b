package io.casty.client.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.casty.client.ActorRef;
import io.casty.client.CastyClient;
import io.casty.client.EntityRef;
import io.casty.client.SocketOptions;
import io.casty.client.it.Counters.CounterMsg;
import io.casty.client.it.Counters.GetCount;
import io.casty.client.it.Counters.Increment;
import io.casty.client.transport.Buffers;
import io.casty.testkit.CastyTestCluster;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SocketOptions#allocator()}: the connections the client dials take their buffers
 * from the chosen allocator, and messages of every size (small frames copied into pooled
 * buffers as they are written with the pooled allocator, written as encoded with the
 * adaptive one) arrive intact either way; their reads grow up to a megabyte.
 */
class BufferAllocatorIntegrationTests {

	@Test
	void byDefaultTheClientsConnectionsUseNettysPooledAllocator() throws Exception {
		assertThat(SocketOptions.defaults().allocator()).isEqualTo(SocketOptions.Allocator.POOLED);
		assertThat(allocatorsSeenWith(null)).isNotEmpty().allSatisfy((allocator) -> assertThat(allocator)
			.isSameAs(PooledByteBufAllocator.DEFAULT));
	}

	@Test
	void theClientsConnectionsReadUpToAMegabyteAtATime() throws Exception {
		List<RecvByteBufAllocator> seen = new CopyOnWriteArrayList<>();
		exchangeWith((s) -> s.tcpClientCustomizer(
				(tcp) -> tcp.doOnConnected((c) -> seen.add(c.channel().config().getRecvByteBufAllocator()))));
		assertThat(seen).isNotEmpty().allSatisfy((sizes) -> assertThat(sizes).isSameAs(Buffers.readSizes()));
		RecvByteBufAllocator.Handle handle = Buffers.readSizes().newHandle();
		handle.reset(new EmbeddedChannel().config());
		assertThat(handle.guess()).as("a first read is small").isLessThanOrEqualTo(2048);
	}

	@ParameterizedTest
	@EnumSource(SocketOptions.Allocator.class)
	void withEitherAllocatorTellsAndAsksOfEverySizeArriveIntact(SocketOptions.Allocator allocator) throws Exception {
		ByteBufAllocator expected = (allocator == SocketOptions.Allocator.POOLED) ? PooledByteBufAllocator.DEFAULT
				: ByteBufAllocator.DEFAULT;
		assertThat(allocatorsSeenWith(allocator)).isNotEmpty().allSatisfy((seen) -> assertThat(seen).isSameAs(expected));
	}

	@Test
	void aClosedClientLeavesNoThreadCacheOfThePooledAllocatorBehind() throws Exception {
		int before = PooledByteBufAllocator.DEFAULT.metric().numThreadLocalCaches();
		try (CastyTestCluster cluster = Counters.cluster(1).noFailureDetection().start()) {
			CastyClient client = Counters.client(cluster);
			try {
				EntityRef<CounterMsg> counters = client.entityRef(Counters.TYPE, Counters.SHARDS, CounterMsg.class);
				counters.tell("c", new Increment(2));
				assertThat(counters.ask("c", GetCount::new, Integer.class).get(5, TimeUnit.SECONDS)).isEqualTo(2);
				assertThat(PooledByteBufAllocator.DEFAULT.metric().numThreadLocalCaches())
					.as("the client's I/O threads took caches").isGreaterThan(before);
			}
			finally {
				client.close();
			}
			org.awaitility.Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(PooledByteBufAllocator.DEFAULT.metric().numThreadLocalCaches())
					.as("thread caches of the pooled allocator once the client closed")
					.isLessThanOrEqualTo(before));
		}
	}

	/**
	 * Runs tells and asks (small ones, which the outbound queue joins, and large ones, which
	 * it writes alone, and echoes longer than the encoder's first buffer) and returns the
	 * allocators of the connections the client dialled.
	 */
	private static List<ByteBufAllocator> allocatorsSeenWith(SocketOptions.Allocator allocator) throws Exception {
		List<ByteBufAllocator> seen = new CopyOnWriteArrayList<>();
		exchangeWith((s) -> {
			if (allocator != null) {
				s.allocator(allocator);
			}
			s.tcpClientCustomizer((tcp) -> tcp.doOnConnected((c) -> seen.add(c.channel().alloc())));
		});
		return seen;
	}

	/** Runs the tells, asks and echoes with the socket options given. */
	private static void exchangeWith(Consumer<SocketOptions.Builder> socket) throws Exception {
		try (CastyTestCluster cluster = Counters.cluster(3).noFailureDetection().start();
				CastyClient client = ClientLeakGuard.track(CastyClient.start(Counters.options(cluster).socket(socket).build()))) {
			client.awaitTopology(Duration.ofSeconds(5));
			EntityRef<CounterMsg> counters = client.entityRef(Counters.TYPE, Counters.SHARDS, CounterMsg.class);
			for (int i = 0; i < 500; i++) {
				counters.tell("e" + (i % 20), new Increment(1));
			}
			List<CompletableFuture<Integer>> counts = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				counts.add(counters.ask("e" + i, GetCount::new, Integer.class));
			}
			for (CompletableFuture<Integer> count : counts) {
				assertThat(count.get(5, TimeUnit.SECONDS)).isEqualTo(25);
			}
			ActorRef<Counters.Echo> echo = ActorRef.parse("casty://it@" + cluster.node(0).address() + "/echo-svc");
			for (int size : new int[] { 1, 300, 5_000, 70_000, 3_000_000 }) {
				String text = "x".repeat(size);
				assertThat(client.ask(echo, (ActorRef<String> r) -> new Counters.Echo(text, r), String.class)
					.get(5, TimeUnit.SECONDS)).isEqualTo(cluster.node(0).address() + ":" + text);
			}
		}
	}

}
