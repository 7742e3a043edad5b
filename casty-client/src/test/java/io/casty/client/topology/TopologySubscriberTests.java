package io.casty.client.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.casty.client.CastyClientOptions;
import io.casty.client.CastyMessage;
import io.casty.client.NodeAddress;
import io.casty.client.NodeUnreachableException;
import io.casty.client.protocol.CastyPaths;
import io.casty.client.protocol.EncodedMessage;
import io.casty.client.protocol.MessageEncoder;
import io.casty.client.protocol.codec.MessageCodec;
import io.casty.client.protocol.codec.MessageTypeRegistry;
import io.casty.client.protocol.messages.Member;
import io.casty.client.protocol.messages.MemberStatus;
import io.casty.client.protocol.messages.ShardAllocation;
import io.casty.client.protocol.messages.SubscribeTopology;
import io.casty.client.protocol.messages.TopologySnapshot;
import io.casty.client.protocol.messages.UnsubscribeTopology;
import io.casty.client.transport.ClientIdentity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The subscriber against a fake transport whose tick the test runs: it only fetches and
 * hands every snapshot to the cache, and a contact that pushes on its own is not polled.
 */
class TopologySubscriberTests {

	private static final NodeAddress A = new NodeAddress("127.0.0.1", 25901);

	private static final NodeAddress B = new NodeAddress("127.0.0.1", 25902);

	private static final String SUBSCRIBE = SubscribeTopology.class.getAnnotation(CastyMessage.class).value();

	private static final String UNSUBSCRIBE = UnsubscribeTopology.class.getAnnotation(CastyMessage.class).value();

	private final TopologyCache cache = new TopologyCache();

	private final FakeTransport transport = new FakeTransport();

	private final List<TopologyView> changes = new CopyOnWriteArrayList<>();

	private TopologySubscriber subscriber;

	@BeforeEach
	void start() {
		CastyClientOptions options = CastyClientOptions.builder().contactPoints(List.of(A)).build();
		MessageEncoder encoder = new MessageEncoder(new MessageCodec(MessageTypeRegistry.withProtocolTypes()));
		this.subscriber = new TopologySubscriber(options, this.transport, encoder, this.cache, this.changes::add);
		this.subscriber.start(new ClientIdentity("127.0.0.1", 1, "test"));
	}

	private static TopologySnapshot snapshot(long epoch) {
		return new TopologySnapshot(
				Set.of(new Member(A, MemberStatus.UP, Set.of(), "a"), new Member(B, MemberStatus.UP, Set.of(), "b")), A,
				Map.of("counter", Map.of(1L, new ShardAllocation(A, List.of()))), epoch, Set.of(), Set.of());
	}

	@Test
	void theSubscriberOnlyFetchesAndTheCacheDecidesWhichSnapshotReplacesTheView() {
		this.subscriber.tick();
		assertThat(this.transport.sent).containsExactly(new Sent(A, CastyPaths.TOPOLOGY, SUBSCRIBE));

		this.subscriber.onSnapshot(A, snapshot(5));
		this.subscriber.onSnapshot(A, snapshot(4));
		this.subscriber.onSnapshot(A, new TopologySnapshot(Set.of(), null, Map.of(), 9, Set.of(), Set.of()));

		assertThat(this.cache.current().allocationEpoch()).isEqualTo(5);
		assertThat(this.changes).extracting(TopologyView::allocationEpoch).containsExactly(5L);
		assertThat(this.subscriber.firstTopology()).isCompletedWithValue(this.changes.get(0));
		assertThat(this.transport.ensured).containsExactlyInAnyOrder(A, B);
		assertThat(this.transport.sent).as("no extra fetch").hasSize(1);
	}

