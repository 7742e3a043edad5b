package io.casty.testkit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
 * The one membership, allocation and registry state all nodes share, standing for what
 * gossip converges to. Two allocation tables are kept per type: the coordinator's true table
 * and the one published in snapshots, which differ after a lost allocation update.
 */
final class ClusterState {


	private final List<NodeAddress> addresses;

	private final List<String> ids;

	private final Map<NodeAddress, MemberStatus> status = new LinkedHashMap<>();

	private final Set<NodeAddress> unreachable = new LinkedHashSet<>();

	private final Map<String, LinkedHashMap<Long, ShardAllocation>> allocations = new LinkedHashMap<>();

	private final Map<String, LinkedHashMap<Long, ShardAllocation>> published = new LinkedHashMap<>();

	private final Set<ServiceEntry> registry = new LinkedHashSet<>();

	private final Set<String> loseNextUpdate = new HashSet<>();

	private final Map<String, ShardedTypeSpec> types;

	/** Primaries of the cluster's previous life, which the coordinator avoids when it can. */
	private final Map<String, Map<Long, NodeAddress>> previousOwners;

	private long epoch;

	ClusterState(List<NodeAddress> addresses, List<String> ids, Map<String, ShardedTypeSpec> types) {
		this(addresses, ids, types, Map.of(), 0);
	}

	private ClusterState(List<NodeAddress> addresses, List<String> ids, Map<String, ShardedTypeSpec> types,
			Map<String, Map<Long, NodeAddress>> previousOwners, long firstEpoch) {
		this.addresses = List.copyOf(addresses);
		this.ids = List.copyOf(ids);
		this.types = Map.copyOf(types);
		this.previousOwners = previousOwners;
		this.epoch = firstEpoch;
		addresses.forEach((address) -> this.status.put(address, MemberStatus.UP));
	}

	/**
	 * The state of the same members after every node restarted: nothing allocated, no
	 * registry, the epoch counting again from {@code firstEpoch} (Casty starts from scratch,
	 * so the epoch may be lower or higher than before), and a coordinator that puts each
	 * shard on another node than its previous primary whenever another node is eligible, so
	 * every route learned before the restart is wrong afterwards.
	 * @param firstEpoch the epoch of the first snapshot after the restart
	 * @return the fresh state
	 */
	synchronized ClusterState restarted(long firstEpoch) {
		Map<String, Map<Long, NodeAddress>> previous = new LinkedHashMap<>();
		this.allocations.forEach((type, table) -> {
			Map<Long, NodeAddress> primaries = new LinkedHashMap<>();
			table.forEach((shard, allocation) -> primaries.put(shard, allocation.primary()));
			previous.put(type, Map.copyOf(primaries));
		});
		return new ClusterState(this.addresses, this.ids, this.types, Map.copyOf(previous), firstEpoch);
	}

	synchronized long epoch() {
		return this.epoch;
	}

	synchronized TopologySnapshot snapshot() {
		Set<Member> members = new LinkedHashSet<>();
		for (int i = 0; i < this.addresses.size(); i++) {
			NodeAddress address = this.addresses.get(i);
			members.add(new Member(address, this.status.get(address), Set.of(), this.ids.get(i)));
		}
		Map<String, Map<Long, ShardAllocation>> shards = new LinkedHashMap<>();
		this.published.forEach((type, table) -> shards.put(type, new LinkedHashMap<>(table)));
		return new TopologySnapshot(members, leader(), shards, this.epoch, this.unreachable, this.registry);
	}

	/** The leader members see in snapshots: the lowest {@code up} member. */
	synchronized @Nullable NodeAddress leader() {
		return this.status.entrySet()
			.stream()
			.filter((e) -> e.getValue() == MemberStatus.UP)
			.map(Map.Entry::getKey)
			.min(NodeAddress.ORDER)
			.orElse(null);
	}

	/** The node whose coordinators allocate: the lowest {@code up} member not unreachable. */
	synchronized @Nullable NodeAddress coordinatingLeader() {
		return this.status.entrySet()
			.stream()
			.filter((e) -> e.getValue() == MemberStatus.UP && !this.unreachable.contains(e.getKey()))
			.map(Map.Entry::getKey)
			.min(NodeAddress.ORDER)
			.orElse(null);
	}

