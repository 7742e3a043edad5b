package io.casty.client.topology;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import io.casty.client.NodeAddress;
import org.jspecify.annotations.Nullable;

/**
 * The coordinators' answers a {@link TopologyView} holds, by shard type and shard. Immutable:
 * each change returns a copy (answers are few, one per shard missing from a snapshot).
 */
final class LocatedShards {

	static final LocatedShards NONE = new LocatedShards(Map.of());

	private final Map<String, Map<Long, LocatedShard>> byType;

	private LocatedShards(Map<String, Map<Long, LocatedShard>> byType) {
		this.byType = byType;
	}

	boolean isEmpty() {
		return this.byType.isEmpty();
	}

	@Nullable LocatedShard get(String shardType, long shard) {
		if (this.byType.isEmpty()) {
			return null;
		}
		Map<Long, LocatedShard> byShard = this.byType.get(shardType);
		return (byShard != null) ? byShard.get(shard) : null;
	}

	/**
	 * These answers with one set or removed.
	 * @param answer the answer, or {@code null} to remove the shard's
	 */
	LocatedShards with(String shardType, long shard, @Nullable LocatedShard answer) {
		Map<Long, LocatedShard> shards = new HashMap<>(this.byType.getOrDefault(shardType, Map.of()));
		if (answer != null) {
			shards.put(shard, answer);
		}
		else {
			shards.remove(shard);
		}
		Map<String, Map<Long, LocatedShard>> types = new HashMap<>(this.byType);
		if (shards.isEmpty()) {
			types.remove(shardType);
		}
		else {
			types.put(shardType, Collections.unmodifiableMap(shards));
		}
		return of(types);
	}

	/** These answers without those naming one of the nodes. */
	LocatedShards withoutNodes(Set<NodeAddress> nodes) {
		if (this.byType.isEmpty() || nodes.isEmpty() || this.byType.values()
			.stream()
			.noneMatch((answers) -> answers.values().stream().anyMatch((l) -> nodes.contains(l.node())))) {
			return this;
		}
		Map<String, Map<Long, LocatedShard>> kept = new HashMap<>();
		this.byType.forEach((type, answers) -> {
			Map<Long, LocatedShard> shards = new HashMap<>(answers);
			shards.values().removeIf((l) -> nodes.contains(l.node()));
			if (!shards.isEmpty()) {
				kept.put(type, Collections.unmodifiableMap(shards));
			}
		});
		return of(kept);
	}

	private static LocatedShards of(Map<String, Map<Long, LocatedShard>> types) {
		return types.isEmpty() ? NONE : new LocatedShards(Collections.unmodifiableMap(types));
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof LocatedShards that && this.byType.equals(that.byType);
	}

	@Override
	public int hashCode() {
		return this.byType.hashCode();
	}

}
