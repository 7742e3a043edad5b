package io.casty.testkit;

import java.util.function.Supplier;

import io.casty.client.NodeAddress;
import io.casty.client.protocol.messages.GetShardLocation;
import io.casty.client.protocol.messages.ShardAllocation;
import io.casty.client.protocol.messages.ShardLocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's {@code /_coord-<type>} actors. On the leader they allocate lazily in the shared
 * state and publish changes; on a follower they answer from the published table and forward
 * unallocated shards to the leader, which replies to the requester itself. A type nobody
 * hosts gets no answer at all, as in Casty.
 */
final class ShardCoordinator {

	private static final Logger logger = LoggerFactory.getLogger(ShardCoordinator.class);

	private final String nodeId;

	private final ClusterEnvironment environment;

	private final Outbound outbound;

	private final NodeCounters counters;

	private final Supplier<NodeAddress> self;

	ShardCoordinator(String nodeId, ClusterEnvironment environment, Outbound outbound, NodeCounters counters,
			Supplier<NodeAddress> self) {
		this.nodeId = nodeId;
		this.environment = environment;
		this.outbound = outbound;
		this.counters = counters;
		this.self = self;
	}

	void onMessage(String path, String type, Object message) {
		if (!(message instanceof GetShardLocation request)) {
			this.counters.drop(path, "not a GetShardLocation: " + message.getClass().getSimpleName());
			return;
		}
		this.counters.locationRequests.incrementAndGet();
		ClusterState state = this.environment.state();
		NodeAddress leader = state.coordinatingLeader();
		if (leader == null) {
			this.counters.drop(path, "no leader");
			return;
		}
		if (leader.equals(this.self.get())) {
			answerAsLeader(type, request);
			return;
		}
		ShardAllocation known = state.publishedAllocation(type, request.shardId());
		if (known != null) {
			this.outbound.tell(request.replyTo(), new ShardLocation(request.shardId(), known.primary(), known.replicas()));
			return;
		}
		// A follower forwards the unchanged request; the leader replies to the client directly.
		if (!this.environment.forwardToLeader(leader, type, request)) {
			this.counters.drop(path, "leader " + leader + " is not reachable");
		}
	}

	void answerAsLeader(String type, GetShardLocation request) {
		ClusterState.Allocated allocated = this.environment.state().allocate(type, request.shardId());
		if (allocated == null) {
			logger.debug("{}: no node hosts '{}'; GetShardLocation({}) stays unanswered", this.nodeId, type,
					request.shardId());
			return;
		}
		ShardAllocation allocation = allocated.allocation();
		this.outbound.tell(request.replyTo(),
				new ShardLocation(request.shardId(), allocation.primary(), allocation.replicas()));
		if (allocated.changed()) {
			this.environment.publish();
		}
	}

}
