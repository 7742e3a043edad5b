package io.casty.client.routing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.casty.client.NodeAddress;

/**
 * Decides whether a shard route learned at some moment may still be used, given what
 * happened to the connections of the node it names since.
 * <p>
 * A node whose connection was lost may come back as a new incarnation that owns nothing: a
 * whole Casty cluster restarts from scratch and reallocates every shard, and its allocation
 * epoch can come back lower or higher than before, so epochs cannot tell. Casty's regions
 * accept envelopes for shards they do not own and create a second copy of the entity, so
 * using such a route splits entity state silently. Hence the rule: a route to a node is
 * usable only if it was learned (a snapshot accepted or a coordinator answer received) after
 * the node's first connection following its last connection loss, or if the node never lost
 * a connection. While the node is disconnected no route to it is usable at all.
 * <p>
 * Moments are stamps of one logical clock ({@link #stamp()}), the topology cache's when the
 * routes come from it ({@code TopologyCache.stamp()}); keeps one entry per node that ever lost
 * a connection.
 * <p>
 * Internal: wired by {@code ClientSession}; not API, may change without notice.
 *
 * @since 0.1.0
 */
public final class RouteFence {

	/** The fence of a node whose connection is lost and not back yet: nothing passes. */
	private static final long DISCONNECTED = Long.MAX_VALUE;

	private final LongSupplier clock;

	private final Map<NodeAddress, Long> fences = new ConcurrentHashMap<>();

	/**
	 * Creates a fence with a clock of its own.
	 */
	public RouteFence() {
		this(new AtomicLong()::incrementAndGet);
	}

	/**
	 * Creates a fence on a shared clock.
	 * @param clock returns a stamp greater than every earlier one on each call
	 */
	public RouteFence(LongSupplier clock) {
		this.clock = clock;
	}

	/**
	 * Takes a stamp for something learned now.
	 * @return a stamp greater than every earlier one
	 */
	public long stamp() {
		return this.clock.getAsLong();
	}

	/**
	 * Records that a connection to a node was lost: every route to it learned so far becomes
	 * unusable for good.
	 * @param node the node
	 */
	public void connectionLost(NodeAddress node) {
		this.fences.put(node, DISCONNECTED);
	}

	/**
	 * Records that a connection to a node is up; the first one after a loss sets the fence
	 * routes must be learned after.
	 * @param node the node
	 */
	public void connected(NodeAddress node) {
		this.fences.computeIfPresent(node, (n, fence) -> (fence == DISCONNECTED) ? stamp() : fence);
	}

	/**
	 * Whether a route to a node learned at a stamp may be used.
	 * @param node the node the route names
	 * @param learnedAt the stamp taken when the route was learned
	 * @return whether it is learned after the node's last reconnect, or the node never lost a
	 * connection
	 */
	public boolean confirms(NodeAddress node, long learnedAt) {
		if (this.fences.isEmpty()) {
			// no node ever lost a connection: nothing to hash an address for
			return true;
		}
		Long fence = this.fences.get(node);
		return fence == null || learnedAt > fence;
	}

}
