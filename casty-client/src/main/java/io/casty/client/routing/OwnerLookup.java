package io.casty.client.routing;

import io.casty.client.NodeAddress;
import io.casty.client.topology.LocatedShard;
import io.casty.client.topology.TopologyCache;
import io.casty.client.topology.TopologyView;
import org.jspecify.annotations.Nullable;

/**
 * Which node the messages of a shard may go to now: the owner the topology view names (a
 * coordinator's answer or the snapshot, see {@link TopologyView#located}), unless its
 * connection failed or the {@link RouteFence} does not confirm the route. Lock-free: one
 * volatile read of the view and its map lookups, no allocation.
 */
final class OwnerLookup {

	private final String shardType;

	private final TopologyCache topology;

	private final RouteFence fence;

	private final ShardTransport transport;

	OwnerLookup(String shardType, RoutingContext context) {
		this.shardType = shardType;
		this.topology = context.topology();
		this.fence = context.fence();
		this.transport = context.transport();
	}

	/**
	 * The owner the view names, whether it can be routed to or not.
	 * @param shard the shard
	 * @return the node, or {@code null} if none
	 */
	@Nullable NodeAddress known(long shard) {
		return this.topology.current().owner(this.shardType, shard);
	}

	/**
	 * The owner messages may go to now: known, not failed, and confirmed by the fence. A
	 * coordinator's answer learned before its node lost a connection can never be confirmed
	 * again and is dropped from the view, so that the snapshot decides again.
	 * @param shard the shard
	 * @return the node, or {@code null} if the shard's messages must wait
	 */
	@Nullable NodeAddress routable(long shard) {
		TopologyView view = this.topology.current();
		LocatedShard answer = view.located(this.shardType, shard);
		if (answer != null) {
			NodeAddress node = answer.node();
			if (this.transport.isFailed(node)) {
				return null;
			}
			if (this.fence.confirms(node, answer.learnedAt())) {
				return node;
			}
			this.topology.forgetLocation(this.shardType, shard, answer);
			view = this.topology.current();
			answer = view.located(this.shardType, shard);
		}
		NodeAddress node;
		long learnedAt;
		if (answer != null) {
			node = answer.node();
			learnedAt = answer.learnedAt();
		}
		else {
			node = view.owner(this.shardType, shard);
			learnedAt = view.learnedAt();
		}
		if (node == null || this.transport.isFailed(node) || !this.fence.confirms(node, learnedAt)) {
			return null;
		}
		return node;
	}

}
