package io.casty.client;

import java.time.Duration;

/**
 * When a connected node counts as stuck (it accepts the connection but does not read or
 * answer): its connection is closed and it is marked failed, so later asks fail fast and its
 * shards are asked for again. Immutable; build with {@link #builder()} or change a copy with
 * {@link #mutate()}.
 *
 * @since 0.1.0
 */
public final class StuckNodeOptions {

	/** Default asks in a row that time out on a node that sent nothing meanwhile: 3. */
	public static final int DEFAULT_ASK_TIMEOUTS = 3;

	/** Default longest time a connection's write buffer may stay full: 10 s. */
	public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(10);

	private static final StuckNodeOptions DEFAULTS = new StuckNodeOptions(DEFAULT_ASK_TIMEOUTS, DEFAULT_WRITE_TIMEOUT);

	private final int askTimeouts;

	private final Duration writeTimeout;

	private StuckNodeOptions(int askTimeouts, Duration writeTimeout) {
		this.askTimeouts = askTimeouts;
		this.writeTimeout = writeTimeout;
	}

	/**
	 * The settings of every {@code DEFAULT_*} constant.
	 * @return the default options
	 */
	public static StuckNodeOptions defaults() {
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
	 * How many asks in a row may time out on a node that sent nothing since they were sent
	 * before the node counts as stuck; 0 turns this check off (see
	 * {@link #DEFAULT_ASK_TIMEOUTS}).
	 * @return the count
	 */
	public int askTimeouts() {
		return this.askTimeouts;
	}

	/**
	 * How long a connection's write buffer may stay full (the node does not read) before the
	 * node counts as stuck (see {@link #DEFAULT_WRITE_TIMEOUT}).
	 * @return the timeout
	 */
	public Duration writeTimeout() {
		return this.writeTimeout;
	}

	/**
	 * Builds {@link StuckNodeOptions}; every method checks its value at once.
	 */
	public static final class Builder {

		private StuckNodeOptions value;

		private Builder(StuckNodeOptions value) {
			this.value = value;
		}

		/**
		 * Sets the asks in a row that mark a silent node stuck (see
		 * {@link StuckNodeOptions#askTimeouts()}).
		 * @param askTimeouts 0 for off, or more
		 * @return this builder
		 * @throws InvalidOptionException if negative
		 */
		public Builder askTimeouts(int askTimeouts) {
			this.value = new StuckNodeOptions(OptionChecks.between(askTimeouts, 0, Integer.MAX_VALUE,
					"stuckNode.askTimeouts", "must be 0 (off) or more"), this.value.writeTimeout);
			return this;
		}

		/**
		 * Sets how long a write buffer may stay full (see {@link StuckNodeOptions#DEFAULT_WRITE_TIMEOUT}).
		 * @param writeTimeout positive
		 * @return this builder
		 * @throws InvalidOptionException if not positive
		 */
		public Builder writeTimeout(Duration writeTimeout) {
			this.value = new StuckNodeOptions(this.value.askTimeouts,
					OptionChecks.positive(writeTimeout, "stuckNode.writeTimeout"));
			return this;
		}

		/**
		 * Returns the options.
		 * @return the options
		 */
		public StuckNodeOptions build() {
			return this.value;
		}

	}

}
