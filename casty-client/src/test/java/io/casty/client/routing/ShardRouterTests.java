package io.casty.client.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.casty.client.BufferOptions;
import io.casty.client.BufferOverflowException;
import io.casty.client.CastyClientListener;
import io.casty.client.CastyClientOptions;
import io.casty.client.NodeAddress;
import io.casty.client.NodeUnreachableException;
import io.casty.client.messaging.AskRegistry;
import io.casty.client.messaging.PendingAsk;
import io.casty.client.protocol.EncodedMessage;
import io.casty.client.protocol.MessageEncoder;
import io.casty.client.protocol.TrackingAllocator;
import io.casty.client.protocol.codec.MessageCodec;
import io.casty.client.protocol.codec.MessageTypeRegistry;
import io.casty.client.protocol.messages.Member;
import io.casty.client.protocol.messages.MemberStatus;
import io.casty.client.protocol.messages.ShardAllocation;
import io.casty.client.protocol.messages.ShardLocation;
import io.casty.client.protocol.messages.TopologySnapshot;
import io.casty.client.topology.TopologyCache;
import io.casty.client.transport.ClientIdentity;
import io.casty.client.transport.InFlight;
import io.casty.client.transport.SendFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The router against fakes of its ports: no socket, no scheduler thread; timers run when the
 * test says so.
 */
class ShardRouterTests {

	private static final String TYPE = "counter";

	private static final int SHARDS = 16;

	private static final NodeAddress A = new NodeAddress("127.0.0.1", 25801);

	private static final NodeAddress B = new NodeAddress("127.0.0.1", 25802);

	private static final String ID = "entity-1";

	private final MessageCodec codec = new MessageCodec(MessageTypeRegistry.withProtocolTypes());

	private final TrackingAllocator allocator = new TrackingAllocator();

	private final MessageEncoder encoder = new MessageEncoder(this.codec, this.allocator);

	private final List<ShardRouter> routers = new ArrayList<>();

	private final TopologyCache topology = new TopologyCache();

	private final RouteFence fence = new RouteFence(this.topology::stamp);

	private final FakeTransport transport = new FakeTransport();

	private final List<Long> queried = new CopyOnWriteArrayList<>();

	private final FakeTimers timers = new FakeTimers();

	private final List<String> dropped = new CopyOnWriteArrayList<>();

	private final AskRegistry asks = new AskRegistry(this.codec, CastyClientListener.NONE, 100);

	private final long shard = new EntityShards(SHARDS, EntityShards.DEFAULT_SIZE).shardOf(ID);

	@AfterEach
	void close() {
		this.routers.forEach(ShardRouter::close);
		this.asks.close();
		assertThat(this.allocator.unreleasedCount()).as("messages sent, buffered or dropped are all released")
			.isZero();
	}

	private ShardRouter router(Consumer<BufferOptions.Builder> buffer) {
		CastyClientListener listener = new CastyClientListener() {
			@Override
			public void messageDropped(String target, String reason) {
				ShardRouterTests.this.dropped.add(reason);
			}
		};
		CastyClientOptions options = CastyClientOptions.builder()
			.contactPoints(List.of(A))
			.listener(listener)
			.buffer(buffer)
			.build();
		this.asks.start(List.of(new ClientIdentity("127.0.0.1", 1, "test")));
		LocationQuery query = (coordinator, shardType, s) -> this.queried.add(s);
		ShardRouter router = new ShardRouter(TYPE, SHARDS, new RoutingContext(options, this.topology, this.fence,
				this.transport, query, this.asks, this.timers, () -> "no topology yet"));
		this.routers.add(router);
		return router;
	}

	private ShardRouter router() {
		return router((b) -> {
		});
	}

	private static TopologySnapshot snapshot(long epoch, Map<Long, NodeAddress> owners) {
		Map<Long, ShardAllocation> shards = new HashMap<>();
		owners.forEach((s, owner) -> shards.put(s, new ShardAllocation(owner, List.of())));
		return new TopologySnapshot(
				Set.of(new Member(A, MemberStatus.UP, Set.of(), "a"), new Member(B, MemberStatus.UP, Set.of(), "b")),
				A, Map.of(TYPE, shards), epoch, Set.of(), Set.of());
	}

	private void accept(ShardRouter router, TopologySnapshot snapshot) {
		TopologyCache.Offer offer = this.topology.offer(snapshot, A, false);
		assertThat(offer.accepted()).isTrue();
		router.onTopology(offer.view());
	}

