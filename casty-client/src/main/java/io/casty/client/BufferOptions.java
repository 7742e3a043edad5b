package io.casty.client;

import java.time.Duration;

/**
 * Limits of the buffers that hold messages while their shard's location is resolved: messages
 * per shard, messages and their encoded bytes per shard type, and how long a message may wait. A message over a limit fails with
 * {@link BufferOverflowException}. Immutable; build with {@link #builder()} or change a copy
 * with {@link #mutate()}.
 *
 * @since 0.1.0
 */
public final class BufferOptions {

	/** Default messages buffered per shard: 1,000. */
	public static final int DEFAULT_MAX_PER_SHARD = 1_000;

	/** Default messages buffered per shard type: 10,000. */
	public static final int DEFAULT_MAX_PER_TYPE = 10_000;

	/** Default bytes of encoded messages buffered per shard type: 64 MiB. */
	public static final int DEFAULT_MAX_BYTES_PER_TYPE = 64 * 1024 * 1024;

	/** Default longest time a message waits in a buffer before it is dropped: 10 s. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

	private static final BufferOptions DEFAULTS = new BufferOptions(DEFAULT_MAX_PER_SHARD, DEFAULT_MAX_PER_TYPE,
			DEFAULT_MAX_BYTES_PER_TYPE, DEFAULT_TIMEOUT);

	private final int maxPerShard;

	private final int maxPerType;

	private final int maxBytesPerType;

	private final Duration timeout;

	private BufferOptions(int maxPerShard, int maxPerType, int maxBytesPerType, Duration timeout) {
		this.maxPerShard = maxPerShard;
		this.maxPerType = maxPerType;
		this.maxBytesPerType = maxBytesPerType;
		this.timeout = timeout;
	}

	/**
	 * The settings of every {@code DEFAULT_*} constant.
	 * @return the default options
	 */
	public static BufferOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * Returns a builder starting from {@link #defaults()}.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder(DEFAULTS);
	}

	/**
	 * Returns a builder starting from these settings.
	 * @return the builder
	 */
	public Builder mutate() {
		return new Builder(this);
	}

	/**
	 * Messages buffered per shard (see {@link #DEFAULT_MAX_PER_SHARD}).
	 * @return the limit
	 */
	public int maxPerShard() {
		return this.maxPerShard;
	}

	/**
	 * Messages buffered per shard type (see {@link #DEFAULT_MAX_PER_TYPE}).
	 * @return the limit
	 */
	public int maxPerType() {
		return this.maxPerType;
	}

	/**
	 * Bytes of encoded messages (their payloads) buffered per shard type (see
	 * {@link #DEFAULT_MAX_BYTES_PER_TYPE}).
	 * @return the limit
	 */
	public int maxBytesPerType() {
		return this.maxBytesPerType;
	}

	/**
	 * Longest wait of a buffered message (see {@link #DEFAULT_TIMEOUT}).
	 * @return the timeout
	 */
	public Duration timeout() {
		return this.timeout;
	}

	/**
	 * Builds {@link BufferOptions}; every method checks its value at once.
	 */
	public static final class Builder {

		private BufferOptions value;

		private Builder(BufferOptions value) {
			this.value = value;
		}

		/**
		 * Sets the messages buffered per shard (see {@link BufferOptions#DEFAULT_MAX_PER_SHARD}).
		 * @param maxPerShard at least 1
		 * @return this builder
		 * @throws InvalidOptionException if less than 1
		 */
		public Builder maxPerShard(int maxPerShard) {
			this.value = new BufferOptions(OptionChecks.atLeastOne(maxPerShard, "buffer.maxPerShard"),
					this.value.maxPerType, this.value.maxBytesPerType, this.value.timeout);
			return this;
		}

		/**
		 * Sets the messages buffered per shard type (see {@link BufferOptions#DEFAULT_MAX_PER_TYPE}).
		 * @param maxPerType at least 1
		 * @return this builder
		 * @throws InvalidOptionException if less than 1
		 */
		public Builder maxPerType(int maxPerType) {
			this.value = new BufferOptions(this.value.maxPerShard,
					OptionChecks.atLeastOne(maxPerType, "buffer.maxPerType"), this.value.maxBytesPerType,
					this.value.timeout);
			return this;
		}

		/**
		 * Sets the bytes of encoded messages buffered per shard type (see
		 * {@link BufferOptions#DEFAULT_MAX_BYTES_PER_TYPE}).
		 * @param maxBytesPerType at least 1
		 * @return this builder
		 * @throws InvalidOptionException if less than 1
		 */
		public Builder maxBytesPerType(int maxBytesPerType) {
			this.value = new BufferOptions(this.value.maxPerShard, this.value.maxPerType,
					OptionChecks.atLeastOne(maxBytesPerType, "buffer.maxBytesPerType"), this.value.timeout);
			return this;
		}

		/**
		 * Sets the longest wait of a buffered message (see {@link BufferOptions#DEFAULT_TIMEOUT}).
		 * @param timeout positive
		 * @return this builder
		 * @throws InvalidOptionException if not positive
		 */
		public Builder timeout(Duration timeout) {
			this.value = new BufferOptions(this.value.maxPerShard, this.value.maxPerType, this.value.maxBytesPerType,
					OptionChecks.positive(timeout, "buffer.timeout"));
			return this;
		}

		/**
		 * Returns the options.
		 * @return the options
		 */
		public BufferOptions build() {
			return this.value;
		}

	}

}
