package io.casty.client;

import org.jspecify.annotations.Nullable;

/**
 * The client's own listener, which nodes dial back (Casty nodes answer over a connection of
 * their own), and the address it advertises: the bound host and port, an advertised host and
 * port for NAT or containers, and a bound on the connections nodes may hold open. Without a
 * listener the client's identity is a unique, undialable host that sorts below every node
 * address. Immutable; build with {@link #builder()} or change a copy with {@link #mutate()}.
 *
 * @since 0.1.0
 */
public final class ListenOptions {

	/** Default: the client listens. */
	public static final boolean DEFAULT_ENABLED = true;

	/** Default host the client listens on and advertises: 127.0.0.1. */
	public static final String DEFAULT_HOST = "127.0.0.1";

	/** Default listening port: 0, an ephemeral port. */
	public static final int DEFAULT_PORT = 0;

	/** Default most connections nodes may have open to the client's listener: 64. */
	public static final int DEFAULT_MAX_ACCEPTED_CONNECTIONS = 64;

	private static final ListenOptions DEFAULTS = new ListenOptions(DEFAULT_ENABLED, DEFAULT_HOST, DEFAULT_PORT, null,
			null, DEFAULT_MAX_ACCEPTED_CONNECTIONS);

	private final boolean enabled;

	private final String host;

	private final int port;

	private final @Nullable String advertisedHost;

	private final @Nullable Integer advertisedPort;

	private final int maxAcceptedConnections;

	private ListenOptions(boolean enabled, String host, int port, @Nullable String advertisedHost,
			@Nullable Integer advertisedPort, int maxAcceptedConnections) {
		this.enabled = enabled;
		this.host = host;
		this.port = port;
		this.advertisedHost = advertisedHost;
		this.advertisedPort = advertisedPort;
		this.maxAcceptedConnections = maxAcceptedConnections;
	}

	/**
	 * The settings of every {@code DEFAULT_*} constant.
	 * @return the default options
	 */
	public static ListenOptions defaults() {
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
	 * Whether the client listens so nodes can dial it back (see {@link #DEFAULT_ENABLED}).
	 * @return whether to listen
	 */
	public boolean enabled() {
		return this.enabled;
	}

	/**
	 * Host the listener binds (see {@link #DEFAULT_HOST}).
	 * @return the host
	 */
	public String host() {
		return this.host;
	}

	/**
	 * Port the listener binds, 0 for ephemeral (see {@link #DEFAULT_PORT}).
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Host advertised to nodes instead of {@link #host()}, for NAT.
	 * @return the host, or null to advertise the bound one
	 */
	public @Nullable String advertisedHost() {
		return this.advertisedHost;
	}

	/**
	 * Port advertised to nodes instead of the bound one.
	 * @return the port, or null to advertise the bound one
	 */
	public @Nullable Integer advertisedPort() {
		return this.advertisedPort;
	}

	/**
	 * The most connections nodes may have open to the listener at once; more are closed at
	 * once (see {@link #DEFAULT_MAX_ACCEPTED_CONNECTIONS}). A connection that does not send
	 * its handshake within {@link SocketOptions#handshakeTimeout()} is closed too.
	 * @return the limit
	 */
	public int maxAcceptedConnections() {
		return this.maxAcceptedConnections;
	}

	/**
	 * Builds {@link ListenOptions}; every method checks its value at once.
	 */
	public static final class Builder {

		private ListenOptions value;

		private Builder(ListenOptions value) {
			this.value = value;
		}

		/**
		 * Sets whether the client listens (see {@link ListenOptions#enabled()}).
		 * @param enabled false for a client nodes cannot dial
		 * @return this builder
		 */
		public Builder enabled(boolean enabled) {
			ListenOptions v = this.value;
			this.value = new ListenOptions(enabled, v.host, v.port, v.advertisedHost, v.advertisedPort,
					v.maxAcceptedConnections);
			return this;
		}

		/**
		 * Sets the host the listener binds (see {@link ListenOptions#DEFAULT_HOST}).
		 * @param host not blank
		 * @return this builder
		 * @throws InvalidOptionException if blank
		 */
		public Builder host(String host) {
			ListenOptions v = this.value;
			this.value = new ListenOptions(v.enabled, OptionChecks.text(host, "listen.host"), v.port,
					v.advertisedHost, v.advertisedPort, v.maxAcceptedConnections);
			return this;
		}

		/**
		 * Sets the port the listener binds (see {@link ListenOptions#DEFAULT_PORT}).
		 * @param port 0-65535, 0 for ephemeral
		 * @return this builder
		 * @throws InvalidOptionException if out of range
		 */
		public Builder port(int port) {
			ListenOptions v = this.value;
			this.value = new ListenOptions(v.enabled, v.host, OptionChecks.port(port, "listen.port"),
					v.advertisedHost, v.advertisedPort, v.maxAcceptedConnections);
			return this;
		}

		/**
		 * Sets the host advertised instead of the bound one.
		 * @param advertisedHost the host, or null for the bound one
		 * @return this builder
		 */
		public Builder advertisedHost(@Nullable String advertisedHost) {
			ListenOptions v = this.value;
			this.value = new ListenOptions(v.enabled, v.host, v.port, advertisedHost, v.advertisedPort,
					v.maxAcceptedConnections);
			return this;
		}

		/**
		 * Sets the port advertised instead of the bound one.
		 * @param advertisedPort 0-65535, or null for the bound one
		 * @return this builder
		 * @throws InvalidOptionException if out of range
		 */
		public Builder advertisedPort(@Nullable Integer advertisedPort) {
			ListenOptions v = this.value;
			if (advertisedPort != null) {
				OptionChecks.port(advertisedPort, "listen.advertisedPort");
			}
			this.value = new ListenOptions(v.enabled, v.host, v.port, v.advertisedHost, advertisedPort,
					v.maxAcceptedConnections);
			return this;
		}

		/**
		 * Sets the most connections nodes may hold open (see
		 * {@link ListenOptions#DEFAULT_MAX_ACCEPTED_CONNECTIONS}).
		 * @param maxAcceptedConnections at least 1
		 * @return this builder
		 * @throws InvalidOptionException if less than 1
		 */
		public Builder maxAcceptedConnections(int maxAcceptedConnections) {
			ListenOptions v = this.value;
			this.value = new ListenOptions(v.enabled, v.host, v.port, v.advertisedHost, v.advertisedPort,
					OptionChecks.atLeastOne(maxAcceptedConnections, "listen.maxAcceptedConnections"));
			return this;
		}

		/**
		 * Returns the options.
		 * @return the options
		 */
		public ListenOptions build() {
			return this.value;
		}

	}

}