	private EncodedMessage message(String text) {
		return this.encoder.encodeForEntity(ID, text);
	}

	private PendingAsk ask() {
		return this.asks.register(String.class, TYPE, () -> "ask", Duration.ofSeconds(30), 0);
	}

	@Test
	void aMessageGoesStraightToTheOwnerTheSnapshotNames() {
		ShardRouter router = router();
		accept(router, snapshot(1, Map.of(this.shard, A)));
		EncodedMessage hello = message("hello");

		router.tell(ID, hello);

		assertThat(this.transport.sent).singleElement().satisfies((sent) -> {
			assertThat(sent.node()).isEqualTo(A);
			assertThat(sent.path()).isEqualTo("/_region-" + TYPE);
			assertThat(sent.message()).isSameAs(hello);
		});
		assertThat(router.routeOf(ID)).isEqualTo(A);
		assertThat(this.queried).isEmpty();
		assertThat(router.bufferedCount()).isZero();
	}

	@Test
	void messagesWaitWhileTheOwnerIsUnknownAndGoInOrderToTheNodeTheCoordinatorNames() {
		ShardRouter router = router();
		accept(router, snapshot(1, Map.of()));
		List<EncodedMessage> messages = List.of(message("1"), message("2"), message("3"));

		messages.forEach((m) -> router.tell(ID, m));

		assertThat(this.transport.sent).isEmpty();
		assertThat(router.bufferedCount()).isEqualTo(3);
		assertThat(this.queried).as("one query for the shard").containsExactly(this.shard);

		router.onLocation(new ShardLocation(this.shard, B, List.of()));

		assertThat(this.transport.sent).extracting(Sent::message).containsExactlyElementsOf(messages);
		assertThat(this.transport.sent).extracting(Sent::node).containsOnly(B);
		assertThat(router.bufferedCount()).isZero();
		assertThat(this.topology.current().owner(TYPE, this.shard)).as("folded into the view").isEqualTo(B);
		router.tell(ID, message("4"));
		assertThat(this.transport.sent).hasSize(4);
	}

	@Test
	void aFullShardBufferRejectsATellInTheCallerAndFailsAnAsk() {
		ShardRouter router = router((b) -> b.maxPerShard(2));
		accept(router, snapshot(1, Map.of()));
		router.tell(ID, message("1"));
		router.tell(ID, message("2"));

		EncodedMessage third = message("3");
		assertThatExceptionOfType(BufferOverflowException.class).isThrownBy(() -> router.tell(ID, third));
		PendingAsk ask = ask();
		EncodedMessage fourth = message("4");
		router.ask(ID, fourth, ask);

		assertThat(ask.future()).isCompletedExceptionally();
		assertThat(failure(ask.future())).isInstanceOf(BufferOverflowException.class);
		assertThat(router.bufferedCount()).isEqualTo(2);
		assertThat(third.isEnded()).as("released").isTrue();
		assertThat(fourth.isEnded()).as("released").isTrue();
	}

	@Test
	void theBytesBufferedPerTypeAreBoundedAndFreedWhenTheBufferDrains() {
		EncodedMessage first = message("1");
		ShardRouter router = router((b) -> b.maxBytesPerType(2 * first.payloadSize()));
		accept(router, snapshot(1, Map.of()));
		router.tell(ID, first);
		router.tell(ID, message("2"));

		assertThatExceptionOfType(BufferOverflowException.class).isThrownBy(() -> router.tell(ID, message("3")))
			.withMessageContaining("bytes");

		router.onLocation(new ShardLocation(this.shard, B, List.of()));
		String other = otherShardEntity();
		router.tell(other, this.encoder.encodeForEntity(other, "1"));
		router.tell(other, this.encoder.encodeForEntity(other, "2"));
		assertThat(router.bufferedCount()).isEqualTo(2);
	}

	private String otherShardEntity() {
		EntityShards shards = new EntityShards(SHARDS, EntityShards.DEFAULT_SIZE);
		for (int i = 0;; i++) {
			String id = "other-" + i;
			if (shards.shardOf(id) != this.shard && id.length() == ID.length()) {
				return id;
			}
		}
	}

