package io.casty.client.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.casty.client.NodeAddress;
import io.casty.client.protocol.messages.Member;
import io.casty.client.protocol.messages.MemberStatus;
import io.casty.client.protocol.messages.ServiceEntry;
import io.casty.client.protocol.messages.ShardAllocation;
import io.casty.client.protocol.messages.TopologySnapshot;
import org.jspecify.annotations.Nullable;

/**
 * One accepted topology snapshot with what the client derives from it: which members can be
 * routed to, and the shard routes that remain once shards of {@code down}, {@code removed}
 * and unreachable members are evicted. Immutable; replaced whole, never merged.
 *
 * @param snapshot the snapshot as received
 * @param source the node that sent it, or {@code null} for the empty view
 * @param receivedAt when it was received
 * @since 0.1.0
 */
public record TopologyView(TopologySnapshot snapshot, @Nullable NodeAddress source, Instant receivedAt,
		Set<NodeAddress> unavailable, Map<String, Map<Long, NodeAddress>> routes) {

	/** The view before any snapshot arrived. */
	public static final TopologyView EMPTY = new TopologyView(
			new TopologySnapshot(Set.of(), null, Map.of(), -1, Set.of(), Set.of()), null, Instant.EPOCH, Set.of(),
			Map.of());

	/**
	 * Builds the view of a snapshot.
	 * @param snapshot the snapshot
	 * @param source the node that sent it
	 * @param receivedAt when
	 * @return the view
	 */
	public static TopologyView of(TopologySnapshot snapshot, NodeAddress source, Instant receivedAt) {
		Set<NodeAddress> unavailable = new HashSet<>(snapshot.unreachable());
		for (Member member : snapshot.members()) {
			if (member.status() == MemberStatus.DOWN || member.status() == MemberStatus.REMOVED) {
				unavailable.add(member.address());
			}
		}
		Map<String, Map<Long, NodeAddress>> routes = new HashMap<>();
		snapshot.shardAllocations().forEach((type, shards) -> {
			Map<Long, NodeAddress> byShard = new HashMap<>();
			for (Map.Entry<Long, ShardAllocation> entry : shards.entrySet()) {
				NodeAddress primary = entry.getValue().primary();
				if (!unavailable.contains(primary)) {
					byShard.put(entry.getKey(), primary);
				}
			}
			routes.put(type, Collections.unmodifiableMap(byShard));
		});
		return new TopologyView(snapshot, source, receivedAt, Collections.unmodifiableSet(unavailable),
				Collections.unmodifiableMap(routes));
	}

	/**
	 * This view received again: the same snapshot, evictions and routes (shared, not
	 * rebuilt), with a new source and time. A view is a function of its snapshot alone, so
	 * this equals what {@link #of} would build.
	 * @param source the node that sent it this time
	 * @param receivedAt when
	 * @return the view
	 */
	public TopologyView receivedAgain(NodeAddress source, Instant receivedAt) {
		return new TopologyView(this.snapshot, source, receivedAt, this.unavailable, this.routes);
	}

	/**
	 * Whether no snapshot was received yet.
	 * @return whether this is the empty view
	 */
	public boolean isEmpty() {
		return this.source == null;
	}

	/**
	 * Returns the node a shard is routed to, unless it is unavailable.
	 * @param shardType the shard type
	 * @param shard the shard
	 * @return the primary, or {@code null} when not allocated or evicted
	 */
	public @Nullable NodeAddress owner(String shardType, long shard) {
		Map<Long, NodeAddress> byShard = this.routes.get(shardType);
		return (byShard != null) ? byShard.get(shard) : null;
	}

	/**
	 * The node whose coordinators allocate shards: the snapshot's leader when it is
	 * available, else the lowest available {@code up} member.
	 * @return the leader, or {@code null} if no member is up
	 */
	public @Nullable NodeAddress leader() {
		NodeAddress leader = this.snapshot.leader();
		if (leader != null && !this.unavailable.contains(leader)) {
			return leader;
		}
		return availableMembers().stream().sorted().findFirst().orElse(null);
	}

	/**
	 * The members that are {@code up} and not evicted.
	 * @return their addresses
	 */
	public List<NodeAddress> availableMembers() {
		return this.snapshot.members()
			.stream()
			.filter((m) -> m.status() == MemberStatus.UP && !this.unavailable.contains(m.address()))
			.map(Member::address)
			.sorted()
			.toList();
	}

	/**
	 * Every member with its status, unreachable ones included.
	 * @return the statuses by address
	 */
	public Map<NodeAddress, MemberStatus> memberStatuses() {
		Map<NodeAddress, MemberStatus> statuses = new LinkedHashMap<>();
		this.snapshot.members().stream().sorted((a, b) -> a.address().compareTo(b.address()))
			.forEach((m) -> statuses.put(m.address(), m.status()));
		return statuses;
	}

	/**
	 * The cluster-wide allocation epoch.
	 * @return the epoch, -1 for the empty view
	 */
	public long allocationEpoch() {
		return this.snapshot.allocationEpoch();
	}

	/**
	 * Registry entries of a service on available nodes.
	 * @param key the service key name
	 * @return the entries, ordered by node
	 */
	public List<ServiceEntry> services(String key) {
		return this.snapshot.registry()
			.stream()
			.filter((e) -> e.key().equals(key) && !this.unavailable.contains(e.node()))
			.sorted((a, b) -> a.node().compareTo(b.node()))
			.toList();
	}

	/**
	 * How long ago this snapshot was received.
	 * @return the age
	 */
	public Duration age() {
		return isEmpty() ? Duration.ZERO : Duration.between(this.receivedAt, Instant.now());
	}

}
