package io.casty.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

import io.casty.client.protocol.CastyFrameDecoder;
import io.casty.client.protocol.codec.Compression;
import io.casty.client.protocol.codec.PayloadFormat;
import io.netty.handler.ssl.SslContext;
import org.jspecify.annotations.Nullable;
import reactor.netty.tcp.TcpClient;

/**
 * Immutable settings of a {@link CastyClient}. Build with {@link #builder()}; every setting
 * not given takes its {@code DEFAULT_*} constant.
 *
 * @since 0.1.0
 */
public final class CastyClientOptions {

	/** Default cluster system name. */
	public static final String DEFAULT_SYSTEM_NAME = "casty";

	/** Default host the client listens on and advertises. */
	public static final String DEFAULT_CLIENT_HOST = "127.0.0.1";

	/** Default listening port: ephemeral. */
	public static final int DEFAULT_CLIENT_PORT = 0;

	/** Default ask timeout, as Casty's own client. */
	public static final Duration DEFAULT_ASK_TIMEOUT = Duration.ofSeconds(5);

	/** Default TCP connect timeout, as Casty nodes use. */
	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);

	/** Default wait for a node's handshake reply, as Casty nodes use. */
	public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(2);

	/** Default first reconnect delay. */
	public static final Duration DEFAULT_RECONNECT_MIN_BACKOFF = Duration.ofMillis(100);

	/** Default longest reconnect delay. */
	public static final Duration DEFAULT_RECONNECT_MAX_BACKOFF = Duration.ofSeconds(5);

	/** Default jitter factor applied to reconnect delays. */
	public static final double DEFAULT_RECONNECT_JITTER = 0.5;

	/** Default interval between topology polls ({@code SubscribeTopology} re-sent). */
	public static final Duration DEFAULT_TOPOLOGY_POLL_INTERVAL = Duration.ofSeconds(2);

	/** Default silence after which the topology contact is replaced by another member. */
	public static final Duration DEFAULT_TOPOLOGY_TIMEOUT = Duration.ofSeconds(5);

	/** Default wait for one {@code ShardLocation} answer before asking again. */
	public static final Duration DEFAULT_SHARD_LOCATION_TIMEOUT = Duration.ofSeconds(1);

	/** Default messages buffered per shard while its location is resolved. */
	public static final int DEFAULT_MAX_BUFFERED_PER_SHARD = 1_000;

	/** Default messages buffered per shard type while locations are resolved. */
	public static final int DEFAULT_MAX_BUFFERED_PER_TYPE = 10_000;

	/** Default longest time a message waits in a shard buffer before it is dropped. */
	public static final Duration DEFAULT_BUFFER_TIMEOUT = Duration.ofSeconds(10);

	/** Default largest number of asks in flight. */
	public static final int DEFAULT_MAX_PENDING_ASKS = 100_000;

	/** Default outbound bytes queued per connection before sends are refused. */
	public static final int DEFAULT_MAX_PENDING_WRITE_BYTES = 8 * 1024 * 1024;

	/** Default largest frame accepted. */
	public static final int DEFAULT_MAX_FRAME_SIZE = CastyFrameDecoder.DEFAULT_MAX_FRAME_LENGTH;

	/** Default longest wait of an incomplete frame for its next bytes: 10 s. */
	public static final Duration DEFAULT_FRAME_TIMEOUT = Duration.ofSeconds(10);

	/** Default most connections nodes may have open to the client's listener: 64. */
	public static final int DEFAULT_MAX_ACCEPTED_CONNECTIONS = 64;

	/** Default asks in a row that time out on a node that sent nothing meanwhile: 3. */
	public static final int DEFAULT_STUCK_NODE_ASK_TIMEOUTS = 3;

	/** Default longest time a connection's write buffer may stay full: 10 s. */
	public static final Duration DEFAULT_STUCK_NODE_WRITE_TIMEOUT = Duration.ofSeconds(10);

	/** Default number of I/O threads. */
	public static final int DEFAULT_IO_THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

	/**
	 * Default connections per node, each under its own client identity. A Casty v0.21.0
	 * node handles one message of a connection at a time, so more connections let a node
	 * work on several of the client's messages at once.
	 */
	public static final int DEFAULT_CONNECTIONS_PER_NODE = 1;

	/** Largest number of connections per node. */
	public static final int MAX_CONNECTIONS_PER_NODE = 16;

	private final List<NodeAddress> contactPoints;

	private final String systemName;

	private final String clientHost;

	private final int clientPort;

	private final @Nullable String advertisedHost;

	private final @Nullable Integer advertisedPort;

	private final boolean listen;

	private final PayloadFormat format;

	private final Compression compression;

	private final int compressionLevel;

	private final Duration askTimeout;

	private final Duration connectTimeout;

	private final Duration handshakeTimeout;

	private final Duration reconnectMinBackoff;

	private final Duration reconnectMaxBackoff;

	private final double reconnectJitter;

	private final Duration topologyPollInterval;

	private final Duration topologyTimeout;

	private final Duration shardLocationTimeout;

	private final int maxBufferedPerShard;

	private final int maxBufferedPerType;

	private final Duration bufferTimeout;

	private final int maxPendingAsks;

	private final int maxPendingWriteBytes;

	private final int maxFrameSize;

	private final Duration frameTimeout;

	private final int maxAcceptedConnections;

	private final int stuckNodeAskTimeouts;

	private final Duration stuckNodeWriteTimeout;

	private final int ioThreads;

	private final int connectionsPerNode;

	private final List<Class<?>> messageTypes;

	private final @Nullable SslContext sslContext;

	private final UnaryOperator<TcpClient> tcpClientCustomizer;

	private final CastyClientListener listener;

	private CastyClientOptions(Builder b) {
		if (b.contactPoints.isEmpty()) {
			throw new IllegalArgumentException(
					"At least one contact point (host:port of a Casty node) is required");
		}
		this.contactPoints = List.copyOf(b.contactPoints);
		this.systemName = requireText(b.systemName, "systemName");
		this.clientHost = requireText(b.clientHost, "clientHost");
		this.clientPort = requirePort(b.clientPort, "clientPort");
		this.advertisedHost = b.advertisedHost;
		if (b.advertisedPort != null) {
			requirePort(b.advertisedPort, "advertisedPort");
		}
		this.advertisedPort = b.advertisedPort;
		this.listen = b.listen;
		this.format = b.format;
		this.compression = b.compression;
		if (b.compressionLevel < 0 || b.compressionLevel > 9) {
			throw new IllegalArgumentException("compressionLevel must be 0-9, was " + b.compressionLevel);
		}
		this.compressionLevel = b.compressionLevel;
		this.askTimeout = positive(b.askTimeout, "askTimeout");
		this.connectTimeout = positive(b.connectTimeout, "connectTimeout");
		this.handshakeTimeout = positive(b.handshakeTimeout, "handshakeTimeout");
		this.reconnectMinBackoff = positive(b.reconnectMinBackoff, "reconnectMinBackoff");
		this.reconnectMaxBackoff = positive(b.reconnectMaxBackoff, "reconnectMaxBackoff");
		if (b.reconnectJitter < 0 || b.reconnectJitter > 1) {
			throw new IllegalArgumentException("reconnectJitter must be between 0 and 1, was " + b.reconnectJitter);
		}
		this.reconnectJitter = b.reconnectJitter;
		this.topologyPollInterval = positive(b.topologyPollInterval, "topologyPollInterval");
		this.topologyTimeout = positive(b.topologyTimeout, "topologyTimeout");
		this.shardLocationTimeout = positive(b.shardLocationTimeout, "shardLocationTimeout");
		this.maxBufferedPerShard = atLeastOne(b.maxBufferedPerShard, "maxBufferedPerShard");
		this.maxBufferedPerType = atLeastOne(b.maxBufferedPerType, "maxBufferedPerType");
		this.bufferTimeout = positive(b.bufferTimeout, "bufferTimeout");
		this.maxPendingAsks = atLeastOne(b.maxPendingAsks, "maxPendingAsks");
		this.maxPendingWriteBytes = atLeastOne(b.maxPendingWriteBytes, "maxPendingWriteBytes");
		if (b.maxFrameSize < 64) {
			throw new IllegalArgumentException("maxFrameSize must be at least 64 bytes, was " + b.maxFrameSize);
		}
		this.maxFrameSize = b.maxFrameSize;
		this.frameTimeout = positive(b.frameTimeout, "frameTimeout");
		this.maxAcceptedConnections = atLeastOne(b.maxAcceptedConnections, "maxAcceptedConnections");
		if (b.stuckNodeAskTimeouts < 0) {
			throw new IllegalArgumentException("stuckNodeAskTimeouts must be 0 (off) or more, was " + b.stuckNodeAskTimeouts);
		}
		this.stuckNodeAskTimeouts = b.stuckNodeAskTimeouts;
		this.stuckNodeWriteTimeout = positive(b.stuckNodeWriteTimeout, "stuckNodeWriteTimeout");
		this.ioThreads = atLeastOne(b.ioThreads, "ioThreads");
		if (b.connectionsPerNode < 1 || b.connectionsPerNode > MAX_CONNECTIONS_PER_NODE) {
			throw new IllegalArgumentException("connectionsPerNode must be 1-" + MAX_CONNECTIONS_PER_NODE + ", was "
					+ b.connectionsPerNode);
		}
		if (b.connectionsPerNode > 1 && ((b.clientPort != 0 && b.clientPort + b.connectionsPerNode - 1 > 65535)
				|| (b.advertisedPort != null && b.advertisedPort != 0
						&& b.advertisedPort + b.connectionsPerNode - 1 > 65535))) {
			throw new IllegalArgumentException("connectionsPerNode " + b.connectionsPerNode
					+ " needs that many consecutive ports from clientPort and advertisedPort");
		}
		if (b.connectionsPerNode > 1 && !b.listen && b.advertisedHost != null
				&& (b.advertisedPort == null || b.advertisedPort == 0)) {
			throw new IllegalArgumentException("connectionsPerNode " + b.connectionsPerNode
					+ " needs one identity per connection: set advertisedPort (connection k advertises port + k)"
					+ " or leave advertisedHost unset");
		}
		this.connectionsPerNode = b.connectionsPerNode;
		this.messageTypes = List.copyOf(b.messageTypes);
		this.sslContext = b.sslContext;
		this.tcpClientCustomizer = b.tcpClientCustomizer;
		this.listener = b.listener;
	}

	private static String requireText(@Nullable String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(name + " must not be blank");
		}
		return value;
	}

	private static int requirePort(int port, String name) {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException(name + " must be 0-65535, was " + port);
		}
		return port;
	}

	private static Duration positive(Duration value, String name) {
		Objects.requireNonNull(value, name);
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(name + " must be positive, was " + value);
		}
		return value;
	}

	private static int atLeastOne(int value, String name) {
		if (value < 1) {
			throw new IllegalArgumentException(name + " must be at least 1, was " + value);
		}
		return value;
	}

	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns a builder holding these settings.
	 * @return the builder
	 */
	public Builder mutate() {
		return new Builder(this);
	}

	/** Nodes to subscribe to topology from, tried in order. @return the contact points */
	public List<NodeAddress> contactPoints() {
		return this.contactPoints;
	}

	/** The cluster's actor system name (see {@link #DEFAULT_SYSTEM_NAME}). @return the name */
	public String systemName() {
		return this.systemName;
	}

	/** Host the client's listener binds (see {@link #DEFAULT_CLIENT_HOST}). @return the host */
	public String clientHost() {
		return this.clientHost;
	}

	/** Port the client's listener binds, 0 for ephemeral (see {@link #DEFAULT_CLIENT_PORT}). @return the port */
	public int clientPort() {
		return this.clientPort;
	}

	/** Host advertised to nodes instead of {@link #clientHost()}, for NAT. @return the host or null */
	public @Nullable String advertisedHost() {
		return this.advertisedHost;
	}

	/** Port advertised to nodes instead of the bound one. @return the port or null */
	public @Nullable Integer advertisedPort() {
		return this.advertisedPort;
	}

	/**
	 * Whether the client listens so nodes can dial it back. Without a listener its identity
	 * is a unique, undialable host that sorts below every node address.
	 * @return whether to listen
	 */
	public boolean listen() {
		return this.listen;
	}

	/** Payload serializer every node uses. @return the format */
	public PayloadFormat format() {
		return this.format;
	}

	/** Payload compression every node uses. @return the compression */
	public Compression compression() {
		return this.compression;
	}

	/** Compression level. @return 0-9 */
	public int compressionLevel() {
		return this.compressionLevel;
	}

	/** Ask timeout when none is given (see {@link #DEFAULT_ASK_TIMEOUT}). @return the timeout */
	public Duration askTimeout() {
		return this.askTimeout;
	}

	/** TCP connect timeout (see {@link #DEFAULT_CONNECT_TIMEOUT}). @return the timeout */
	public Duration connectTimeout() {
		return this.connectTimeout;
	}

	/** Wait for a node's handshake reply (see {@link #DEFAULT_HANDSHAKE_TIMEOUT}). @return the timeout */
	public Duration handshakeTimeout() {
		return this.handshakeTimeout;
	}

	/** First reconnect delay (see {@link #DEFAULT_RECONNECT_MIN_BACKOFF}). @return the delay */
	public Duration reconnectMinBackoff() {
		return this.reconnectMinBackoff;
	}

	/** Longest reconnect delay (see {@link #DEFAULT_RECONNECT_MAX_BACKOFF}). @return the delay */
	public Duration reconnectMaxBackoff() {
		return this.reconnectMaxBackoff;
	}

	/** Jitter factor of reconnect delays (see {@link #DEFAULT_RECONNECT_JITTER}). @return 0-1 */
	public double reconnectJitter() {
		return this.reconnectJitter;
	}

	/** Interval of topology polls (see {@link #DEFAULT_TOPOLOGY_POLL_INTERVAL}). @return the interval */
	public Duration topologyPollInterval() {
		return this.topologyPollInterval;
	}

	/** Silence before the topology contact is replaced (see {@link #DEFAULT_TOPOLOGY_TIMEOUT}). @return the timeout */
	public Duration topologyTimeout() {
		return this.topologyTimeout;
	}

	/** Wait for one shard location answer (see {@link #DEFAULT_SHARD_LOCATION_TIMEOUT}). @return the timeout */
	public Duration shardLocationTimeout() {
		return this.shardLocationTimeout;
	}

	/** Messages buffered per shard (see {@link #DEFAULT_MAX_BUFFERED_PER_SHARD}). @return the limit */
	public int maxBufferedPerShard() {
		return this.maxBufferedPerShard;
	}

	/** Messages buffered per shard type (see {@link #DEFAULT_MAX_BUFFERED_PER_TYPE}). @return the limit */
	public int maxBufferedPerType() {
		return this.maxBufferedPerType;
	}

	/** Longest wait of a buffered message (see {@link #DEFAULT_BUFFER_TIMEOUT}). @return the timeout */
	public Duration bufferTimeout() {
		return this.bufferTimeout;
	}

	/** Asks in flight (see {@link #DEFAULT_MAX_PENDING_ASKS}). @return the limit */
	public int maxPendingAsks() {
		return this.maxPendingAsks;
	}

	/** Outbound bytes queued per connection (see {@link #DEFAULT_MAX_PENDING_WRITE_BYTES}). @return the limit */
	public int maxPendingWriteBytes() {
		return this.maxPendingWriteBytes;
	}

	/** Largest frame accepted (see {@link #DEFAULT_MAX_FRAME_SIZE}). @return bytes */
	public int maxFrameSize() {
		return this.maxFrameSize;
	}

	/**
	 * How long an incomplete frame may wait for its next bytes before its connection is
	 * closed as broken and reconnected (see {@link #DEFAULT_FRAME_TIMEOUT}).
	 * @return the timeout
	 */
	public Duration frameTimeout() {
		return this.frameTimeout;
	}

	/**
	 * The most connections nodes may have open to the client's listener at once; more are
	 * closed at once (see {@link #DEFAULT_MAX_ACCEPTED_CONNECTIONS}). A connection that does
	 * not send its handshake within {@link #handshakeTimeout()} is closed too.
	 * @return the limit
	 */
	public int maxAcceptedConnections() {
		return this.maxAcceptedConnections;
	}

	/**
	 * How many asks in a row may time out on a node that sent nothing since they were sent
	 * before the node counts as stuck: its connection is closed and it is marked failed, so
	 * later asks fail fast and its shards are asked for again; 0 turns this check off (see
	 * {@link #DEFAULT_STUCK_NODE_ASK_TIMEOUTS}).
	 * @return the count
	 */
	public int stuckNodeAskTimeouts() {
		return this.stuckNodeAskTimeouts;
	}

	/**
	 * How long a connection's write buffer may stay full (the node does not read) before the
	 * node counts as stuck (see {@link #DEFAULT_STUCK_NODE_WRITE_TIMEOUT}).
	 * @return the timeout
	 */
	public Duration stuckNodeWriteTimeout() {
		return this.stuckNodeWriteTimeout;
	}

	/** I/O threads (see {@link #DEFAULT_IO_THREADS}). @return the count */
	public int ioThreads() {
		return this.ioThreads;
	}

	/**
	 * Connections per node (see {@link #DEFAULT_CONNECTIONS_PER_NODE}). Connection {@code k}
	 * has its own identity: with a fixed client or advertised port {@code p} it uses port
	 * {@code p + k}. Messages for one entity or actor always take the same connection.
	 * @return the count
	 */
	public int connectionsPerNode() {
		return this.connectionsPerNode;
	}

	/** Message types registered at start. @return the types */
	public List<Class<?>> messageTypes() {
		return this.messageTypes;
	}

	/** TLS context for connections to nodes, or null for plain TCP. @return the context */
	public @Nullable SslContext sslContext() {
		return this.sslContext;
	}

	/** Applied to every Reactor Netty {@link TcpClient} the client creates. @return the customizer */
	public UnaryOperator<TcpClient> tcpClientCustomizer() {
		return this.tcpClientCustomizer;
	}

	/** Receives the client's events (metrics). @return the listener */
	public CastyClientListener listener() {
		return this.listener;
	}

	/**
	 * Builds {@link CastyClientOptions}.
	 */
	public static final class Builder {

		private final List<NodeAddress> contactPoints = new ArrayList<>();

		private String systemName = DEFAULT_SYSTEM_NAME;

		private String clientHost = DEFAULT_CLIENT_HOST;

		private int clientPort = DEFAULT_CLIENT_PORT;

		private @Nullable String advertisedHost;

		private @Nullable Integer advertisedPort;

		private boolean listen = true;

		private PayloadFormat format = PayloadFormat.JSON;

		private Compression compression = Compression.NONE;

		private int compressionLevel = Compression.DEFAULT_LEVEL;

		private Duration askTimeout = DEFAULT_ASK_TIMEOUT;

		private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

		private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;

		private Duration reconnectMinBackoff = DEFAULT_RECONNECT_MIN_BACKOFF;

		private Duration reconnectMaxBackoff = DEFAULT_RECONNECT_MAX_BACKOFF;

		private double reconnectJitter = DEFAULT_RECONNECT_JITTER;

		private Duration topologyPollInterval = DEFAULT_TOPOLOGY_POLL_INTERVAL;

		private Duration topologyTimeout = DEFAULT_TOPOLOGY_TIMEOUT;

		private Duration shardLocationTimeout = DEFAULT_SHARD_LOCATION_TIMEOUT;

		private int maxBufferedPerShard = DEFAULT_MAX_BUFFERED_PER_SHARD;

		private int maxBufferedPerType = DEFAULT_MAX_BUFFERED_PER_TYPE;

		private Duration bufferTimeout = DEFAULT_BUFFER_TIMEOUT;

		private int maxPendingAsks = DEFAULT_MAX_PENDING_ASKS;

		private int maxPendingWriteBytes = DEFAULT_MAX_PENDING_WRITE_BYTES;

		private int maxFrameSize = DEFAULT_MAX_FRAME_SIZE;

		private Duration frameTimeout = DEFAULT_FRAME_TIMEOUT;

		private int maxAcceptedConnections = DEFAULT_MAX_ACCEPTED_CONNECTIONS;

		private int stuckNodeAskTimeouts = DEFAULT_STUCK_NODE_ASK_TIMEOUTS;

		private Duration stuckNodeWriteTimeout = DEFAULT_STUCK_NODE_WRITE_TIMEOUT;

		private int ioThreads = DEFAULT_IO_THREADS;

		private int connectionsPerNode = DEFAULT_CONNECTIONS_PER_NODE;

		private final List<Class<?>> messageTypes = new ArrayList<>();

		private @Nullable SslContext sslContext;

		private UnaryOperator<TcpClient> tcpClientCustomizer = UnaryOperator.identity();

		private CastyClientListener listener = CastyClientListener.NONE;

		private Builder() {
		}

		private Builder(CastyClientOptions o) {
			this.contactPoints.addAll(o.contactPoints);
			this.systemName = o.systemName;
			this.clientHost = o.clientHost;
			this.clientPort = o.clientPort;
			this.advertisedHost = o.advertisedHost;
			this.advertisedPort = o.advertisedPort;
			this.listen = o.listen;
			this.format = o.format;
			this.compression = o.compression;
			this.compressionLevel = o.compressionLevel;
			this.askTimeout = o.askTimeout;
			this.connectTimeout = o.connectTimeout;
			this.handshakeTimeout = o.handshakeTimeout;
			this.reconnectMinBackoff = o.reconnectMinBackoff;
			this.reconnectMaxBackoff = o.reconnectMaxBackoff;
			this.reconnectJitter = o.reconnectJitter;
			this.topologyPollInterval = o.topologyPollInterval;
			this.topologyTimeout = o.topologyTimeout;
			this.shardLocationTimeout = o.shardLocationTimeout;
			this.maxBufferedPerShard = o.maxBufferedPerShard;
			this.maxBufferedPerType = o.maxBufferedPerType;
			this.bufferTimeout = o.bufferTimeout;
			this.maxPendingAsks = o.maxPendingAsks;
			this.maxPendingWriteBytes = o.maxPendingWriteBytes;
			this.maxFrameSize = o.maxFrameSize;
			this.frameTimeout = o.frameTimeout;
			this.maxAcceptedConnections = o.maxAcceptedConnections;
			this.stuckNodeAskTimeouts = o.stuckNodeAskTimeouts;
			this.stuckNodeWriteTimeout = o.stuckNodeWriteTimeout;
			this.ioThreads = o.ioThreads;
			this.connectionsPerNode = o.connectionsPerNode;
			this.messageTypes.addAll(o.messageTypes);
			this.sslContext = o.sslContext;
			this.tcpClientCustomizer = o.tcpClientCustomizer;
			this.listener = o.listener;
		}

		/** Adds contact points, {@code host:port} each. @param hostAndPorts the points @return this */
		public Builder contactPoints(String... hostAndPorts) {
			for (String hostAndPort : hostAndPorts) {
				this.contactPoints.add(NodeAddress.parse(hostAndPort.trim()));
			}
			return this;
		}

		/** Adds contact points. @param addresses the points @return this */
		public Builder contactPoints(List<NodeAddress> addresses) {
			this.contactPoints.addAll(addresses);
			return this;
		}

		/** Replaces the contact points. @param addresses the points @return this */
		public Builder replaceContactPoints(List<NodeAddress> addresses) {
			this.contactPoints.clear();
			this.contactPoints.addAll(addresses);
			return this;
		}

		public Builder systemName(String systemName) {
			this.systemName = systemName;
			return this;
		}

		public Builder clientHost(String clientHost) {
			this.clientHost = clientHost;
			return this;
		}

		public Builder clientPort(int clientPort) {
			this.clientPort = clientPort;
			return this;
		}

		public Builder advertisedHost(@Nullable String advertisedHost) {
			this.advertisedHost = advertisedHost;
			return this;
		}

		public Builder advertisedPort(@Nullable Integer advertisedPort) {
			this.advertisedPort = advertisedPort;
			return this;
		}

		public Builder listen(boolean listen) {
			this.listen = listen;
			return this;
		}

		public Builder format(PayloadFormat format) {
			this.format = Objects.requireNonNull(format, "format");
			return this;
		}

		public Builder compression(Compression compression) {
			this.compression = Objects.requireNonNull(compression, "compression");
			return this;
		}

		public Builder compressionLevel(int compressionLevel) {
			this.compressionLevel = compressionLevel;
			return this;
		}

		public Builder askTimeout(Duration askTimeout) {
			this.askTimeout = askTimeout;
			return this;
		}

		public Builder connectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
			return this;
		}

		public Builder handshakeTimeout(Duration handshakeTimeout) {
			this.handshakeTimeout = handshakeTimeout;
			return this;
		}

		public Builder reconnectBackoff(Duration min, Duration max) {
			this.reconnectMinBackoff = min;
			this.reconnectMaxBackoff = max;
			return this;
		}

		public Builder reconnectJitter(double reconnectJitter) {
			this.reconnectJitter = reconnectJitter;
			return this;
		}

		public Builder topologyPollInterval(Duration topologyPollInterval) {
			this.topologyPollInterval = topologyPollInterval;
			return this;
		}

		public Builder topologyTimeout(Duration topologyTimeout) {
			this.topologyTimeout = topologyTimeout;
			return this;
		}

		public Builder shardLocationTimeout(Duration shardLocationTimeout) {
			this.shardLocationTimeout = shardLocationTimeout;
			return this;
		}

		public Builder maxBufferedPerShard(int maxBufferedPerShard) {
			this.maxBufferedPerShard = maxBufferedPerShard;
			return this;
		}

		public Builder maxBufferedPerType(int maxBufferedPerType) {
			this.maxBufferedPerType = maxBufferedPerType;
			return this;
		}

		public Builder bufferTimeout(Duration bufferTimeout) {
			this.bufferTimeout = bufferTimeout;
			return this;
		}

		public Builder maxPendingAsks(int maxPendingAsks) {
			this.maxPendingAsks = maxPendingAsks;
			return this;
		}

		public Builder maxPendingWriteBytes(int maxPendingWriteBytes) {
			this.maxPendingWriteBytes = maxPendingWriteBytes;
			return this;
		}

		public Builder maxFrameSize(int maxFrameSize) {
			this.maxFrameSize = maxFrameSize;
			return this;
		}

		/** See {@link CastyClientOptions#frameTimeout()}. @param frameTimeout positive @return this */
		public Builder frameTimeout(Duration frameTimeout) {
			this.frameTimeout = frameTimeout;
			return this;
		}

		/** See {@link CastyClientOptions#maxAcceptedConnections()}. @param maxAcceptedConnections at least 1 @return this */
		public Builder maxAcceptedConnections(int maxAcceptedConnections) {
			this.maxAcceptedConnections = maxAcceptedConnections;
			return this;
		}

		/** See {@link CastyClientOptions#stuckNodeAskTimeouts()}. @param stuckNodeAskTimeouts 0 for off @return this */
		public Builder stuckNodeAskTimeouts(int stuckNodeAskTimeouts) {
			this.stuckNodeAskTimeouts = stuckNodeAskTimeouts;
			return this;
		}

		/** See {@link CastyClientOptions#stuckNodeWriteTimeout()}. @param stuckNodeWriteTimeout positive @return this */
		public Builder stuckNodeWriteTimeout(Duration stuckNodeWriteTimeout) {
			this.stuckNodeWriteTimeout = stuckNodeWriteTimeout;
			return this;
		}

		public Builder ioThreads(int ioThreads) {
			this.ioThreads = ioThreads;
			return this;
		}

		/** Connections per node (see {@link CastyClientOptions#connectionsPerNode()}). @param connectionsPerNode 1-16 @return this */
		public Builder connectionsPerNode(int connectionsPerNode) {
			this.connectionsPerNode = connectionsPerNode;
			return this;
		}

		/** Registers message types (records/enums annotated {@link CastyMessage}, or sealed interfaces of them). @param types the types @return this */
		public Builder messageTypes(Class<?>... types) {
			this.messageTypes.addAll(List.of(types));
			return this;
		}

		public Builder sslContext(@Nullable SslContext sslContext) {
			this.sslContext = sslContext;
			return this;
		}

		public Builder tcpClientCustomizer(UnaryOperator<TcpClient> tcpClientCustomizer) {
			this.tcpClientCustomizer = Objects.requireNonNull(tcpClientCustomizer, "tcpClientCustomizer");
			return this;
		}

		public Builder listener(CastyClientListener listener) {
			this.listener = Objects.requireNonNull(listener, "listener");
			return this;
		}

		/**
		 * Validates and builds the options.
		 * @return the options
		 * @throws IllegalArgumentException if a setting is invalid; the message says which
		 */
		public CastyClientOptions build() {
			return new CastyClientOptions(this);
		}

	}

}