	@Test
	void aTellWhoseDeadlinePassedIsDroppedFromTheBuffer() {
		ShardRouter router = router((b) -> b.timeout(Duration.ofMillis(1)));
		accept(router, snapshot(1, Map.of()));
		EncodedMessage late = message("late");
		router.tell(ID, late);

		await().atMost(Duration.ofSeconds(10)).until(() -> {
			router.expire();
			return router.bufferedCount() == 0;
		});

		assertThat(this.dropped).containsExactly("buffer-timeout");
		assertThat(late.isEnded()).as("released").isTrue();
		router.onLocation(new ShardLocation(this.shard, B, List.of()));
		assertThat(this.transport.sent).isEmpty();
	}

	@Test
	void aCoordinatorAnswerBeatsASnapshotOfTheSameEpochAndANewerSnapshotBeatsIt() {
		ShardRouter router = router();
		accept(router, snapshot(5, Map.of()));
		router.tell(ID, message("1"));
		router.onLocation(new ShardLocation(this.shard, B, List.of()));

		accept(router, snapshot(5, Map.of(this.shard, A)));
		assertThat(router.routeOf(ID)).as("same epoch").isEqualTo(B);

		accept(router, snapshot(6, Map.of(this.shard, A)));
		assertThat(router.routeOf(ID)).as("newer epoch").isEqualTo(A);
		router.tell(ID, message("2"));
		assertThat(this.transport.sent).extracting(Sent::node).containsExactly(B, A);
	}

	@Test
	void aRouteLearnedBeforeALostConnectionIsNotUsedUntilASnapshotAfterTheReconnectConfirmsIt() {
		ShardRouter router = router();
		TopologySnapshot snapshot = snapshot(1, Map.of(this.shard, A));
		accept(router, snapshot);

		this.fence.connectionLost(A);
		assertThat(router.routeOf(ID)).as("disconnected").isNull();
		this.fence.connected(A);
		assertThat(router.routeOf(ID)).as("learned before the loss").isNull();
		router.tell(ID, message("1"));
		assertThat(this.transport.sent).isEmpty();

		accept(router, snapshot);
		assertThat(router.routeOf(ID)).isEqualTo(A);
		assertThat(this.transport.sent).extracting(Sent::node).containsExactly(A);
	}

	@Test
	void aCoordinatorAnswerLearnedBeforeItsNodeLostItsConnectionIsDropped() {
		ShardRouter router = router();
		accept(router, snapshot(1, Map.of()));
		router.tell(ID, message("1"));
		router.onLocation(new ShardLocation(this.shard, B, List.of()));
		assertThat(router.routeOf(ID)).isEqualTo(B);

		this.fence.connectionLost(B);
		this.fence.connected(B);

		assertThat(router.routeOf(ID)).isNull();
		assertThat(this.topology.current().located(TYPE, this.shard)).as("forgotten").isNull();
	}

	@Test
	void asksWaitingForAShardOnANodeThatCannotBeReachedFailAtOnce() {
		ShardRouter router = router();
		accept(router, snapshot(1, Map.of()));
		PendingAsk ask = ask();
		router.ask(ID, message("1"), ask);
		this.transport.failed.add(B);

		router.onLocation(new ShardLocation(this.shard, B, List.of()));

		assertThat(failure(ask.future())).isInstanceOf(NodeUnreachableException.class);
		PendingAsk next = ask();
		router.ask(ID, message("2"), next);
		assertThat(failure(next.future())).isInstanceOf(NodeUnreachableException.class);
	}

	@Test
	void aQueryThatTimesOutIsRetriedAndAnUnaskedLocationIsDropped() {
		ShardRouter router = router();
		accept(router, snapshot(1, Map.of()));
		router.onLocation(new ShardLocation(this.shard, B, List.of()));
		assertThat(this.topology.current().located(TYPE, this.shard)).as("nobody asked").isNull();

		router.tell(ID, message("1"));
		this.timers.runDue();
		assertThat(this.queried).hasSize(1);
		this.timers.runDue();
		assertThat(this.queried).as("retried after the backoff").hasSize(2);

		router.onLocation(new ShardLocation(this.shard, A, List.of()));
		assertThat(this.transport.sent).extracting(Sent::node).containsExactly(A);
		assertThat(this.timers.tasks).allMatch((task) -> task.cancelled || task.ran);
	}

	@Test
	void closingDropsTheBuffersAndRefusesNewMessages() {
		ShardRouter router = router();
		accept(router, snapshot(1, Map.of()));
		EncodedMessage buffered = message("1");
		router.tell(ID, buffered);

		router.close();

		assertThat(router.bufferedCount()).isZero();
		assertThat(this.dropped).containsExactly("closed");
		assertThat(buffered.isEnded()).as("released").isTrue();
		EncodedMessage refused = message("2");
		assertThatExceptionOfType(io.casty.client.ClientClosedException.class)
			.isThrownBy(() -> router.tell(ID, refused));
		assertThat(refused.isEnded()).as("released").isTrue();
	}

