package io.casty.client.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.casty.client.ClusterMember;
import io.casty.client.MemberState;
import io.casty.client.NodeAddress;
import io.casty.client.ServiceInstanceInfo;
import io.casty.client.protocol.messages.Member;
import io.casty.client.protocol.messages.MemberStatus;
import io.casty.client.protocol.messages.ServiceEntry;
import io.casty.client.protocol.messages.ShardAllocation;
import io.casty.client.protocol.messages.TopologySnapshot;
import org.jspecify.annotations.Nullable;

/**
 * What the client knows of the cluster at one moment: the members, the leader, the owner of
 * every shard, the services and the allocation epoch. Built from one accepted topology
 * snapshot, whose shards on {@code down}, {@code removed} and unreachable members are evicted,
 * and the coordinators' answers ({@code ShardLocation}) received since, which override the
 * snapshot's allocation of their shard while no newer snapshot names an owner. Immutable; the
 * {@link TopologyCache} replaces it whole. It speaks API values ({@link ClusterMember},
 * {@link MemberState}, {@link ServiceInstanceInfo}), converted from the wire records once per
 * snapshot, never on a read.
 *
 * @since 0.1.0
 */
public final class TopologyView {

	/** The view before any snapshot arrived. */
	public static final TopologyView EMPTY = new TopologyView(
			new TopologySnapshot(Set.of(), null, Map.of(), -1, Set.of(), Set.of()), Members.NONE, null, Instant.EPOCH,
			Set.of(), Map.of(), LocatedShards.NONE, 0);

	private final TopologySnapshot snapshot;

	private final Members members;

	private final @Nullable NodeAddress source;

	private final Instant receivedAt;

	private final Set<NodeAddress> unavailable;

	private final Map<String, Map<Long, NodeAddress>> routes;

	private final LocatedShards located;

	private final long learnedAt;

	private TopologyView(TopologySnapshot snapshot, Members members, @Nullable NodeAddress source, Instant receivedAt,
			Set<NodeAddress> unavailable, Map<String, Map<Long, NodeAddress>> routes,
			LocatedShards located, long learnedAt) {
		this.snapshot = snapshot;
		this.members = members;
		this.source = source;
		this.receivedAt = receivedAt;
		this.unavailable = unavailable;
		this.routes = routes;
		this.located = located;
		this.learnedAt = learnedAt;
	}

	/**
	 * Builds the view of a snapshot, with no coordinator answer
	 * ({@link TopologyCache#viewOf} outside this package).
	 * @param snapshot the snapshot
	 * @param source the node that sent it
	 * @param receivedAt when
	 * @return the view
	 */
	static TopologyView of(TopologySnapshot snapshot, NodeAddress source, Instant receivedAt) {
		Set<NodeAddress> unavailable = new HashSet<>(snapshot.unreachable());
		for (Member member : snapshot.members()) {
			if (member.status() == MemberStatus.DOWN || member.status() == MemberStatus.REMOVED) {
				unavailable.add(member.address());
			}
		}
		Map<String, Map<Long, NodeAddress>> routes = new HashMap<>();
		snapshot.shardAllocations().forEach((type, shards) -> routes.put(type, ShardRoutes.of(shards, unavailable)));
		return new TopologyView(snapshot, Members.of(snapshot, unavailable), source, receivedAt,
				Collections.unmodifiableSet(unavailable), Collections.unmodifiableMap(routes), LocatedShards.NONE, 0);
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
		return new TopologyView(this.snapshot, this.members, source, receivedAt, this.unavailable, this.routes,
				LocatedShards.NONE, 0);
	}

	/**
	 * This view learned at a stamp, keeping those coordinator answers of a previous view that
	 * still hold: none if this view's epoch is older than the previous one's (the cluster
	 * restarted and counts epochs from scratch), and none naming an unavailable node.
	 * @param previous the view this one replaces
	 * @param stamp the stamp of when it was accepted
	 * @return the view
	 */
	TopologyView succeeding(TopologyView previous, long stamp) {
		LocatedShards kept = (allocationEpoch() >= previous.allocationEpoch())
				? previous.located.withoutNodes(this.unavailable) : LocatedShards.NONE;
		return new TopologyView(this.snapshot, this.members, this.source, this.receivedAt, this.unavailable,
				this.routes, kept, stamp);
	}

	/**
	 * This view with a coordinator's answer for one shard, or without any if {@code answer}
	 * is {@code null}.
	 */
	TopologyView withLocated(String shardType, long shard, @Nullable LocatedShard answer) {
		return new TopologyView(this.snapshot, this.members, this.source, this.receivedAt, this.unavailable,
				this.routes, this.located.with(shardType, shard, answer), this.learnedAt);
	}

