package io.casty.client;

import java.time.Duration;

/**
 * How the client follows the cluster's topology: it re-sends {@code SubscribeTopology} to
 * its contact every {@link #pollInterval()} and replaces a contact that stayed silent for
 * {@link #timeout()} by another member. Immutable; build with {@link #builder()} or change a
 * copy with {@link #mutate()}.
 *
 * @since 0.1.0
 */
public final class TopologyOptions {

	/** Default interval between topology polls: 2 s. */
	public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);

	/** Default silence after which the topology contact is replaced by another member: 5 s. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

	private static final TopologyOptions DEFAULTS = new TopologyOptions(DEFAULT_POLL_INTERVAL, DEFAULT_TIMEOUT);

	private final Duration pollInterval;

	private final Duration timeout;

	private TopologyOptions(Duration pollInterval, Duration timeout) {
		this.pollInterval = pollInterval;
		this.timeout = timeout;
	}

	/**
	 * The settings of every {@code DEFAULT_*} constant.
	 * @return the default options
	 */
	public static TopologyOptions defaults() {
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
	 * Interval of topology polls (see {@link #DEFAULT_POLL_INTERVAL}).
	 * @return the interval
	 */
	public Duration pollInterval() {
		return this.pollInterval;
	}

	/**
	 * Silence before the topology contact is replaced (see {@link #DEFAULT_TIMEOUT}).
	 * @return the timeout
	 */
	public Duration timeout() {
		return this.timeout;
	}

	/**
	 * Builds {@link TopologyOptions}; every method checks its value at once.
	 */
	public static final class Builder {

		private TopologyOptions value;

		private Builder(TopologyOptions value) {
			this.value = value;
		}

		/**
		 * Sets the interval of topology polls (see {@link TopologyOptions#DEFAULT_POLL_INTERVAL}).
		 * @param pollInterval positive
		 * @return this builder
		 * @throws InvalidOptionException if not positive
		 */
		public Builder pollInterval(Duration pollInterval) {
			this.value = new TopologyOptions(OptionChecks.positive(pollInterval, "topology.pollInterval"),
					this.value.timeout);
			return this;
		}

		/**
		 * Sets the silence before the contact is replaced (see {@link TopologyOptions#DEFAULT_TIMEOUT}).
		 * @param timeout positive
		 * @return this builder
		 * @throws InvalidOptionException if not positive
		 */
		public Builder timeout(Duration timeout) {
			this.value = new TopologyOptions(this.value.pollInterval,
					OptionChecks.positive(timeout, "topology.timeout"));
			return this;
		}

		/**
		 * Returns the options.
		 * @return the options
		 */
		public TopologyOptions build() {
			return this.value;
		}

	}

}
