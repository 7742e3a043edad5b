package io.casty.client.routing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Casty's {@code entity_shard}: the first four bytes of the MD5 digest of the entity id's
 * UTF-8 bytes, as an unsigned big-endian number, modulo the number of shards.
 *
 * @since 0.1.0
 */
public final class ShardHash {

	private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
		try {
			return MessageDigest.getInstance("MD5");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("MD5 is required by every Java platform", ex);
		}
	});

	private ShardHash() {
	}

	/**
	 * Returns the shard of an entity.
	 * @param entityId the entity id
	 * @param numShards the shard count of its type, at least 1
	 * @return the shard, from 0 to {@code numShards - 1}
	 */
	public static long shardOf(String entityId, long numShards) {
		if (numShards < 1) {
			throw new IllegalArgumentException("numShards must be at least 1, was " + numShards);
		}
		return prefix(entityId) % numShards;
	}

	/**
	 * Returns the unsigned 32-bit prefix of the entity id's MD5 digest.
	 * @param entityId the entity id
	 * @return the prefix, 0 to 2^32-1
	 */
	public static long prefix(String entityId) {
		byte[] digest = MD5.get().digest(entityId.getBytes(StandardCharsets.UTF_8));
		return ((digest[0] & 0xffL) << 24) | ((digest[1] & 0xffL) << 16) | ((digest[2] & 0xffL) << 8)
				| (digest[3] & 0xffL);
	}

}