	/** The snapshot this view was built from, for the cache's check of an unchanged snapshot. */
	TopologySnapshot snapshot() {
		return this.snapshot;
	}

	/**
	 * The node that sent the snapshot.
	 * @return the node, or {@code null} for the empty view
	 */
	public @Nullable NodeAddress source() {
		return this.source;
	}

	/**
	 * When the snapshot was received.
	 * @return the instant, {@link Instant#EPOCH} for the empty view
	 */
	public Instant receivedAt() {
		return this.receivedAt;
	}

	/**
	 * When the cache accepted the snapshot, on the cache's logical clock
	 * ({@link TopologyCache#stamp()}).
	 * @return the stamp, 0 for a view no cache accepted
	 */
	public long learnedAt() {
		return this.learnedAt;
	}

	/**
	 * Whether no snapshot was received yet.
	 * @return whether this is the empty view
	 */
	public boolean isEmpty() {
		return this.source == null;
	}

	/**
	 * The members no route goes to: {@code down}, {@code removed} or unreachable.
	 * @return their addresses
	 */
	public Set<NodeAddress> unavailable() {
		return this.unavailable;
	}

	/**
	 * The members Casty's failure detector marks unreachable (a transient mark).
	 * @return their addresses
	 */
	public Set<NodeAddress> unreachable() {
		return this.snapshot.unreachable();
	}

	/**
	 * Every member, {@code down} and {@code removed} ones included, as the snapshot lists them.
	 * @return the members
	 */
	public Set<ClusterMember> members() {
		return this.members.all;
	}

	/**
	 * Per shard type, the owner of each allocated shard as the snapshot allocates it, shards of
	 * unavailable members left out; coordinator answers are not in it (see {@link #owner}).
	 * @return the owners by shard, by shard type
	 */
	public Map<String, Map<Long, NodeAddress>> routes() {
		return this.routes;
	}

	/**
	 * The shard types the snapshot allocates shards of.
	 * @return the type names
	 */
	public Set<String> shardTypes() {
		return this.snapshot.shardAllocations().keySet();
	}

	/**
	 * The shards of a type the snapshot allocates, in the snapshot's order.
	 * @param shardType the shard type
	 * @return the shards, empty when the type has none
	 */
	public Set<Long> allocatedShards(String shardType) {
		Map<Long, ShardAllocation> shards = this.snapshot.shardAllocations().get(shardType);
		return (shards != null) ? shards.keySet() : Set.of();
	}

	/**
	 * The primary the snapshot allocates a shard to, available or not.
	 * @param shardType the shard type
	 * @param shard the shard
	 * @return the primary, or {@code null} when the shard is not allocated
	 */
	public @Nullable NodeAddress primary(String shardType, long shard) {
		Map<Long, ShardAllocation> shards = this.snapshot.shardAllocations().get(shardType);
		ShardAllocation allocation = (shards != null) ? shards.get(shard) : null;
		return (allocation != null) ? allocation.primary() : null;
	}

	/**
	 * Returns the node a shard is routed to: a coordinator's answer when it wins (see
	 * {@link #located}), else the snapshot's primary unless it is unavailable.
	 * @param shardType the shard type
	 * @param shard the shard
	 * @return the owner, or {@code null} when not allocated or evicted
	 */
	public @Nullable NodeAddress owner(String shardType, long shard) {
		NodeAddress fromSnapshot = allocatedRoute(shardType, shard);
		if (this.located.isEmpty()) {
			return fromSnapshot;
		}
		LocatedShard answer = winningAnswer(shardType, shard, fromSnapshot);
		return (answer != null) ? answer.node() : fromSnapshot;
	}

	/**
	 * The coordinator's answer for a shard when it decides the shard's owner: its node is
	 * available, and the snapshot does not name an owner or has the same or an older epoch
	 * than the one current when the answer arrived (Casty can lose allocation updates).
	 * @param shardType the shard type
	 * @param shard the shard
	 * @return the answer, or {@code null} when the snapshot decides
	 */
	public @Nullable LocatedShard located(String shardType, long shard) {
		if (this.located.isEmpty()) {
			return null;
		}
		return winningAnswer(shardType, shard, allocatedRoute(shardType, shard));
	}

	/** The answer held for a shard, whether it wins or not. */
	@Nullable LocatedShard heldAnswer(String shardType, long shard) {
		return this.located.get(shardType, shard);
	}

