package io.casty.client;

import java.time.Duration;

/**
 * How the client learns where a shard lives when the topology does not say: it asks the
 * leader's coordinator for a {@code ShardLocation}, waits {@link #timeout()} for the answer,
 * and asks again after a growing delay, from {@link #retryMinBackoff()} up to
 * {@link #retryMaxBackoff()} with {@link #retryJitter()}, while messages wait in the shard's
 * buffer ({@link BufferOptions}). These retries have their own backoff, apart from
 * {@link ReconnectOptions}: they re-ask a coordinator over a live connection, they do not
 * dial. Immutable; build with {@link #builder()} or change a copy with {@link #mutate()}.
 *
 * @since 0.1.0
 */
public final class ShardLocationOptions {

	/** Default wait for one {@code ShardLocation} answer before asking again: 1 s. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

	/** Default delay before the first retry, grown with every unanswered attempt: 500 ms. */
	public static final Duration DEFAULT_RETRY_MIN_BACKOFF = Duration.ofMillis(500);

	/** Default longest delay between retries: 4 s. */
	public static final Duration DEFAULT_RETRY_MAX_BACKOFF = Duration.ofSeconds(4);

	/** Default jitter factor of retry delays: 0.5. */
	public static final double DEFAULT_RETRY_JITTER = 0.5;

	private static final ShardLocationOptions DEFAULTS = new ShardLocationOptions(DEFAULT_TIMEOUT,
			DEFAULT_RETRY_MIN_BACKOFF, DEFAULT_RETRY_MAX_BACKOFF, DEFAULT_RETRY_JITTER);

	private final Duration timeout;

	private final Duration retryMinBackoff;

	private final Duration retryMaxBackoff;

	private final double retryJitter;

	private ShardLocationOptions(Duration timeout, Duration retryMinBackoff, Duration retryMaxBackoff,
			double retryJitter) {
		this.timeout = timeout;
		this.retryMinBackoff = retryMinBackoff;
		this.retryMaxBackoff = retryMaxBackoff;
		this.retryJitter = retryJitter;
	}

	/**
	 * The settings of every {@code DEFAULT_*} constant.
	 * @return the default options
	 */
	public static ShardLocationOptions defaults() {
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
	 * Wait for one shard location answer (see {@link #DEFAULT_TIMEOUT}).
	 * @return the timeout
	 */
	public Duration timeout() {
		return this.timeout;
	}

	/**
	 * Delay before the first retry; attempt {@code n} waits {@code n} times as long, up to
	 * {@link #retryMaxBackoff()} (see {@link #DEFAULT_RETRY_MIN_BACKOFF}).
	 * @return the delay
	 */
	public Duration retryMinBackoff() {
		return this.retryMinBackoff;
	}

	/**
	 * Longest delay between retries (see {@link #DEFAULT_RETRY_MAX_BACKOFF}).
	 * @return the delay
	 */
	public Duration retryMaxBackoff() {
		return this.retryMaxBackoff;
	}

	/**
	 * Jitter factor of retry delays (see {@link #DEFAULT_RETRY_JITTER}).
	 * @return 0-1
	 */
	public double retryJitter() {
		return this.retryJitter;
	}

	/**
	 * Builds {@link ShardLocationOptions}; every method checks its value at once.
	 */
	public static final class Builder {

		private ShardLocationOptions value;

		private Builder(ShardLocationOptions value) {
			this.value = value;
		}

		/**
		 * Sets the wait for one answer (see {@link ShardLocationOptions#DEFAULT_TIMEOUT}).
		 * @param timeout positive
		 * @return this builder
		 * @throws InvalidOptionException if not positive
		 */
		public Builder timeout(Duration timeout) {
			ShardLocationOptions v = this.value;
			this.value = new ShardLocationOptions(OptionChecks.positive(timeout, "shardLocation.timeout"),
					v.retryMinBackoff, v.retryMaxBackoff, v.retryJitter);
			return this;
		}

		/**
		 * Sets the delay before the first retry (see {@link ShardLocationOptions#retryMinBackoff()}).
		 * @param retryMinBackoff positive
		 * @return this builder
		 * @throws InvalidOptionException if not positive
		 */
		public Builder retryMinBackoff(Duration retryMinBackoff) {
			ShardLocationOptions v = this.value;
			this.value = new ShardLocationOptions(v.timeout,
					OptionChecks.positive(retryMinBackoff, "shardLocation.retryMinBackoff"), v.retryMaxBackoff,
					v.retryJitter);
			return this;
		}

		/**
		 * Sets the longest delay between retries (see
		 * {@link ShardLocationOptions#DEFAULT_RETRY_MAX_BACKOFF}).
		 * @param retryMaxBackoff positive
		 * @return this builder
		 * @throws InvalidOptionException if not positive
		 */
		public Builder retryMaxBackoff(Duration retryMaxBackoff) {
			ShardLocationOptions v = this.value;
			this.value = new ShardLocationOptions(v.timeout, v.retryMinBackoff,
					OptionChecks.positive(retryMaxBackoff, "shardLocation.retryMaxBackoff"), v.retryJitter);
			return this;
		}

		/**
		 * Sets the jitter factor of retry delays (see {@link ShardLocationOptions#DEFAULT_RETRY_JITTER}).
		 * @param retryJitter 0-1
		 * @return this builder
		 * @throws InvalidOptionException if out of range
		 */
		public Builder retryJitter(double retryJitter) {
			ShardLocationOptions v = this.value;
			this.value = new ShardLocationOptions(v.timeout, v.retryMinBackoff, v.retryMaxBackoff,
					OptionChecks.fraction(retryJitter, "shardLocation.retryJitter"));
			return this;
		}

		/**
		 * Returns the options.
		 * @return the options
		 */
		public ShardLocationOptions build() {
			return this.value;
		}

	}

}