	@Test
	void anAskQueuedWhenTheClientClosesAndTheTopologyIsClearedTimesOutAsClosedNotAsAnUnavailableCluster() {
		ShardRouter router = router();
		// long enough that the ask cannot time out before the close below, on a loaded machine too
		PendingAsk ask = this.asks.register(String.class, TYPE, () -> "ask", Duration.ofMillis(1000), 0);
		router.ask(ID, message("1"), ask);

		router.close(); // the client closes its routers, then clears the topology: it is empty here

		await().atMost(Duration.ofSeconds(5)).until(() -> ask.future().isDone());
		assertThat(failure(ask.future())).isInstanceOf(io.casty.client.ClientClosedException.class)
			.hasMessageContaining("closed while the ask waited");
	}

	@Test
	void theRequestOfAnAskThatEndedWhileItsShardWasResolvedIsReleasedNotSent() {
		ShardRouter router = router();
		accept(router, snapshot(1, Map.of()));
		PendingAsk ask = ask();
		EncodedMessage request = message("1");
		router.ask(ID, request, ask);
		this.asks.fail(ask, new io.casty.client.CastyException("gave up"),
				CastyClientListener.AskOutcome.ERROR);

		router.onLocation(new ShardLocation(this.shard, B, List.of()));

		assertThat(this.transport.sent).isEmpty();
		assertThat(request.isEnded()).as("released").isTrue();
	}

	@Test
	void theRetryBackoffGrowsWithTheAttemptsUpToTheMaximum() {
		io.casty.client.ShardLocationOptions settings = io.casty.client.ShardLocationOptions.defaults()
			.mutate()
			.retryMinBackoff(Duration.ofMillis(100))
			.retryMaxBackoff(Duration.ofMillis(500))
			.retryJitter(0.5)
			.build();

		assertThat(ShardLocator.retryDelayNanos(settings, 0, 0)).isEqualTo(Duration.ofMillis(100).toNanos());
		assertThat(ShardLocator.retryDelayNanos(settings, 3, 0)).isEqualTo(Duration.ofMillis(300).toNanos());
		assertThat(ShardLocator.retryDelayNanos(settings, 20, 0)).isEqualTo(Duration.ofMillis(500).toNanos());
		assertThat(ShardLocator.retryDelayNanos(settings, 1, 0.5)).isEqualTo(Duration.ofMillis(125).toNanos());
	}

	private static Throwable failure(CompletableFuture<?> future) {
		await().atMost(Duration.ofSeconds(10)).until(future::isDone);
		return future.handle((value, error) -> error).join();
	}

	record Sent(NodeAddress node, String path, EncodedMessage message) {
	}

	static final class FakeTransport implements ShardTransport {

		final List<Sent> sent = new CopyOnWriteArrayList<>();

		final Set<NodeAddress> failed = ConcurrentHashMap.newKeySet();

		@Override
		public int laneOf(String entityId) {
			return 0;
		}

		@Override
		public boolean isFailed(NodeAddress node) {
			return this.failed.contains(node);
		}

		@Override
		public void send(int lane, NodeAddress node, String path, EncodedMessage message, SendFailure failure) {
			message.release(); // taken, like the connections take it
			if (this.failed.contains(node)) {
				throw new NodeUnreachableException(node, "failed");
			}
			this.sent.add(new Sent(node, path, message));
		}

		@Override
		public InFlight request(int lane, NodeAddress node, String path, EncodedMessage message, SendFailure failure) {
			send(lane, node, path, message, failure);
			return () -> {
			};
		}

	}

	static final class FakeTimers implements RouterTimers {

		final List<Task> tasks = new CopyOnWriteArrayList<>();

		@Override
		public Runnable schedule(Runnable task, long delayNanos) {
			Task t = new Task(task);
			this.tasks.add(t);
			return () -> t.cancelled = true;
		}

		/** Runs the tasks scheduled so far, not those they schedule. */
		void runDue() {
			for (Task task : new ArrayList<>(this.tasks)) {
				if (!task.cancelled && !task.ran) {
					task.ran = true;
					task.task.run();
				}
			}
		}

	}

	static final class Task {

		final Runnable task;

		volatile boolean cancelled;

		volatile boolean ran;

		Task(Runnable task) {
			this.task = task;
		}

	}

}
