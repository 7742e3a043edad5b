package io.casty.client.topology;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

import io.casty.client.NodeAddress;
import io.casty.client.protocol.messages.ShardAllocation;
import org.jspecify.annotations.Nullable;

/**
 * The owner of each routed shard of one shard type, as a {@link TopologyView} holds it: an
 * array indexed by shard when the shard numbers are dense, as Casty's are (a type's shards
 * are numbered from 0 to its shard count), else a map. Routing a message reads one array
 * slot instead of boxing its shard and hashing it. Immutable; a read-only {@link Map} for
 * {@link TopologyView#routes()}, iterated in shard order when dense.
 */
final class ShardRoutes extends AbstractMap<Long, NodeAddress> {

	/** Shards may leave this many slots empty for every routed one, and a few more. */
	private static final int MAX_EMPTY_SLOTS_PER_ROUTE = 2;

	private static final int ALWAYS_DENSE = 64;

	private final NodeAddress @Nullable [] dense;

	private final @Nullable Map<Long, NodeAddress> sparse;

	private final int size;

	private @Nullable Set<Map.Entry<Long, NodeAddress>> entries;

	private ShardRoutes(NodeAddress @Nullable [] dense, @Nullable Map<Long, NodeAddress> sparse, int size) {
		this.dense = dense;
		this.sparse = sparse;
		this.size = size;
	}

	/**
	 * The routes of a type's allocations: each shard to its primary, unless the primary is
	 * unavailable.
	 * @param allocations the allocations by shard
	 * @param unavailable the nodes no shard is routed to
	 * @return the routes
	 */
	static ShardRoutes of(Map<Long, ShardAllocation> allocations, Set<NodeAddress> unavailable) {
		long max = -1;
		for (Long shard : allocations.keySet()) {
			max = (shard < 0) ? Long.MAX_VALUE : Math.max(max, shard);
		}
		if (max >= (long) allocations.size() * (1 + MAX_EMPTY_SLOTS_PER_ROUTE) + ALWAYS_DENSE) {
			Map<Long, NodeAddress> owners = new HashMap<>();
			allocations.forEach((shard, allocation) -> {
				if (!unavailable.contains(allocation.primary())) {
					owners.put(shard, allocation.primary());
				}
			});
			return new ShardRoutes(null, Collections.unmodifiableMap(owners), owners.size());
		}
		NodeAddress[] slots = new NodeAddress[(int) (max + 1)];
		int size = 0;
		for (Map.Entry<Long, ShardAllocation> entry : allocations.entrySet()) {
			NodeAddress primary = entry.getValue().primary();
			if (!unavailable.contains(primary)) {
				slots[entry.getKey().intValue()] = primary;
				size++;
			}
		}
		return new ShardRoutes(slots, null, size);
	}

	/**
	 * The owner of a shard.
	 * @param shard the shard
	 * @return the owner, or {@code null} if the shard is not routed
	 */
	@Nullable NodeAddress route(long shard) {
		NodeAddress[] slots = this.dense;
		if (slots != null) {
			return (shard >= 0 && shard < slots.length) ? slots[(int) shard] : null;
		}
		Map<Long, NodeAddress> owners = this.sparse;
		return (owners != null) ? owners.get(shard) : null;
	}

	@Override
	public @Nullable NodeAddress get(@Nullable Object key) {
		return (key instanceof Long shard) ? route(shard) : null;
	}

	@Override
	public boolean containsKey(@Nullable Object key) {
		return get(key) != null;
	}

	@Override
	public int size() {
		return this.size;
	}

	@Override
	public Set<Map.Entry<Long, NodeAddress>> entrySet() {
		Set<Map.Entry<Long, NodeAddress>> set = this.entries;
		if (set == null) {
			NodeAddress[] slots = this.dense;
			set = (slots != null) ? new DenseEntries(slots, this.size) : Objects.requireNonNull(this.sparse).entrySet();
			this.entries = set;
		}
		return set;
	}

	/** The entries of the dense form, in shard order. */
	private static final class DenseEntries extends AbstractSet<Map.Entry<Long, NodeAddress>> {

		private final NodeAddress[] slots;

		private final int size;

		DenseEntries(NodeAddress[] slots, int size) {
			this.slots = slots;
			this.size = size;
		}

		@Override
		public int size() {
			return this.size;
		}

		@Override
		public Iterator<Map.Entry<Long, NodeAddress>> iterator() {
			return new Iterator<>() {

				private int next = advance(0);

				private int advance(int from) {
					int i = from;
					while (i < DenseEntries.this.slots.length && DenseEntries.this.slots[i] == null) {
						i++;
					}
					return i;
				}

				@Override
				public boolean hasNext() {
					return this.next < DenseEntries.this.slots.length;
				}

				@Override
				public Map.Entry<Long, NodeAddress> next() {
					if (!hasNext()) {
						throw new NoSuchElementException();
					}
					int shard = this.next;
					this.next = advance(shard + 1);
					return Map.entry((long) shard, DenseEntries.this.slots[shard]);
				}

			};
		}

	}

}