	private @Nullable NodeAddress allocatedRoute(String shardType, long shard) {
		Map<Long, NodeAddress> byShard = this.routes.get(shardType);
		if (byShard instanceof ShardRoutes routed) {
			return routed.route(shard);
		}
		return (byShard != null) ? byShard.get(shard) : null;
	}

	private @Nullable LocatedShard winningAnswer(String shardType, long shard, @Nullable NodeAddress fromSnapshot) {
		LocatedShard answer = heldAnswer(shardType, shard);
		// the set is empty while every member is up: skip hashing the node on every message
		if (answer != null && (this.unavailable.isEmpty() || !this.unavailable.contains(answer.node()))
				&& (fromSnapshot == null || answer.epoch() >= allocationEpoch())) {
			return answer;
		}
		return null;
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
		List<NodeAddress> available = this.members.available;
		return available.isEmpty() ? null : available.get(0);
	}

	/**
	 * The members that are {@code up} and not evicted.
	 * @return their addresses
	 */
	public List<NodeAddress> availableMembers() {
		return this.members.available;
	}

	/**
	 * Every member with its status, unreachable ones included.
	 * @return the statuses by address, in address order
	 */
	public Map<NodeAddress, MemberState> memberStatuses() {
		return this.members.statuses;
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
	public List<ServiceInstanceInfo> services(String key) {
		return this.members.registry
			.stream()
			.filter((e) -> e.key().equals(key) && !this.unavailable.contains(e.node()))
			.sorted((a, b) -> a.node().compareTo(b.node()))
			.toList();
	}

	/**
	 * Every registry entry, of every service, on available nodes or not.
	 * @return the entries, as the snapshot lists them
	 */
	public Set<ServiceInstanceInfo> registry() {
		return this.members.registry;
	}

	/**
	 * How long ago this snapshot was received.
	 * @return the age
	 */
	public Duration age() {
		return isEmpty() ? Duration.ZERO : Duration.between(this.receivedAt, Instant.now());
	}

	/**
	 * Views are equal when built from equal snapshots, sources, times and coordinator
	 * answers; the stamp of when a cache accepted them is not compared.
	 */
	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof TopologyView view && this.snapshot.equals(view.snapshot)
				&& Objects.equals(this.source, view.source) && this.receivedAt.equals(view.receivedAt)
				&& this.located.equals(view.located);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.snapshot, this.source, this.receivedAt, this.located);
	}

	@Override
	public String toString() {
		return "TopologyView[source=" + this.source + ", epoch=" + allocationEpoch() + ", members="
				+ this.snapshot.members().size() + ", receivedAt=" + this.receivedAt + "]";
	}

	/**
	 * The snapshot's members, their statuses, the available ones and its registry as API
	 * values, converted once per snapshot and shared by every view of it (the subscriber
	 * reads the available members at every push, also of an unchanged snapshot).
	 */
	private record Members(Set<ClusterMember> all, Map<NodeAddress, MemberState> statuses,
			List<NodeAddress> available, Set<ServiceInstanceInfo> registry) {

		static final Members NONE = new Members(Set.of(), Map.of(), List.of(), Set.of());

		static Members of(TopologySnapshot snapshot, Set<NodeAddress> unavailable) {
			Set<ClusterMember> all = new LinkedHashSet<>();
			for (Member member : snapshot.members()) {
				all.add(new ClusterMember(member.address(), state(member.status()), member.roles(), member.id()));
			}
			Map<NodeAddress, MemberState> statuses = new LinkedHashMap<>();
			all.stream().sorted((a, b) -> a.address().compareTo(b.address()))
				.forEach((m) -> statuses.put(m.address(), m.status()));
			List<NodeAddress> available = all.stream()
				.filter((m) -> m.status() == MemberState.UP && !unavailable.contains(m.address()))
				.map(ClusterMember::address)
				.sorted()
				.toList();
			Set<ServiceInstanceInfo> registry = new LinkedHashSet<>();
			for (ServiceEntry entry : snapshot.registry()) {
				registry.add(new ServiceInstanceInfo(entry.key(), entry.node(), entry.path()));
			}
			return new Members(Collections.unmodifiableSet(all), Collections.unmodifiableMap(statuses), available,
					Collections.unmodifiableSet(registry));
		}

		private static MemberState state(MemberStatus status) {
			return switch (status) {
				case JOINING -> MemberState.JOINING;
				case UP -> MemberState.UP;
				case LEAVING -> MemberState.LEAVING;
				case DOWN -> MemberState.DOWN;
				case REMOVED -> MemberState.REMOVED;
			};
		}

	}

}
