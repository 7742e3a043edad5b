package io.casty.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;

import io.casty.client.ActorAddress;
import io.casty.client.ActorRef;
import io.casty.client.NodeAddress;
import io.casty.client.protocol.codec.MessageCodec;
import io.casty.client.protocol.messages.GetShardLocation;
import io.casty.client.protocol.messages.ShardLocation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The coordinator of one node against a real shared state, with the rest of the cluster and
 * the node's outbound faked.
 */
class ShardCoordinatorTests {

	private static final NodeAddress A = new NodeAddress("127.0.0.1", 25601);

	private static final NodeAddress B = new NodeAddress("127.0.0.1", 25602);

	private static final ActorRef<ShardLocation> CLIENT = new ActorRef<>(
			ActorAddress.of("t-client", "-jc-x", 0, "/_proxy-t"));

	private final FakeCluster cluster = new FakeCluster();

	private final RecordingOutbound outbound = new RecordingOutbound();

	private final NodeCounters counters = new NodeCounters("node-x");

	private ShardCoordinator coordinatorOn(NodeAddress self) {
		return new ShardCoordinator("node-x", this.cluster, this.outbound, this.counters, () -> self);
	}

	@Test
	void theLeaderAllocatesAnswersAndPublishesOnce() {
		coordinatorOn(A).onMessage("/_coord-t", "t", new GetShardLocation(3, CLIENT));
		assertThat(this.outbound.told).containsExactly(new ShardLocation(3, A, List.of()));
		assertThat(this.cluster.publishes).isEqualTo(1);
		coordinatorOn(A).onMessage("/_coord-t", "t", new GetShardLocation(3, CLIENT));
		assertThat(this.cluster.publishes).isEqualTo(1);
		assertThat(this.counters.locationRequests.get()).isEqualTo(2);
	}

	@Test
	void aFollowerAnswersFromThePublishedTableAndForwardsWhatIsNotAllocated() {
		this.cluster.state.allocate("t", 5);
		coordinatorOn(B).onMessage("/_coord-t", "t", new GetShardLocation(5, CLIENT));
		assertThat(this.outbound.told).containsExactly(new ShardLocation(5, A, List.of()));
		coordinatorOn(B).onMessage("/_coord-t", "t", new GetShardLocation(6, CLIENT));
		assertThat(this.outbound.told).hasSize(1);
		assertThat(this.cluster.forwarded).containsExactly(A + " t 6");
	}

	@Test
	void aTypeNobodyHostsGetsNoAnswerAndOtherMessagesAreDropped() {
		coordinatorOn(A).onMessage("/_coord-nobody", "nobody", new GetShardLocation(1, CLIENT));
		coordinatorOn(A).onMessage("/_coord-t", "t", "not a request");
		assertThat(this.outbound.told).isEmpty();
		assertThat(this.cluster.publishes).isZero();
		assertThat(this.counters.dropped.get()).isEqualTo(1);
	}

	private static final class RecordingOutbound implements Outbound {

		final List<Object> told = new ArrayList<>();

		@Override
		public void tell(ActorRef<?> to, Object message) {
			assertThat(to).isEqualTo(CLIENT);
			this.told.add(message);
		}

		@Override
		public void sendEncoded(ActorRef<?> to, String typeHint, byte[] payload) {
			throw new AssertionError("not expected");
		}

		@Override
		public ActorRef<Object> self(String path) {
			throw new AssertionError("not expected");
		}

	}

	private static final class FakeCluster implements ClusterEnvironment {

		final ClusterState state = new ClusterState(List.of(A, B), List.of("node-1", "node-2"),
				Map.of("t", new ShardedTypeSpec("t", 16, 0, Set.of(), (id) -> (ctx, msg) -> {
				}), "nobody", new ShardedTypeSpec("nobody", 4, 0, Set.of(5), (id) -> (ctx, msg) -> {
				})));

		int publishes;

		final List<String> forwarded = new ArrayList<>();

		@Override
		public ClusterConfig config() {
			throw new AssertionError("not expected");
		}

		@Override
		public MessageCodec codec() {
			throw new AssertionError("not expected");
		}

		@Override
		public ClusterState state() {
			return this.state;
		}

		@Override
		public byte[] encodedSnapshot() {
			throw new AssertionError("not expected");
		}

		@Override
		public void publish() {
			this.publishes++;
		}

		@Override
		public boolean deliver(NodeAddress node, String path, byte[] payload) {
			throw new AssertionError("not expected");
		}

		@Override
		public boolean isRunning(NodeAddress node) {
			return true;
		}

		@Override
		public boolean forwardToLeader(NodeAddress leader, String shardType, GetShardLocation request) {
			this.forwarded.add(leader + " " + shardType + " " + request.shardId());
			return true;
		}

		@Override
		public ExecutorService dialExecutor() {
			throw new AssertionError("not expected");
		}

		@Override
		public void nodeKilled(int index, long generation) {
		}

		@Override
		public void nodeRestarted(int index) {
		}

	}

}