	synchronized @Nullable ShardAllocation publishedAllocation(String type, long shard) {
		Map<Long, ShardAllocation> table = this.published.get(type);
		return (table != null) ? table.get(shard) : null;
	}

	synchronized @Nullable ShardAllocation trueAllocation(String type, long shard) {
		Map<Long, ShardAllocation> table = this.allocations.get(type);
		return (table != null) ? table.get(shard) : null;
	}

	synchronized MemberStatus status(NodeAddress address) {
		return this.status.get(address);
	}

	synchronized boolean isUnreachable(NodeAddress address) {
		return this.unreachable.contains(address);
	}

	/**
	 * Returns the allocation of a shard, allocating it on the least loaded eligible node if
	 * needed.
	 * @return the allocation and whether a snapshot must be pushed, or null when no node is
	 * eligible
	 */
	synchronized @Nullable Allocated allocate(String type, long shard) {
		ShardAllocation existing = trueAllocation(type, shard);
		if (existing != null) {
			return new Allocated(existing, false);
		}
		ShardedTypeSpec spec = this.types.get(type);
		if (spec == null) {
			return null;
		}
		List<NodeAddress> eligible = new ArrayList<>();
		for (int i = 0; i < this.addresses.size(); i++) {
			NodeAddress address = this.addresses.get(i);
			if (spec.hostedOn(i) && this.status.get(address) == MemberStatus.UP && !this.unreachable.contains(address)) {
				eligible.add(address);
			}
		}
		if (eligible.isEmpty()) {
			return null;
		}
		eligible.sort(NodeAddress.ORDER);
		List<NodeAddress> primaryCandidates = new ArrayList<>(eligible);
		NodeAddress previous = this.previousOwners.getOrDefault(type, Map.of()).get(shard);
		if (previous != null && eligible.size() > 1) {
			primaryCandidates.remove(previous);
		}
		LinkedHashMap<Long, ShardAllocation> table = this.allocations.computeIfAbsent(type, (t) -> new LinkedHashMap<>());
		Map<NodeAddress, Integer> primaries = new LinkedHashMap<>();
		Map<NodeAddress, Integer> replicaCounts = new LinkedHashMap<>();
		for (ShardAllocation allocation : table.values()) {
			primaries.merge(allocation.primary(), 1, Integer::sum);
			allocation.replicas().forEach((r) -> replicaCounts.merge(r, 1, Integer::sum));
		}
		NodeAddress primary = primaryCandidates.stream()
			.min(Comparator.comparingInt((NodeAddress a) -> primaries.getOrDefault(a, 0)).thenComparing(NodeAddress.ORDER))
			.orElseThrow();
		List<NodeAddress> replicas = new ArrayList<>();
		List<NodeAddress> remaining = new ArrayList<>(eligible);
		remaining.remove(primary);
		for (int round = 0; round < Math.min(spec.replicas(), eligible.size() - 1); round++) {
			NodeAddress pick = remaining.stream()
				.min(Comparator.comparingInt((NodeAddress a) -> replicaCounts.getOrDefault(a, 0))
					.thenComparing(NodeAddress.ORDER))
				.orElseThrow();
			remaining.remove(pick);
			replicas.add(pick);
		}
		ShardAllocation allocation = new ShardAllocation(primary, replicas);
		table.put(shard, allocation);
		publishTable(type, false);
		return new Allocated(allocation, true);
	}

	/** Forces an allocation; always published. */
	synchronized void force(String type, long shard, NodeAddress primary) {
		this.allocations.computeIfAbsent(type, (t) -> new LinkedHashMap<>())
			.put(shard, new ShardAllocation(primary, List.of()));
		publishTable(type, false);
	}

