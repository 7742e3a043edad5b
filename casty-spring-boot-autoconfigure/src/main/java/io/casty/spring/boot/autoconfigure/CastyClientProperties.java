package io.casty.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.casty.client.BufferOptions;
import io.casty.client.CastyClientOptions;
import io.casty.client.CodecOptions;
import io.casty.client.ListenOptions;
import io.casty.client.ReconnectOptions;
import io.casty.client.ShardLocationOptions;
import io.casty.client.SocketOptions;
import io.casty.client.StuckNodeOptions;
import io.casty.client.TopologyOptions;
import io.casty.client.protocol.codec.Compression;
import io.casty.client.protocol.codec.PayloadFormat;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties of the Casty client. Every default is the matching
 * {@code DEFAULT_*} constant of the option group it maps to, except the two that depend on
 * the machine or on other properties: {@code io-threads} (0 stands for
 * {@link SocketOptions#DEFAULT_IO_THREADS}) and {@code health.max-topology-age}.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("casty.client")
public class CastyClientProperties {

	/**
	 * Casty nodes to subscribe to the topology from, as host:port, tried in order.
	 */
	private List<String> contactPoints = new ArrayList<>();

	/**
	 * Actor system name of the cluster, as every node uses it.
	 */
	private String systemName = CastyClientOptions.DEFAULT_SYSTEM_NAME;

	/**
	 * Host the client listens on so nodes can dial it back.
	 */
	private String clientHost = ListenOptions.DEFAULT_HOST;

	/**
	 * Port the client listens on. 0 picks an ephemeral port.
	 */
	private int clientPort = ListenOptions.DEFAULT_PORT;

	/**
	 * Host advertised to nodes instead of the client host, for NAT or containers.
	 */
	private @Nullable String advertisedHost;

	/**
	 * Port advertised to nodes instead of the bound port.
	 */
	private @Nullable Integer advertisedPort;

	/**
	 * Whether the client listens so that nodes can dial it back.
	 */
	private boolean listen = true;

	/**
	 * Payload serializer, as every node of the cluster uses it.
	 */
	private PayloadFormat serializer = PayloadFormat.JSON;

	/**
	 * Payload compression, as every node of the cluster uses it.
	 */
	private Compression compression = Compression.NONE;

	/**
	 * Compression level, 0-9.
	 */
	private int compressionLevel = Compression.DEFAULT_LEVEL;

	/**
	 * Timeout of asks that do not give their own.
	 */
	private Duration askTimeout = CastyClientOptions.DEFAULT_ASK_TIMEOUT;

	/**
	 * TCP connect timeout.
	 */
	private Duration connectTimeout = SocketOptions.DEFAULT_CONNECT_TIMEOUT;

	/**
	 * How long to wait for a node's handshake reply.
	 */
	private Duration handshakeTimeout = SocketOptions.DEFAULT_HANDSHAKE_TIMEOUT;

	/**
	 * Largest number of asks in flight.
	 */
	private int maxPendingAsks = CastyClientOptions.DEFAULT_MAX_PENDING_ASKS;

	/**
	 * Outbound bytes queued per connection before sends are refused.
	 */
	private int maxPendingWriteBytes = SocketOptions.DEFAULT_MAX_PENDING_WRITE_BYTES;

	/**
	 * Largest frame accepted from a node.
	 */
	private DataSize maxFrameSize = DataSize.ofBytes(CodecOptions.DEFAULT_MAX_FRAME_SIZE);

	/**
	 * How long an incomplete frame may wait for its next bytes before its connection is
	 * closed as broken and reconnected.
	 */
	private Duration frameTimeout = CodecOptions.DEFAULT_FRAME_TIMEOUT;

	/**
	 * Most connections nodes may have open to the client's listener at once; more are closed
	 * at once. A connection that sends no handshake within the handshake timeout is closed too.
	 */
	private int maxAcceptedConnections = ListenOptions.DEFAULT_MAX_ACCEPTED_CONNECTIONS;

	/**
	 * Number of I/O threads. 0 uses one per processor, at most 4.
	 */
	private int ioThreads = 0;

	/**
	 * Connections to each node, each under its own client identity (1-16), or 0 to choose
	 * them from the nodes: 4 for nodes that handle one message of a connection at a time
	 * (Casty v0.21.0), 1 if the first node the client dials declares pipelined reads in its
	 * handshake (the testkit's nodes), and 1 with a fixed client or advertised port. A Casty
	 * node handles one message of a connection at a time, so more connections raise
	 * throughput against busy nodes. With a fixed client or advertised port p, connection k
	 * uses p + k.
	 */
	private int connectionsPerNode = SocketOptions.DEFAULT_CONNECTIONS_PER_NODE;

	/**
	 * Where the buffers of the client's connections come from: pooled (Netty's pooled
	 * allocator; fewer allocations per message, about 4 MiB of direct memory per I/O thread)
	 * or adaptive (Netty's default allocator; a smaller footprint).
	 */
	private SocketOptions.Allocator allocator = SocketOptions.DEFAULT_ALLOCATOR;

	/**
	 * Where the futures of asks complete, and so where callbacks chained on them run:
	 * io-thread (the client's I/O threads; callbacks must never block), pool (a pool of
	 * callback-pool-size threads) or virtual (a virtual thread per completion, Java 21 or
	 * later). Defaults to virtual when spring.threads.virtual.enabled is true, pool otherwise.
	 */
	private @Nullable CallbackExecutor callbackExecutor;

	/**
	 * Threads of the callback pool. Defaults to the number of processors, at least 2.
	 */
	private @Nullable Integer callbackPoolSize;

	private final Reconnect reconnect = new Reconnect();

	private final StuckNode stuckNode = new StuckNode();

	private final Topology topology = new Topology();

	private final ShardLocation shardLocation = new ShardLocation();

	private final Buffer buffer = new Buffer();

	private final Ssl ssl = new Ssl();

	private final Health health = new Health();

	private final Embedded embedded = new Embedded();

	/**
	 * Entity types to expose as EntityRef beans, by shard type, in addition to the message
	 * interfaces annotated with CastyEntity.
	 */
	private Map<String, Entity> entities = new LinkedHashMap<>();

	public List<String> getContactPoints() {
		return this.contactPoints;
	}

	public void setContactPoints(List<String> contactPoints) {
		this.contactPoints = contactPoints;
	}

	public String getSystemName() {
		return this.systemName;
	}

	public void setSystemName(String systemName) {
		this.systemName = systemName;
	}

	public String getClientHost() {
		return this.clientHost;
	}

	public void setClientHost(String clientHost) {
		this.clientHost = clientHost;
	}

	public int getClientPort() {
		return this.clientPort;
	}

	public void setClientPort(int clientPort) {
		this.clientPort = clientPort;
	}

	public @Nullable String getAdvertisedHost() {
		return this.advertisedHost;
	}

	public void setAdvertisedHost(@Nullable String advertisedHost) {
		this.advertisedHost = advertisedHost;
	}

	public @Nullable Integer getAdvertisedPort() {
		return this.advertisedPort;
	}

	public void setAdvertisedPort(@Nullable Integer advertisedPort) {
		this.advertisedPort = advertisedPort;
	}

	public boolean isListen() {
		return this.listen;
	}

	public void setListen(boolean listen) {
		this.listen = listen;
	}

	public PayloadFormat getSerializer() {
		return this.serializer;
	}

	public void setSerializer(PayloadFormat serializer) {
		this.serializer = serializer;
	}

	public Compression getCompression() {
		return this.compression;
	}

	public void setCompression(Compression compression) {
		this.compression = compression;
	}

	public int getCompressionLevel() {
		return this.compressionLevel;
	}

	public void setCompressionLevel(int compressionLevel) {
		this.compressionLevel = compressionLevel;
	}

	public Duration getAskTimeout() {
		return this.askTimeout;
	}

	public void setAskTimeout(Duration askTimeout) {
		this.askTimeout = askTimeout;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getHandshakeTimeout() {
		return this.handshakeTimeout;
	}

	public void setHandshakeTimeout(Duration handshakeTimeout) {
		this.handshakeTimeout = handshakeTimeout;
	}

	public int getMaxPendingAsks() {
		return this.maxPendingAsks;
	}

	public void setMaxPendingAsks(int maxPendingAsks) {
		this.maxPendingAsks = maxPendingAsks;
	}

	public int getMaxPendingWriteBytes() {
		return this.maxPendingWriteBytes;
	}

	public void setMaxPendingWriteBytes(int maxPendingWriteBytes) {
		this.maxPendingWriteBytes = maxPendingWriteBytes;
	}

	public DataSize getMaxFrameSize() {
		return this.maxFrameSize;
	}

	public void setMaxFrameSize(DataSize maxFrameSize) {
		this.maxFrameSize = maxFrameSize;
	}

	public SocketOptions.Allocator getAllocator() {
		return this.allocator;
	}

	public void setAllocator(SocketOptions.Allocator allocator) {
		this.allocator = allocator;
	}

	public int getConnectionsPerNode() {
		return this.connectionsPerNode;
	}

	public void setConnectionsPerNode(int connectionsPerNode) {
		this.connectionsPerNode = connectionsPerNode;
	}

	public int getIoThreads() {
		return this.ioThreads;
	}

	public void setIoThreads(int ioThreads) {
		this.ioThreads = ioThreads;
	}

	public Duration getFrameTimeout() {
		return this.frameTimeout;
	}

	public void setFrameTimeout(Duration frameTimeout) {
		this.frameTimeout = frameTimeout;
	}

	public int getMaxAcceptedConnections() {
		return this.maxAcceptedConnections;
	}

	public void setMaxAcceptedConnections(int maxAcceptedConnections) {
		this.maxAcceptedConnections = maxAcceptedConnections;
	}

	public @Nullable CallbackExecutor getCallbackExecutor() {
		return this.callbackExecutor;
	}

	public void setCallbackExecutor(@Nullable CallbackExecutor callbackExecutor) {
		this.callbackExecutor = callbackExecutor;
	}

	public @Nullable Integer getCallbackPoolSize() {
		return this.callbackPoolSize;
	}

	public void setCallbackPoolSize(@Nullable Integer callbackPoolSize) {
		this.callbackPoolSize = callbackPoolSize;
	}

	public StuckNode getStuckNode() {
		return this.stuckNode;
	}

	public Reconnect getReconnect() {
		return this.reconnect;
	}

	public Topology getTopology() {
		return this.topology;
	}

	public ShardLocation getShardLocation() {
		return this.shardLocation;
	}

	public Buffer getBuffer() {
		return this.buffer;
	}

	public Ssl getSsl() {
		return this.ssl;
	}

	public Health getHealth() {
		return this.health;
	}

	public Embedded getEmbedded() {
		return this.embedded;
	}

	public Map<String, Entity> getEntities() {
		return this.entities;
	}

	public void setEntities(Map<String, Entity> entities) {
		this.entities = entities;
	}

	/**
	 * Where ask futures complete.
	 */
	public enum CallbackExecutor {

		/** On the client's I/O threads, as the core client does: callbacks must never block. */
		IO_THREAD,

		/** On a pool of callback-pool-size threads. */
		POOL,

		/** On a virtual thread per completion (Java 21 or later). */
		VIRTUAL

	}

	/**
	 * Detection of nodes that are connected but do not read.
	 */
	public static class StuckNode {

		/**
		 * Asks in a row that may time out on a node that sent nothing meanwhile before its
		 * connection is closed and it is marked failed; 0 turns this check off.
		 */
		private int askTimeouts = StuckNodeOptions.DEFAULT_ASK_TIMEOUTS;

		/**
		 * Longest time a connection's write buffer may stay full before the node is marked
		 * failed.
		 */
		private Duration writeTimeout = StuckNodeOptions.DEFAULT_WRITE_TIMEOUT;

		public int getAskTimeouts() {
			return this.askTimeouts;
		}

		public void setAskTimeouts(int askTimeouts) {
			this.askTimeouts = askTimeouts;
		}

		public Duration getWriteTimeout() {
			return this.writeTimeout;
		}

		public void setWriteTimeout(Duration writeTimeout) {
			this.writeTimeout = writeTimeout;
		}

	}

	/**
	 * Reconnect back-off settings.
	 */
	public static class Reconnect {

		/**
		 * First delay before reconnecting to a node.
		 */
		private Duration minBackoff = ReconnectOptions.DEFAULT_MIN_BACKOFF;

		/**
		 * Longest delay before reconnecting to a node.
		 */
		private Duration maxBackoff = ReconnectOptions.DEFAULT_MAX_BACKOFF;

		/**
		 * Jitter factor applied to reconnect delays, 0-1.
		 */
		private double jitter = ReconnectOptions.DEFAULT_JITTER;

		public Duration getMinBackoff() {
			return this.minBackoff;
		}

		public void setMinBackoff(Duration minBackoff) {
			this.minBackoff = minBackoff;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public double getJitter() {
			return this.jitter;
		}

		public void setJitter(double jitter) {
			this.jitter = jitter;
		}

	}

	/**
	 * Topology subscription settings.
	 */
	public static class Topology {

		/**
		 * Interval between topology polls.
		 */
		private Duration pollInterval = TopologyOptions.DEFAULT_POLL_INTERVAL;

		/**
		 * Silence after which the topology contact is replaced by another member.
		 */
		private Duration timeout = TopologyOptions.DEFAULT_TIMEOUT;

		public Duration getPollInterval() {
			return this.pollInterval;
		}

		public void setPollInterval(Duration pollInterval) {
			this.pollInterval = pollInterval;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

	/**
	 * How shard locations the topology does not give are asked from the leader's
	 * coordinator.
	 */
	public static class ShardLocation {

		/**
		 * How long to wait for one shard location answer before asking again.
		 */
		private Duration timeout = ShardLocationOptions.DEFAULT_TIMEOUT;

		/**
		 * Delay before the first re-ask of an unanswered shard location; attempt n waits n
		 * times as long, up to the retry max backoff.
		 */
		private Duration retryMinBackoff = ShardLocationOptions.DEFAULT_RETRY_MIN_BACKOFF;

		/**
		 * Longest delay between re-asks of an unanswered shard location.
		 */
		private Duration retryMaxBackoff = ShardLocationOptions.DEFAULT_RETRY_MAX_BACKOFF;

		/**
		 * Jitter factor applied to the delays between re-asks, 0-1.
		 */
		private double retryJitter = ShardLocationOptions.DEFAULT_RETRY_JITTER;

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public Duration getRetryMinBackoff() {
			return this.retryMinBackoff;
		}

		public void setRetryMinBackoff(Duration retryMinBackoff) {
			this.retryMinBackoff = retryMinBackoff;
		}

		public Duration getRetryMaxBackoff() {
			return this.retryMaxBackoff;
		}

		public void setRetryMaxBackoff(Duration retryMaxBackoff) {
			this.retryMaxBackoff = retryMaxBackoff;
		}

		public double getRetryJitter() {
			return this.retryJitter;
		}

		public void setRetryJitter(double retryJitter) {
			this.retryJitter = retryJitter;
		}

	}

	/**
	 * Limits of the buffers holding messages while shard locations are resolved.
	 */
	public static class Buffer {

		/**
		 * Messages buffered per shard.
		 */
		private int maxPerShard = BufferOptions.DEFAULT_MAX_PER_SHARD;

		/**
		 * Messages buffered per shard type.
		 */
		private int maxPerType = BufferOptions.DEFAULT_MAX_PER_TYPE;

		/**
		 * Encoded bytes of the messages buffered per shard type.
		 */
		private DataSize maxBytesPerType = DataSize.ofBytes(BufferOptions.DEFAULT_MAX_BYTES_PER_TYPE);

		/**
		 * Longest time a message waits in a buffer before it is dropped.
		 */
		private Duration timeout = BufferOptions.DEFAULT_TIMEOUT;

		public int getMaxPerShard() {
			return this.maxPerShard;
		}

		public void setMaxPerShard(int maxPerShard) {
			this.maxPerShard = maxPerShard;
		}

		public int getMaxPerType() {
			return this.maxPerType;
		}

		public void setMaxPerType(int maxPerType) {
			this.maxPerType = maxPerType;
		}

		public DataSize getMaxBytesPerType() {
			return this.maxBytesPerType;
		}

		public void setMaxBytesPerType(DataSize maxBytesPerType) {
			this.maxBytesPerType = maxBytesPerType;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

	/**
	 * TLS settings.
	 */
	public static class Ssl {

		/**
		 * Name of the SSL bundle (spring.ssl.bundle.*) used for connections to nodes. Plain
		 * TCP when not set.
		 */
		private @Nullable String bundle;

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

	}

	/**
	 * Health indicator settings.
	 */
	public static class Health {

		/**
		 * Longest time a health check may take before it reports DOWN.
		 */
		private Duration timeout = Duration.ofSeconds(2);

		/**
		 * Oldest topology snapshot age still reported UP. Defaults to three topology poll
		 * intervals plus the topology timeout, 11s when those keep their defaults.
		 */
		private @Nullable Duration maxTopologyAge;

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public @Nullable Duration getMaxTopologyAge() {
			return this.maxTopologyAge;
		}

		public void setMaxTopologyAge(@Nullable Duration maxTopologyAge) {
			this.maxTopologyAge = maxTopologyAge;
		}

	}

	/**
	 * In-JVM development cluster settings. Needs casty-testkit on the classpath.
	 */
	public static class Embedded {

		/**
		 * Whether to start an in-JVM Casty-compatible cluster hosting the application's
		 * CastyEmbeddedEntity and CastyEmbeddedService beans, and connect the client to it.
		 */
		private boolean enabled;

		/**
		 * Number of nodes of the embedded cluster.
		 */
		private int nodes = 3;

		/**
		 * Casty distributed structures the embedded nodes host, as real nodes create them
		 * with system.distributed().
		 */
		private final Distributed distributed = new Distributed();

		public Distributed getDistributed() {
			return this.distributed;
		}

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getNodes() {
			return this.nodes;
		}

		public void setNodes(int nodes) {
			this.nodes = nodes;
		}

	}

	/**
	 * Distributed structures hosted by the embedded cluster, with Casty's default shard
	 * counts.
	 */
	public static class Distributed {

		/**
		 * Names of the counters to host.
		 */
		private List<String> counters = new ArrayList<>();

		/**
		 * Names of the maps to host.
		 */
		private List<String> maps = new ArrayList<>();

		/**
		 * Names of the sets to host.
		 */
		private List<String> sets = new ArrayList<>();

		/**
		 * Names of the queues to host.
		 */
		private List<String> queues = new ArrayList<>();

		/**
		 * Names of the locks to host.
		 */
		private List<String> locks = new ArrayList<>();

		/**
		 * Semaphores to host, by name, with their number of permits.
		 */
		private Map<String, Integer> semaphores = new LinkedHashMap<>();

		/**
		 * Names of the barriers to host.
		 */
		private List<String> barriers = new ArrayList<>();

		/**
		 * Whether the structures reproduce Casty v0.21.0's traps (waiters granted after they
		 * gave up, replaced barrier arrivals never answered).
		 */
		private boolean traps = true;

		public List<String> getCounters() {
			return this.counters;
		}

		public void setCounters(List<String> counters) {
			this.counters = counters;
		}

		public List<String> getMaps() {
			return this.maps;
		}

		public void setMaps(List<String> maps) {
			this.maps = maps;
		}

		public List<String> getSets() {
			return this.sets;
		}

		public void setSets(List<String> sets) {
			this.sets = sets;
		}

		public List<String> getQueues() {
			return this.queues;
		}

		public void setQueues(List<String> queues) {
			this.queues = queues;
		}

		public List<String> getLocks() {
			return this.locks;
		}

		public void setLocks(List<String> locks) {
			this.locks = locks;
		}

		public Map<String, Integer> getSemaphores() {
			return this.semaphores;
		}

		public void setSemaphores(Map<String, Integer> semaphores) {
			this.semaphores = semaphores;
		}

		public List<String> getBarriers() {
			return this.barriers;
		}

		public void setBarriers(List<String> barriers) {
			this.barriers = barriers;
		}

		public boolean isTraps() {
			return this.traps;
		}

		public void setTraps(boolean traps) {
			this.traps = traps;
		}

	}

	/**
	 * An entity type exposed as an EntityRef bean.
	 */
	public static class Entity {

		/**
		 * Shard count of the type, as every node uses it.
		 */
		private @Nullable Integer shards;

		/**
		 * Fully qualified name of the message type (usually a sealed interface of records
		 * annotated with CastyMessage).
		 */
		private @Nullable String messageType;

		public @Nullable Integer getShards() {
			return this.shards;
		}

		public void setShards(@Nullable Integer shards) {
			this.shards = shards;
		}

		public @Nullable String getMessageType() {
			return this.messageType;
		}

		public void setMessageType(@Nullable String messageType) {
			this.messageType = messageType;
		}

	}

}
