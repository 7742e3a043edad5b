package io.casty.client;

import java.time.Duration;

/**
 * How the client dials a node again after its connection failed: an exponential backoff
 * from {@link #minBackoff()} up to {@link #maxBackoff()}, each delay stretched by a random
 * share of up to {@link #jitter()}. Immutable; build with {@link #builder()} or change a copy
 * with {@link #mutate()}.
 *
 * @since 0.1.0
 */
public final class ReconnectOptions {

	/** Default first reconnect delay: 100 ms. */
	public static final Duration DEFAULT_MIN_BACKOFF = Duration.ofMillis(100);

	/** Default longest reconnect delay: 5 s. */
	public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);

	/** Default jitter factor of reconnect delays: 0.5. */
	public static final double DEFAULT_JITTER = 0.5;

	private static final ReconnectOptions DEFAULTS = new ReconnectOptions(DEFAULT_MIN_BACKOFF, DEFAULT_MAX_BACKOFF,
			DEFAULT_JITTER);

	private final Duration minBackoff;

	private final Duration maxBackoff;

	private final double jitter;

	private ReconnectOptions(Duration minBackoff, Duration maxBackoff, double jitter) {
		this.minBackoff = minBackoff;
		this.maxBackoff = maxBackoff;
		this.jitter = jitter;
	}

	/**
	 * The settings of every {@code DEFAULT_*} constant.
	 * @return the default options
	 */
	public static ReconnectOptions defaults() {
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
	 * First reconnect delay (see {@link #DEFAULT_MIN_BACKOFF}).
	 * @return the delay
	 */
	public Duration minBackoff() {
		return this.minBackoff;
	}

	/**
	 * Longest reconnect delay (see {@link #DEFAULT_MAX_BACKOFF}).
	 * @return the delay
	 */
	public Duration maxBackoff() {
		return this.maxBackoff;
	}

	/**
	 * Jitter factor of reconnect delays (see {@link #DEFAULT_JITTER}).
	 * @return 0-1
	 */
	public double jitter() {
		return this.jitter;
	}

	/**
	 * Builds {@link ReconnectOptions}; every method checks its value at once.
	 */
	public static final class Builder {

		private ReconnectOptions value;

		private Builder(ReconnectOptions value) {
			this.value = value;
		}

		/**
		 * Sets the first reconnect delay (see {@link ReconnectOptions#DEFAULT_MIN_BACKOFF}).
		 * @param minBackoff positive
		 * @return this builder
		 * @throws InvalidOptionException if not positive
		 */
		public Builder minBackoff(Duration minBackoff) {
			this.value = new ReconnectOptions(OptionChecks.positive(minBackoff, "reconnect.minBackoff"),
					this.value.maxBackoff, this.value.jitter);
			return this;
		}

		/**
		 * Sets the longest reconnect delay (see {@link ReconnectOptions#DEFAULT_MAX_BACKOFF}).
		 * @param maxBackoff positive
		 * @return this builder
		 * @throws InvalidOptionException if not positive
		 */
		public Builder maxBackoff(Duration maxBackoff) {
			this.value = new ReconnectOptions(this.value.minBackoff,
					OptionChecks.positive(maxBackoff, "reconnect.maxBackoff"), this.value.jitter);
			return this;
		}

		/**
		 * Sets the jitter factor of reconnect delays (see {@link ReconnectOptions#DEFAULT_JITTER}).
		 * @param jitter 0-1
		 * @return this builder
		 * @throws InvalidOptionException if out of range
		 */
		public Builder jitter(double jitter) {
			this.value = new ReconnectOptions(this.value.minBackoff, this.value.maxBackoff,
					OptionChecks.fraction(jitter, "reconnect.jitter"));
			return this;
		}

		/**
		 * Returns the options.
		 * @return the options
		 */
		public ReconnectOptions build() {
			return this.value;
		}

	}

}
