package io.casty.client.distributed;

import java.time.Duration;
import java.util.Objects;

/**
 * The shard count and request timeout of one distributed structure. The shard count must be
 * the one the nodes created the structure with: another count silently splits its state.
 *
 * @param shards the shard count of the structure's region
 * @param timeout how long each request waits for its answer
 * @since 0.1.0
 */
public record StructureOptions(int shards, Duration timeout) {

	/** Casty's shard count of every structure but the barrier. */
	public static final int DEFAULT_SHARDS = 100;

	/** Casty's request timeout of every structure but the barrier. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

	/** Casty's shard count of barriers, and of the system barrier. */
	public static final int DEFAULT_BARRIER_SHARDS = 10;

	/** Casty's wait of a barrier arrival. */
	public static final Duration DEFAULT_BARRIER_TIMEOUT = Duration.ofSeconds(60);

	public StructureOptions {
		Objects.requireNonNull(timeout, "timeout");
		if (shards < 1) {
			throw new IllegalArgumentException("shards must be at least 1, was " + shards);
		}
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("timeout must be positive, was " + timeout);
		}
	}

	/**
	 * Casty's defaults for counters, maps, sets, queues, locks and semaphores.
	 * @return {@link #DEFAULT_SHARDS} and {@link #DEFAULT_TIMEOUT}
	 */
	public static StructureOptions defaults() {
		return new StructureOptions(DEFAULT_SHARDS, DEFAULT_TIMEOUT);
	}

	/**
	 * Casty's defaults for barriers.
	 * @return {@link #DEFAULT_BARRIER_SHARDS} and {@link #DEFAULT_BARRIER_TIMEOUT}
	 */
	public static StructureOptions barrierDefaults() {
		return new StructureOptions(DEFAULT_BARRIER_SHARDS, DEFAULT_BARRIER_TIMEOUT);
	}

	/**
	 * These options with another shard count.
	 * @param shards the count the nodes use
	 * @return the options
	 */
	public StructureOptions withShards(int shards) {
		return new StructureOptions(shards, this.timeout);
	}

	/**
	 * These options with another timeout.
	 * @param timeout the wait per request
	 * @return the options
	 */
	public StructureOptions withTimeout(Duration timeout) {
		return new StructureOptions(this.shards, timeout);
	}

}
