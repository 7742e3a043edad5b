package io.casty.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Immutable settings of a {@link CastyClient}, composed of small groups in the manner of
 * lettuce's {@code ClusterClientOptions}: {@link SocketOptions}, {@link ReconnectOptions},
 * {@link ListenOptions}, {@link TopologyOptions}, {@link ShardLocationOptions},
 * {@link BufferOptions}, {@link CodecOptions}, {@link TlsOptions} and
 * {@link StuckNodeOptions}, each immutable with its own builder and {@code DEFAULT_*}
 * constants. Build with {@link #builder()}; change a copy with {@link #mutate()}. Every
 * builder method checks its value at once and throws {@link InvalidOptionException} naming
 * the setting.
 *
 * <pre class="code">
 * CastyClientOptions options = CastyClientOptions.builder()
 *     .contactPoints("10.0.0.5:25520")
 *     .askTimeout(Duration.ofSeconds(2))
 *     .socket((socket) -&gt; socket.connectionsPerNode(4))
 *     .codec((codec) -&gt; codec.format(PayloadFormat.MSGPACK))
 *     .build();
 * </pre>
 *
 * @since 0.1.0
 */
public final class CastyClientOptions {

	/** Default cluster system name: casty. */
	public static final String DEFAULT_SYSTEM_NAME = "casty";

	/** Default ask timeout, as Casty's own client: 5 s. */
	public static final Duration DEFAULT_ASK_TIMEOUT = Duration.ofSeconds(5);

	/** Default largest number of asks in flight: 100,000. */
	public static final int DEFAULT_MAX_PENDING_ASKS = 100_000;

	/**
	 * Default executor of ask completions: none, a future completes on the thread that ends
	 * its ask (a client I/O thread for replies and lost connections, the timer thread for
	 * timeouts), so its callbacks must be fast and never block.
	 */
	public static final Executor DEFAULT_CALLBACK_EXECUTOR = Runnable::run;

	private final OptionSettings settings;

	private CastyClientOptions(OptionSettings settings) {
		this.settings = settings;
	}

	/**
	 * Returns a builder with every default; at least one contact point must be added.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder(new OptionSettings());
	}

	/**
	 * Returns a builder holding these settings.
	 * @return the builder
	 */
	public Builder mutate() {
		return new Builder(this.settings.copy());
	}

	/** Nodes to subscribe to the topology from, tried in order. @return the contact points, at least one */
	public List<NodeAddress> contactPoints() {
		return this.settings.contactPoints;
	}

	/** The cluster's actor system name (see {@link #DEFAULT_SYSTEM_NAME}). @return the name */
	public String systemName() {
		return this.settings.systemName;
	}

	/** Ask timeout when none is given (see {@link #DEFAULT_ASK_TIMEOUT}). @return the timeout */
	public Duration askTimeout() {
		return this.settings.askTimeout;
	}

	/** Asks in flight (see {@link #DEFAULT_MAX_PENDING_ASKS}). @return the limit */
	public int maxPendingAsks() {
		return this.settings.maxPendingAsks;
	}

	/** Message types registered at start. @return the types */
	public List<Class<?>> messageTypes() {
		return this.settings.messageTypes;
	}

	/** Receives the client's events (metrics). @return the listener */
	public CastyClientListener listener() {
		return this.settings.listener;
	}

	/**
	 * Where the futures of asks complete, and so where callbacks chained on them run (see
	 * {@link #DEFAULT_CALLBACK_EXECUTOR}).
	 * @return the executor
	 */
	public Executor callbackExecutor() {
		return this.settings.callbackExecutor;
	}

	/** How connections to nodes are opened and fed. @return the socket options */
	public SocketOptions socket() {
		return this.settings.socket;
	}

	/** How a node is dialed again after its connection failed. @return the reconnect options */
	public ReconnectOptions reconnect() {
		return this.settings.reconnect;
	}

	/** The client's listener, which nodes dial back, and the address it advertises. @return the listen options */
	public ListenOptions listen() {
		return this.settings.listen;
	}

	/** How the topology is followed. @return the topology options */
	public TopologyOptions topology() {
		return this.settings.topology;
	}

	/** How shard locations are asked for and retried. @return the shardLocation options */
	public ShardLocationOptions shardLocation() {
		return this.settings.shardLocation;
	}

	/** Limits of the buffers of messages waiting for a shard location. @return the buffer options */
	public BufferOptions buffer() {
		return this.settings.buffer;
	}

	/** How payloads and frames are encoded and decoded. @return the codec options */
	public CodecOptions codec() {
		return this.settings.codec;
	}

	/** Whether connections to nodes use TLS. @return the tls options */
	public TlsOptions tls() {
		return this.settings.tls;
	}

	/** When a connected node counts as stuck. @return the stuckNode options */
	public StuckNodeOptions stuckNode() {
		return this.settings.stuckNode;
	}

	/**
	 * Builds {@link CastyClientOptions}. Each method checks its value at once;
	 * {@link #build()} checks the settings that depend on each other.
	 */
	public static final class Builder {

		private final OptionSettings settings;

		private Builder(OptionSettings settings) {
			this.settings = settings;
		}

		/**
		 * Adds contact points.
		 * @param hostAndPorts {@code host:port} of Casty nodes
		 * @return this builder
		 * @throws IllegalArgumentException if one is malformed
		 */
		public Builder contactPoints(String... hostAndPorts) {
			List<NodeAddress> added = new ArrayList<>(hostAndPorts.length);
			for (String hostAndPort : hostAndPorts) {
				added.add(NodeAddress.parse(hostAndPort.trim()));
			}
			return contactPoints(added);
		}

		/** Adds contact points. @param addresses addresses of Casty nodes @return this builder */
		public Builder contactPoints(List<NodeAddress> addresses) {
			List<NodeAddress> all = new ArrayList<>(this.settings.contactPoints);
			all.addAll(addresses);
			return replaceContactPoints(all);
		}

		/** Replaces the contact points. @param addresses addresses of Casty nodes @return this builder */
		public Builder replaceContactPoints(List<NodeAddress> addresses) {
			this.settings.contactPoints = List.copyOf(addresses);
			return this;
		}

		/**
		 * Sets the cluster's actor system name (see {@link CastyClientOptions#DEFAULT_SYSTEM_NAME}).
		 * @param systemName not blank
		 * @return this builder
		 * @throws InvalidOptionException if blank
		 */
		public Builder systemName(String systemName) {
			this.settings.systemName = OptionChecks.text(systemName, "systemName");
			return this;
		}

		/**
		 * Sets the timeout of asks that give none (see {@link CastyClientOptions#DEFAULT_ASK_TIMEOUT}).
		 * @param askTimeout positive
		 * @return this builder
		 * @throws InvalidOptionException if not positive
		 */
		public Builder askTimeout(Duration askTimeout) {
			this.settings.askTimeout = OptionChecks.positive(askTimeout, "askTimeout");
			return this;
		}

		/**
		 * Sets the most asks in flight (see {@link CastyClientOptions#DEFAULT_MAX_PENDING_ASKS}).
		 * @param maxPendingAsks at least 1
		 * @return this builder
		 * @throws InvalidOptionException if less than 1
		 */
		public Builder maxPendingAsks(int maxPendingAsks) {
			this.settings.maxPendingAsks = OptionChecks.atLeastOne(maxPendingAsks, "maxPendingAsks");
			return this;
		}

		/**
		 * Registers message types: records and enums annotated {@link CastyMessage}, or
		 * sealed interfaces of them.
		 * @param types the types
		 * @return this builder
		 */
		public Builder messageTypes(Class<?>... types) {
			List<Class<?>> all = new ArrayList<>(this.settings.messageTypes);
			all.addAll(List.of(types));
			this.settings.messageTypes = List.copyOf(all);
			return this;
		}

		/**
		 * Sets what receives the client's events ({@link CastyClientListener#NONE} by default).
		 * @param listener the listener
		 * @return this builder
		 * @throws InvalidOptionException if null
		 */
		public Builder listener(CastyClientListener listener) {
			this.settings.listener = OptionChecks.notNull(listener, "listener");
			return this;
		}

		/**
		 * Sets where ask futures complete (see {@link CastyClientOptions#callbackExecutor()}):
		 * a pool or virtual threads keep blocking callbacks off the I/O threads. A task the
		 * executor rejects (it is shut down or full) completes on the calling thread.
		 * @param callbackExecutor the executor; its life is the caller's to manage
		 * @return this builder
		 * @throws InvalidOptionException if null
		 */
		public Builder callbackExecutor(Executor callbackExecutor) {
			this.settings.callbackExecutor = OptionChecks.notNull(callbackExecutor, "callbackExecutor");
			return this;
		}

		/** Changes the socket options. @param changes edits a builder of the current ones @return this builder */
		public Builder socket(Consumer<SocketOptions.Builder> changes) {
			this.settings.socket = changed(this.settings.socket.mutate(), changes).build();
			return this;
		}

		/** Changes the reconnect options. @param changes edits a builder of the current ones @return this builder */
		public Builder reconnect(Consumer<ReconnectOptions.Builder> changes) {
			this.settings.reconnect = changed(this.settings.reconnect.mutate(), changes).build();
			return this;
		}

		/** Changes the listen options. @param changes edits a builder of the current ones @return this builder */
		public Builder listen(Consumer<ListenOptions.Builder> changes) {
			this.settings.listen = changed(this.settings.listen.mutate(), changes).build();
			return this;
		}

		/** Changes the topology options. @param changes edits a builder of the current ones @return this builder */
		public Builder topology(Consumer<TopologyOptions.Builder> changes) {
			this.settings.topology = changed(this.settings.topology.mutate(), changes).build();
			return this;
		}

		/** Changes the shardLocation options. @param changes edits a builder of the current ones @return this builder */
		public Builder shardLocation(Consumer<ShardLocationOptions.Builder> changes) {
			this.settings.shardLocation = changed(this.settings.shardLocation.mutate(), changes).build();
			return this;
		}

		/** Changes the buffer options. @param changes edits a builder of the current ones @return this builder */
		public Builder buffer(Consumer<BufferOptions.Builder> changes) {
			this.settings.buffer = changed(this.settings.buffer.mutate(), changes).build();
			return this;
		}

		/** Changes the codec options. @param changes edits a builder of the current ones @return this builder */
		public Builder codec(Consumer<CodecOptions.Builder> changes) {
			this.settings.codec = changed(this.settings.codec.mutate(), changes).build();
			return this;
		}

		/** Sets the tls options ({@link TlsOptions}). @param tls the options @return this builder */
		public Builder tls(TlsOptions tls) {
			this.settings.tls = OptionChecks.notNull(tls, "tls");
			return this;
		}

		/** Changes the stuckNode options. @param changes edits a builder of the current ones @return this builder */
		public Builder stuckNode(Consumer<StuckNodeOptions.Builder> changes) {
			this.settings.stuckNode = changed(this.settings.stuckNode.mutate(), changes).build();
			return this;
		}

		private static <B> B changed(B builder, Consumer<B> changes) {
			changes.accept(builder);
			return builder;
		}

		/**
		 * Checks the settings that depend on each other and returns the options.
		 * @return the options
		 * @throws InvalidOptionException if no contact point was given, or if
		 * {@link SocketOptions#connectionsPerNode()} cannot get one identity per connection
		 */
		public CastyClientOptions build() {
			OptionSettings s = this.settings;
			OptionChecks.consistent(s.contactPoints, s.socket, s.listen);
			return new CastyClientOptions(s.copy());
		}

	}

}