	/** Allocates every unallocated shard of a type round robin; published once. */
	synchronized int allocateAll(String type) {
		ShardedTypeSpec spec = this.types.get(type);
		if (spec == null) {
			throw new IllegalArgumentException("Shard type '" + type + "' is not configured on this cluster");
		}
		List<NodeAddress> eligible = new ArrayList<>();
		for (int i = 0; i < this.addresses.size(); i++) {
			NodeAddress address = this.addresses.get(i);
			if (spec.hostedOn(i) && this.status.get(address) == MemberStatus.UP && !this.unreachable.contains(address)) {
				eligible.add(address);
			}
		}
		if (eligible.isEmpty()) {
			throw new IllegalStateException("No up node hosts shard type '" + type + "'");
		}
		eligible.sort(NodeAddress.ORDER);
		LinkedHashMap<Long, ShardAllocation> table = this.allocations.computeIfAbsent(type, (t) -> new LinkedHashMap<>());
		int allocated = 0;
		for (long shard = 0; shard < spec.numShards(); shard++) {
			if (!table.containsKey(shard)) {
				table.put(shard, new ShardAllocation(eligible.get((int) (shard % eligible.size())), List.of()));
				allocated++;
			}
		}
		publishTable(type, false);
		return allocated;
	}

	private boolean publishTable(String type, boolean reallocation) {
		if (reallocation && this.loseNextUpdate.remove(type)) {
			return false;
		}
		this.published.put(type, new LinkedHashMap<>(this.allocations.getOrDefault(type, new LinkedHashMap<>())));
		this.epoch++;
		return true;
	}

	synchronized void loseNextAllocationUpdate(String type) {
		this.loseNextUpdate.add(type);
	}

	synchronized boolean markUnreachable(NodeAddress address) {
		return this.unreachable.add(address);
	}

	/** Marks a member down and drops its registry entries. */
	synchronized boolean markDown(NodeAddress address) {
		boolean changed = this.status.put(address, MemberStatus.DOWN) != MemberStatus.DOWN;
		changed |= this.registry.removeIf((entry) -> entry.node().equals(address));
		return changed;
	}

	/** The types with shards (primary or replica) on a node, in the coordinators' order. */
	synchronized List<String> typesHolding(NodeAddress address) {
		List<String> result = new ArrayList<>();
		this.allocations.forEach((type, table) -> {
			if (table.values().stream().anyMatch((a) -> a.primary().equals(address) || a.replicas().contains(address))) {
				result.add(type);
			}
		});
		return result;
	}

	/**
	 * Applies a coordinator's reaction to a lost node for one type: promote the first replica
	 * or drop the shard, and remove the node from replica lists.
	 * @return whether the change was published (false when it was lost on purpose)
	 */
	synchronized boolean reallocateAfterLoss(String type, NodeAddress lost) {
		LinkedHashMap<Long, ShardAllocation> table = this.allocations.get(type);
		if (table == null) {
			return false;
		}
		LinkedHashMap<Long, ShardAllocation> updated = new LinkedHashMap<>();
		table.forEach((shard, allocation) -> {
			List<NodeAddress> replicas = new ArrayList<>(allocation.replicas());
			replicas.remove(lost);
			if (!allocation.primary().equals(lost)) {
				updated.put(shard, new ShardAllocation(allocation.primary(), replicas));
			}
			else if (!replicas.isEmpty()) {
				updated.put(shard, new ShardAllocation(replicas.get(0), replicas.subList(1, replicas.size())));
			}
		});
		this.allocations.put(type, updated);
		return publishTable(type, true);
	}

	/** The zombie of v0.21.0: status back to up and no longer unreachable. */
	synchronized void resurrect(NodeAddress address) {
		this.status.put(address, MemberStatus.UP);
		this.unreachable.remove(address);
	}

	/** A restarted node: up, reachable, its services registered again. */
	synchronized void rejoin(NodeAddress address, List<ServiceEntry> services) {
		this.status.put(address, MemberStatus.UP);
		this.unreachable.remove(address);
		this.registry.addAll(services);
	}

	synchronized void register(ServiceEntry entry) {
		this.registry.add(entry);
	}

	synchronized List<ServiceEntry> registry(String key) {
		return this.registry.stream().filter((e) -> e.key().equals(key)).toList();
	}

	record Allocated(ShardAllocation allocation, boolean changed) {
	}

}
