package io.casty.testkit;

import java.util.Objects;
import java.util.Set;

/**
 * A sharded type as configured on the builder.
 *
 * @param type the shard type name
 * @param numShards the number of shards clients hash entity ids into
 * @param replicas the replica count the coordinator picks per shard
 * @param nodeIndexes the indexes of the nodes hosting a region; empty means every node
 * @param factory creates entities
 */
record ShardedTypeSpec(String type, int numShards, int replicas, Set<Integer> nodeIndexes, EntityFactory factory) {

	ShardedTypeSpec {
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(factory, "factory");
		if (type.isEmpty() || type.indexOf('/') >= 0) {
			throw new IllegalArgumentException("Shard type '" + type + "' must be non-empty and contain no '/'");
		}
		if (numShards < 1) {
			throw new IllegalArgumentException("numShards must be at least 1, was " + numShards);
		}
		if (replicas < 0) {
			throw new IllegalArgumentException("replicas must not be negative, was " + replicas);
		}
		nodeIndexes = Set.copyOf(nodeIndexes);
	}

	boolean hostedOn(int nodeIndex) {
		return this.nodeIndexes.isEmpty() || this.nodeIndexes.contains(nodeIndex);
	}

}
