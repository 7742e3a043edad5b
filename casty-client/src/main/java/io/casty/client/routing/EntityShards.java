package io.casty.client.routing;

/**
 * The shards of recently routed entities: a direct-mapped cache in front of
 * {@link ShardHash}, whose MD5 costs more than the rest of routing a message. Bounded
 * ({@code size} entries of one id each); a slot is overwritten by the next id hashing to it.
 * Safe without locks: entries are immutable and a lost update only costs a recomputation.
 *
 * @since 0.1.0
 */
final class EntityShards {

	/** Default number of slots. */
	static final int DEFAULT_SIZE = 1024;

	private record Entry(String entityId, long shard) {
	}

	private final long numShards;

	private final Entry[] slots;

	private final int mask;

	EntityShards(long numShards, int size) {
		if (Integer.bitCount(size) != 1) {
			throw new IllegalArgumentException("size must be a power of two, was " + size);
		}
		this.numShards = numShards;
		this.slots = new Entry[size];
		this.mask = size - 1;
	}

	long shardOf(String entityId) {
		int h = entityId.hashCode();
		int slot = (h ^ (h >>> 16)) & this.mask;
		Entry entry = this.slots[slot];
		if (entry != null && entry.entityId().equals(entityId)) {
			return entry.shard();
		}
		long shard = ShardHash.shardOf(entityId, this.numShards);
		this.slots[slot] = new Entry(entityId, shard);
		return shard;
	}

}