	@Test
	void theFirstSnapshotOfANewContactIsAcceptedWhateverItsEpoch() {
		this.subscriber.tick();
		this.subscriber.onSnapshot(A, snapshot(9));
		this.subscriber.onSnapshot(A, snapshot(1));
		assertThat(this.cache.current().allocationEpoch()).isEqualTo(9);

		this.transport.failed.add(A);
		this.subscriber.tick(); // the two snapshots count as pushes: this poll is skipped
		this.subscriber.tick();
		assertThat(this.transport.sent).last().isEqualTo(new Sent(B, CastyPaths.TOPOLOGY, SUBSCRIBE));

		this.subscriber.onSnapshot(B, snapshot(1));
		assertThat(this.cache.current().allocationEpoch()).as("a restarted cluster").isEqualTo(1);
		this.subscriber.onSnapshot(B, snapshot(0));
		assertThat(this.cache.current().allocationEpoch()).isEqualTo(1);
	}

	@Test
	void aContactThatPushesOnItsOwnIsNotPolledUntilItStops() {
		this.subscriber.tick();
		this.subscriber.onSnapshot(A, snapshot(5));
		this.subscriber.onSnapshot(A, snapshot(5));
		this.subscriber.onSnapshot(A, snapshot(5));

		this.subscriber.tick();
		assertThat(this.transport.sent).as("pushes came: no poll").hasSize(1);

		this.subscriber.tick();
		assertThat(this.transport.sent).as("silent since: poll again").hasSize(2);

		this.subscriber.onSnapshot(A, snapshot(5));
		this.subscriber.tick();
		assertThat(this.transport.sent).as("only the poll's answer came").hasSize(3);
	}

	@Test
	void theSameSnapshotPushedAgainRetainsTheMembersItFoundTheFirstTime() {
		TopologySnapshot snapshot = snapshot(5);
		this.subscriber.tick();
		this.subscriber.onSnapshot(A, snapshot);
		this.subscriber.onSnapshot(A, snapshot);

		assertThat(this.transport.retained).hasSize(2);
		assertThat(this.transport.retained.get(0)).containsExactlyInAnyOrder(A, B);
		assertThat(this.transport.retained.get(1)).as("not rebuilt for an unchanged push")
			.isSameAs(this.transport.retained.get(0));

		this.subscriber.onSnapshot(A, snapshot(6));
		assertThat(this.transport.retained.get(2)).isNotSameAs(this.transport.retained.get(0));
	}

	@Test
	void stoppingUnsubscribesCancelsTheTickAndClearsTheView() {
		this.subscriber.tick();
		this.subscriber.onSnapshot(A, snapshot(5));

		this.subscriber.stop();

		assertThat(this.transport.sent).last().isEqualTo(new Sent(A, CastyPaths.TOPOLOGY, UNSUBSCRIBE));
		assertThat(this.transport.cancelled).isTrue();
		assertThat(this.cache.current().isEmpty()).isTrue();
		this.subscriber.onSnapshot(A, snapshot(6));
		assertThat(this.cache.current().isEmpty()).isTrue();
	}

	record Sent(NodeAddress node, String path, String typeHint) {
	}

	static final class FakeTransport implements TopologyTransport {

		final List<Sent> sent = new CopyOnWriteArrayList<>();

		final Set<NodeAddress> failed = ConcurrentHashMap.newKeySet();

		final List<NodeAddress> ensured = new ArrayList<>();

		volatile boolean cancelled;

		@Override
		public void send(NodeAddress node, String path, EncodedMessage message) {
			message.release(); // taken, like the connections take it
			if (this.failed.contains(node)) {
				throw new NodeUnreachableException(node, "failed");
			}
			this.sent.add(new Sent(node, path, message.typeHint()));
		}

		@Override
		public boolean isFailed(NodeAddress node) {
			return this.failed.contains(node);
		}

		final List<Set<NodeAddress>> retained = new CopyOnWriteArrayList<>();

		@Override
		public void retain(Set<NodeAddress> members, Set<NodeAddress> gone) {
			this.retained.add(members);
		}

		@Override
		public synchronized void ensureConnected(NodeAddress node) {
			if (!this.ensured.contains(node)) {
				this.ensured.add(node);
			}
		}

		@Override
		public Runnable every(Runnable task, long intervalNanos) {
			return () -> this.cancelled = true;
		}

	}

}
