package io.casty.client.protocol.messages;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import io.casty.client.CastyMessage;
import io.casty.client.NodeAddress;
import org.jspecify.annotations.Nullable;

/**
 * The whole cluster state a node pushes to topology subscribers.
 *
 * @param members every known member, {@code down} ones included
 * @param leader the lowest {@code up} member, if any
 * @param shardAllocations per shard type, the allocated shards
 * @param allocationEpoch the cluster-wide allocation counter
 * @param unreachable members the failure detector gave up on (transient)
 * @param registry discoverable services
 * @since 0.1.0
 */
@CastyMessage("casty.cluster.topology.TopologySnapshot")
public record TopologySnapshot(Set<Member> members, @Nullable NodeAddress leader,
		Map<String, Map<Long, ShardAllocation>> shardAllocations, long allocationEpoch, Set<NodeAddress> unreachable,
		Set<ServiceEntry> registry) {

	public TopologySnapshot {
		members = Collections.unmodifiableSet(new LinkedHashSet<>(members));
		Map<String, Map<Long, ShardAllocation>> allocations = new LinkedHashMap<>();
		// Decoding makes one ShardAllocation, NodeAddress and host string per shard, yet a
		// cluster has about one distinct allocation per node: keeping one instance of each
		// halves the heap a large topology holds.
		Map<ShardAllocation, ShardAllocation> distinct = new HashMap<>();
		shardAllocations.forEach((type, shards) -> {
			Map<Long, ShardAllocation> table = new LinkedHashMap<>((int) (shards.size() / 0.75f) + 1);
			shards.forEach((shard, allocation) -> table.put(shard,
					(allocation != null) ? distinct.computeIfAbsent(allocation, (a) -> a) : null));
			allocations.put(type, Collections.unmodifiableMap(table));
		});
		shardAllocations = Collections.unmodifiableMap(allocations);
		unreachable = Collections.unmodifiableSet(new LinkedHashSet<>(unreachable));
		registry = Collections.unmodifiableSet(new LinkedHashSet<>(registry));
	}

}
