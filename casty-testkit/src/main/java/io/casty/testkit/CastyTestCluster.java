package io.casty.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.casty.client.protocol.CastyFrameDecoder;
import io.casty.client.protocol.codec.Compression;
import io.casty.client.protocol.codec.MessageCodec;
import io.casty.client.protocol.codec.MessageTypeRegistry;
import io.casty.client.protocol.codec.PayloadFormat;
import io.casty.client.protocol.messages.NodeAddress;
import io.casty.client.protocol.messages.ServiceEntry;
import io.casty.client.protocol.messages.TopologySnapshot;
import io.casty.client.routing.ShardHash;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-JVM cluster of nodes that look like Casty v0.21.0 nodes to clients: handshake and
 * race rule, topology subscriptions and pushes, lazy shard allocation by the leader's
 * coordinator, regions that create entities without ownership checks, the receptionist, and
 * replies delivered through the connection filed under the recipient's identity (dialling it
 * when there is none). All nodes share one membership, allocation and registry state, as
 * gossip converges to.
 * <p>
 * Faults can be injected while it runs: {@link TestNode#kill()} and
 * {@link TestNode#restart()}, a whole-cluster restart with new allocations
 * ({@link #stopAll()}, {@link #startAll(long)}), {@link #markUnreachable(int)}, {@link #markDown(int)} and the
 * anomalies of v0.21.0: {@link #resurrect(int)}, {@link #stopPushes()},
 * {@link #loseNextAllocationUpdate(String)}, {@link #allocateShard(String, long, int)}.
 *
 * <pre class="code">
 * try (CastyTestCluster cluster = CastyTestCluster.builder()
 *         .nodes(3)
 *         .messageTypes(Increment.class, GetCount.class)
 *         .shardedType("counter", 100, (id) -&gt; new CounterEntity())
 *         .start()) {
 *     List&lt;NodeAddress&gt; contacts = cluster.contactPoints();
 *     ...
 * }
 * </pre>
 *
 * @since 0.1.0
 */
public final class CastyTestCluster implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(CastyTestCluster.class);

	/** Default system (cluster) name. */
	public static final String DEFAULT_SYSTEM_NAME = "casty-test";

	/** Default host nodes bind to and advertise. */
	public static final String DEFAULT_HOST = "127.0.0.1";

	/** Default interval of periodic snapshot pushes in clusters of more than one node. */
	public static final Duration DEFAULT_PUSH_INTERVAL = Duration.ofMillis(500);

	/** Default delay from a node kill to it being declared unreachable and down. */
	public static final Duration DEFAULT_FAILURE_DETECTION = Duration.ofSeconds(1);

	/** Default blacklist period after a failed dial, as Casty's transport. */
	public static final Duration DEFAULT_BLACKLIST = Duration.ofSeconds(5);

	/** Default connect and handshake-reply timeout when a node dials a ref's address. */
	public static final Duration DEFAULT_DIAL_TIMEOUT = Duration.ofSeconds(2);

	private final Builder config;

	private final MessageCodec codec;

	private final Map<String, ShardedTypeSpec> shardedTypes;

	private final List<TestNode> nodes = new ArrayList<>();


	private final ExecutorService dialExecutor;

	private final ScheduledExecutorService timer;

	private final Object publishLock = new Object();

	private volatile ClusterState state;

	private volatile boolean pushesStopped;

	private volatile boolean allStopped;

	private volatile boolean closed;

	private CastyTestCluster(Builder config) {
		this.config = config;
		MessageTypeRegistry registry = MessageTypeRegistry.withProtocolTypes();
		config.messageTypes.forEach(registry::register);
		this.codec = new MessageCodec(registry, config.format, config.compression, config.compressionLevel,
				config.maxFrameLength);
		Map<String, ShardedTypeSpec> types = new LinkedHashMap<>();
		config.shardedTypes.forEach((spec) -> types.put(spec.type(), spec));
		this.shardedTypes = Map.copyOf(types);
		this.dialExecutor = Executors.newCachedThreadPool(daemonThreads("casty-test-dial"));
		this.timer = Executors.newSingleThreadScheduledExecutor(daemonThreads("casty-test-timer"));
		for (int i = 0; i < config.nodes; i++) {
			this.nodes.add(new TestNode(this, i, config.ports[i]));
		}
		this.state = new ClusterState(List.of(), List.of(), Map.of());
	}

	/**
	 * Starts configuring a cluster.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	private void start() {
		try {
			int previous = 0;
			for (TestNode node : this.nodes) {
				if (node.configuredPort() == 0 && previous > 0) {
					startAbove(node, previous);
				}
				else {
					node.start();
				}
				previous = node.address().port();
			}
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
		this.state = new ClusterState(this.nodes.stream().map(TestNode::address).toList(),
				this.nodes.stream().map(TestNode::id).toList(), this.shardedTypes);
		for (ServiceSpec service : this.config.services) {
			TestNode node = this.nodes.get(service.nodeIndex());
			this.state.register(new ServiceEntry(service.key(), node.address(),
					service.path()));
		}
		long interval = this.config.pushInterval.toMillis();
		if (this.nodes.size() > 1 && interval > 0) {
			this.timer.scheduleAtFixedRate(this::publish, interval, interval, TimeUnit.MILLISECONDS);
		}
		logger.info("Casty test cluster '{}' started: {}", this.config.systemName, this.nodes);
	}

	/**
	 * Binds an ephemeral-port node just above the previous node's port when possible, so
	 * that addresses ascend with node indexes and node 0 is the leader, as the seed of the
	 * captured clusters.
	 */
	private static void startAbove(TestNode node, int previous) {
		for (int port = previous + 1; port <= Math.min(65535, previous + 100); port++) {
			try {
				node.start(port);
				return;
			}
			catch (TestClusterException ex) {
				// taken; try the next one
			}
		}
		node.start(0);
	}

	// ---- accessors ----------------------------------------------------------------------

	/**
	 * Returns the addresses of all nodes, in node order, for a client's contact points.
	 * @return the addresses
	 */
	public List<NodeAddress> contactPoints() {
		return this.nodes.stream().map(TestNode::address).toList();
	}

	/**
	 * Returns a node.
	 * @param index from 0
	 * @return the node
	 */
	public TestNode node(int index) {
		if (index < 0 || index >= this.nodes.size()) {
			throw new IndexOutOfBoundsException(
					"Node index " + index + " is outside 0-" + (this.nodes.size() - 1) + " of this cluster");
		}
		return this.nodes.get(index);
	}

	/**
	 * Returns all nodes, in order.
	 * @return the nodes
	 */
	public List<TestNode> nodes() {
		return List.copyOf(this.nodes);
	}

	/**
	 * Returns the system (cluster) name nodes put in their URIs.
	 * @return the name
	 */
	public String systemName() {
		return this.config.systemName;
	}

	/**
	 * Returns the codec nodes use, configured with the builder's format, compression and
	 * message types; handy for test clients.
	 * @return the codec
	 */
	public MessageCodec codec() {
		return this.codec;
	}

	/**
	 * Returns the snapshot nodes currently send to subscribers.
	 * @return the shared snapshot
	 */
	public TopologySnapshot snapshot() {
		return this.state.snapshot();
	}

	/**
	 * Returns the leader as snapshots show it: the lowest {@code up} member, which may be a
	 * dead zombie after {@link #resurrect(int)}.
	 * @return the leader, or null if no member is up
	 */
	public @Nullable NodeAddress leader() {
		return this.state.leader();
	}

	/**
	 * Returns the shard of an entity of a configured type, with the type's shard count.
	 * @param shardType the type
	 * @param entityId the entity id
	 * @return the shard
	 */
	public long shardOf(String shardType, String entityId) {
		ShardedTypeSpec spec = this.shardedTypes.get(shardType);
		if (spec == null) {
			throw new IllegalArgumentException("Shard type '" + shardType + "' is not configured on this cluster");
		}
		return ShardHash.shardOf(entityId, spec.numShards());
	}

	/**
	 * Whether snapshot pushes are stopped ({@link #stopPushes()}).
	 * @return whether stopped
	 */
	public boolean pushesStopped() {
		return this.pushesStopped;
	}

	// ---- faults -------------------------------------------------------------------------

	/**
	 * Lists a member in {@code unreachable} while it stays {@code up} (vector 18) and pushes.
	 * @param index the node
	 */
	public void markUnreachable(int index) {
		if (this.state.markUnreachable(node(index).address())) {
			publish();
		}
	}

	/**
	 * Marks a member {@code down} and drops its registry entries (one push, vector 19), then
	 * lets each shard type's coordinator react: shards it held as primary move to their first
	 * replica or are removed, it leaves every replica list, epoch + 1 and one push per type
	 * (vector 20), unless {@link #loseNextAllocationUpdate(String)} was requested for the type.
	 * @param index the node
	 */
	public void markDown(int index) {
		NodeAddress address = node(index).address();
		if (this.state.markDown(address)) {
			publish();
		}
		for (String type : this.state.typesHolding(address)) {
			if (this.state.reallocateAfterLoss(type, address)) {
				publish();
			}
			else {
				logger.info("Allocation update of '{}' after the loss of {} was lost on purpose", type, address);
			}
		}
	}

	/**
	 * Reproduces the resurrection bug of v0.21.0 (vector 21): the member is {@code up} again
	 * and no longer unreachable, although its node stays dead. Pushes once.
	 * @param index the node
	 */
	public void resurrect(int index) {
		this.state.resurrect(node(index).address());
		publish();
	}

	/**
	 * Reproduces gossip starvation: no more snapshot pushes, periodic or on changes, until
	 * {@link #resumePushes()}. {@code SubscribeTopology} is still answered immediately.
	 */
	public void stopPushes() {
		this.pushesStopped = true;
	}

	/**
	 * Resumes snapshot pushes and pushes the current state at once.
	 */
	public void resumePushes() {
		this.pushesStopped = false;
		publish();
	}

	/**
	 * Makes the next failure-driven reallocation of a type be applied by its coordinator (the
	 * leader answers {@code GetShardLocation} from the new table) but never published:
	 * snapshots, and followers answering from them, keep the stale table until the next
	 * published allocation change of that type (as the rejected epoch of §6.3).
	 * @param shardType the type
	 */
	public void loseNextAllocationUpdate(String shardType) {
		this.state.loseNextAllocationUpdate(shardType);
	}

	/**
	 * Forces a shard onto a node, dead or alive (as coordinators may allocate to a zombie),
	 * bumps the epoch and pushes.
	 * @param shardType the type
	 * @param shard the shard
	 * @param index the node
	 */
	public void allocateShard(String shardType, long shard, int index) {
		this.state.force(shardType, shard, node(index).address());
		publish();
	}

	/**
	 * Stops every node at once, as a whole-cluster shutdown: server sockets and connections
	 * closed, entities and subscribers forgotten. Nobody is left to detect failures, so the
	 * shared state keeps the last membership and allocations until {@link #startAll(long)}.
	 */
	public void stopAll() {
		this.allStopped = true;
		for (TestNode node : this.nodes) {
			node.kill();
		}
	}

	/**
	 * Starts every node again after {@link #stopAll()}, on the same ports, as new incarnations
	 * of a cluster that starts from scratch, as a restarted Casty cluster does: members
	 * {@code up}, services registered again, no shard allocated, the allocation epoch
	 * counting from {@code firstEpoch} (lower or higher than before, as in real restarts),
	 * and a coordinator that allocates each shard to another node than its pre-restart primary
	 * whenever another node hosts the type, so every route a client learned before the
	 * restart is stale. Pushes once.
	 * @param firstEpoch the allocation epoch of the first snapshot after the restart
	 * @throws IllegalStateException if a node is running
	 */
	public void startAll(long firstEpoch) {
		synchronized (this.publishLock) {
			if (this.nodes.stream().anyMatch(TestNode::isRunning)) {
				throw new IllegalStateException("startAll() needs every node stopped; call stopAll() first");
			}
			ClusterState fresh = this.state.restarted(firstEpoch);
			for (ServiceSpec service : this.config.services) {
				fresh.register(new ServiceEntry(service.key(), this.nodes.get(service.nodeIndex()).address(),
						service.path()));
			}
			// The fresh state first: a client connecting to a started node must see the new cluster.
			this.state = fresh;
			this.allStopped = false;
			for (TestNode node : this.nodes) {
				node.start();
			}
		}
		logger.info("Casty test cluster '{}' restarted from scratch at epoch {}: {}", this.config.systemName,
				firstEpoch, this.nodes);
		publish();
	}

	/**
	 * {@link #stopAll()} then {@link #startAll(long)} with the epoch counting from 0.
	 */
	public void restartAll() {
		stopAll();
		startAll(0);
	}

	/**
	 * Returns the allocation epoch of the current snapshot.
	 * @return the epoch
	 */
	public long allocationEpoch() {
		return this.state.epoch();
	}

	/**
	 * Allocates every shard of a type that has none yet, round robin over the {@code up}
	 * nodes hosting the type, without replicas, as a cluster that has served every shard
	 * holds them; bumps the epoch once and pushes once. Allocating shard by shard with
	 * {@link #allocateShard(String, long, int)} republishes the whole table each time, which
	 * takes minutes for tens of thousands of shards.
	 * @param shardType a type configured on the builder
	 * @return the number of shards allocated now
	 * @throws IllegalArgumentException if the type is not configured
	 * @throws IllegalStateException if no node can host it
	 */
	public int allocateAllShards(String shardType) {
		int allocated = this.state.allocateAll(shardType);
		publish();
		return allocated;
	}

	/**
	 * Pushes the current snapshot to every subscriber of every running node now, unless
	 * pushes are stopped.
	 */
	public void publish() {
		if (this.pushesStopped || this.closed) {
			return;
		}
		synchronized (this.publishLock) {
			byte[] payload = encodedSnapshot();
			for (TestNode node : this.nodes) {
				if (node.isRunning()) {
					node.submit((incarnation) -> incarnation.pushSnapshot(payload));
				}
			}
		}
	}

	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		this.timer.shutdownNow();
		for (TestNode node : this.nodes) {
			node.shutdown();
		}
		this.dialExecutor.shutdownNow();
	}

	// ---- internals used by nodes ---------------------------------------------------------

	void nodeKilled(TestNode node, long generation) {
		Duration delay = this.config.failureDetection;
		if (this.closed || this.allStopped || delay.isZero() || delay.isNegative()) {
			return;
		}
		this.timer.schedule(() -> {
			if (node.isRunning() || node.generation() != generation || this.closed || this.allStopped) {
				return;
			}
			logger.info("Failure detection: {} is unreachable, then down", node);
			markUnreachable(node.index());
			markDown(node.index());
			if (this.config.resurrectAfterDown) {
				resurrect(node.index());
				stopPushes();
			}
		}, delay.toMillis(), TimeUnit.MILLISECONDS);
	}

	void nodeRestarted(TestNode node) {
		List<ServiceEntry> entries = new ArrayList<>();
		for (ServiceSpec service : servicesOf(node.index())) {
			entries.add(new ServiceEntry(service.key(), node.address(),
					service.path()));
		}
		this.state.rejoin(node.address(), entries);
		publish();
	}

	byte[] encodedSnapshot() {
		return this.codec.encode(this.state.snapshot());
	}

	ClusterState state() {
		return this.state;
	}

	@Nullable TestNode nodeAt(NodeAddress address) {
		for (TestNode node : this.nodes) {
			if (node.isStartedAt(address)) {
				return node;
			}
		}
		return null;
	}

	boolean isRunning(NodeAddress address) {
		TestNode node = nodeAt(address);
		return node != null && node.isRunning();
	}

	@Nullable ShardedTypeSpec shardedType(String type) {
		return this.shardedTypes.get(type);
	}

	List<ServiceSpec> servicesOf(int nodeIndex) {
		return this.config.services.stream().filter((s) -> s.nodeIndex() == nodeIndex).toList();
	}


	ExecutorService dialExecutor() {
		return this.dialExecutor;
	}

	io.netty.handler.ssl.@Nullable SslContext serverSsl() {
		return this.config.serverSsl;
	}

	CastyFrameDecoder frameDecoder() {
		return new CastyFrameDecoder(this.config.maxFrameLength);
	}

	String host() {
		return this.config.host;
	}

	Duration dialTimeout() {
		return this.config.dialTimeout;
	}

	Duration blacklistDuration() {
		return this.config.blacklist;
	}

	boolean acceptUnknownTypes() {
		return this.config.acceptUnknownTypes;
	}

	private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
		AtomicInteger counter = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	/**
	 * Configures a {@link CastyTestCluster}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private int nodes = 1;

		private String systemName = DEFAULT_SYSTEM_NAME;

		private String host = DEFAULT_HOST;

		private int[] ports = { 0 };

		private boolean portsSet;

		private PayloadFormat format = PayloadFormat.JSON;

		private Compression compression = Compression.NONE;

		private int compressionLevel = Compression.DEFAULT_LEVEL;

		private final Set<Class<?>> messageTypes = new LinkedHashSet<>();

		private Duration pushInterval = DEFAULT_PUSH_INTERVAL;

		private Duration failureDetection = DEFAULT_FAILURE_DETECTION;

		private boolean resurrectAfterDown;

		private Duration blacklist = DEFAULT_BLACKLIST;

		private Duration dialTimeout = DEFAULT_DIAL_TIMEOUT;

		private int maxFrameLength = CastyFrameDecoder.DEFAULT_MAX_FRAME_LENGTH;

		private boolean acceptUnknownTypes;

		private io.netty.handler.ssl.@Nullable SslContext serverSsl;

		private final List<ShardedTypeSpec> shardedTypes = new ArrayList<>();

		private final List<ServiceSpec> services = new ArrayList<>();

		private Builder() {
		}

		/**
		 * Sets the number of nodes; default 1.
		 * @param count at least 1
		 * @return this builder
		 */
		public Builder nodes(int count) {
			if (count < 1) {
				throw new IllegalArgumentException("A cluster needs at least one node, got " + count);
			}
			this.nodes = count;
			return this;
		}

		/**
		 * Sets the system (cluster) name; default {@link #DEFAULT_SYSTEM_NAME}.
		 * @param name the name, without '@' or '/'
		 * @return this builder
		 */
		public Builder systemName(String name) {
			Objects.requireNonNull(name, "name");
			if (name.isEmpty() || name.indexOf('@') >= 0 || name.indexOf('/') >= 0) {
				throw new IllegalArgumentException("System name '" + name + "' must be non-empty without '@' or '/'");
			}
			this.systemName = name;
			return this;
		}

		/**
		 * Sets the host nodes bind to and advertise; default {@link #DEFAULT_HOST}.
		 * @param host an IP literal or name without ':'
		 * @return this builder
		 */
		public Builder host(String host) {
			Objects.requireNonNull(host, "host");
			if (host.isEmpty() || host.indexOf(':') >= 0) {
				throw new IllegalArgumentException("Host '" + host + "' must be non-empty without ':' (no IPv6 literals)");
			}
			this.host = host;
			return this;
		}

		/**
		 * Sets each node's port, in node order; 0 picks an ephemeral port. Default: all 0.
		 * @param ports one per node
		 * @return this builder
		 */
		public Builder ports(int... ports) {
			for (int port : ports) {
				if (port < 0 || port > 65535) {
					throw new IllegalArgumentException("Port " + port + " is outside 0-65535");
				}
			}
			this.ports = ports.clone();
			this.portsSet = true;
			return this;
		}

		/**
		 * Sets the payload serializer; default JSON.
		 * @param format the format all nodes and clients use
		 * @return this builder
		 */
		public Builder format(PayloadFormat format) {
			this.format = Objects.requireNonNull(format, "format");
			return this;
		}

		/**
		 * Sets payload compression; default none.
		 * @param compression the algorithm
		 * @param level 0-9
		 * @return this builder
		 */
		public Builder compression(Compression compression, int level) {
			this.compression = Objects.requireNonNull(compression, "compression");
			this.compressionLevel = level;
			return this;
		}

		/**
		 * Registers the application message types entities and services receive and send.
		 * @param types {@code @CastyMessage} records and enums
		 * @return this builder
		 */
		public Builder messageTypes(Class<?>... types) {
			this.messageTypes.addAll(Arrays.asList(types));
			return this;
		}

		/**
		 * Sets the interval of periodic snapshot pushes, standing for the gossip-driven pushes
		 * of a multi-node cluster; default {@link #DEFAULT_PUSH_INTERVAL}. A one-node cluster
		 * never pushes periodically, as a real one. {@code Duration.ZERO} disables them.
		 * @param interval the interval
		 * @return this builder
		 */
		public Builder pushInterval(Duration interval) {
			this.pushInterval = Objects.requireNonNull(interval, "interval");
			return this;
		}

		/**
		 * Sets the delay between a {@link TestNode#kill()} and the automatic unreachable, down
		 * and reallocation sequence; default {@link #DEFAULT_FAILURE_DETECTION}.
		 * {@code Duration.ZERO} disables it, so a test drives the sequence itself.
		 * @param delay the delay
		 * @return this builder
		 */
		public Builder failureDetection(Duration delay) {
			this.failureDetection = Objects.requireNonNull(delay, "delay");
			return this;
		}

		/**
		 * Disables automatic failure detection.
		 * @return this builder
		 */
		public Builder noFailureDetection() {
			return failureDetection(Duration.ZERO);
		}

		/**
		 * Sets whether the automatic failure sequence ends as in v0.21.0: the downed member is
		 * resurrected as an {@code up} zombie and pushes stop (§6.6). Default false.
		 * @param enabled whether to reproduce the bug
		 * @return this builder
		 */
		public Builder resurrectAfterDown(boolean enabled) {
			this.resurrectAfterDown = enabled;
			return this;
		}

		/**
		 * Sets how long a node drops messages for an address it failed to dial; default
		 * {@link #DEFAULT_BLACKLIST}.
		 * @param duration the duration
		 * @return this builder
		 */
		public Builder blacklist(Duration duration) {
			this.blacklist = Objects.requireNonNull(duration, "duration");
			return this;
		}

		/**
		 * Sets the connect and handshake-reply timeout of dials; default
		 * {@link #DEFAULT_DIAL_TIMEOUT}.
		 * @param timeout the timeout
		 * @return this builder
		 */
		public Builder dialTimeout(Duration timeout) {
			this.dialTimeout = Objects.requireNonNull(timeout, "timeout");
			return this;
		}

		/**
		 * Serves TLS on every node's port, as a Casty node configured with {@code TlsConfig}
		 * (build the context with {@code clientAuth(REQUIRE)} for Casty's mutual TLS). Nodes
		 * still dial clients back in plain TCP.
		 * @param serverContext the server-side context
		 * @return this builder
		 */
		public Builder tls(io.netty.handler.ssl.SslContext serverContext) {
			this.serverSsl = Objects.requireNonNull(serverContext, "serverContext");
			return this;
		}

		/**
		 * Sets the largest frame (and decompressed payload) nodes accept; longer frames are
		 * skipped. Default {@link CastyFrameDecoder#DEFAULT_MAX_FRAME_LENGTH}.
		 * @param bytes the limit
		 * @return this builder
		 */
		public Builder maxFrameLength(int bytes) {
			if (bytes < 64) {
				throw new IllegalArgumentException("maxFrameLength must be at least 64 bytes, was " + bytes);
			}
			this.maxFrameLength = bytes;
			return this;
		}

		/**
		 * Sets whether messages naming an unregistered {@code _type} are delivered to entities
		 * and services as {@link io.casty.client.DataclassValue}; default false: dropped, as a
		 * Casty node drops a type it cannot import.
		 * @param accept whether to deliver them
		 * @return this builder
		 */
		public Builder acceptUnknownTypes(boolean accept) {
			this.acceptUnknownTypes = accept;
			return this;
		}

		/**
		 * Hosts a sharded type on every node, without replicas.
		 * @param type the shard type
		 * @param numShards the shard count clients use
		 * @param factory creates entities
		 * @return this builder
		 */
		public Builder shardedType(String type, int numShards, EntityFactory factory) {
			return shardedType(type, numShards, 0, factory);
		}

		/**
		 * Hosts a sharded type on every node.
		 * @param type the shard type
		 * @param numShards the shard count clients use
		 * @param replicas replicas per shard the coordinator picks (metadata, as in v0.21.0)
		 * @param factory creates entities
		 * @return this builder
		 */
		public Builder shardedType(String type, int numShards, int replicas, EntityFactory factory) {
			return shardedType(type, numShards, replicas, Set.of(), factory);
		}

		/**
		 * Hosts a sharded type on some nodes only.
		 * @param type the shard type
		 * @param numShards the shard count clients use
		 * @param replicas replicas per shard
		 * @param nodeIndexes the hosting nodes; empty means all
		 * @param factory creates entities
		 * @return this builder
		 */
		public Builder shardedType(String type, int numShards, int replicas, Set<Integer> nodeIndexes,
				EntityFactory factory) {
			if (this.shardedTypes.stream().anyMatch((s) -> s.type().equals(type))) {
				throw new IllegalArgumentException("Shard type '" + type + "' is already configured");
			}
			this.shardedTypes.add(new ShardedTypeSpec(type, numShards, replicas, nodeIndexes, factory));
			return this;
		}

		/**
		 * Hosts a discoverable service on one node and lists it in the registry.
		 * @param key the service key
		 * @param path the actor path, for example {@code /payment-svc}
		 * @param nodeIndex the hosting node
		 * @param behavior the behaviour (the same object across restarts)
		 * @return this builder
		 */
		public Builder service(String key, String path, int nodeIndex, ServiceBehavior behavior) {
			this.services.add(new ServiceSpec(key, path, nodeIndex, behavior));
			return this;
		}

		/**
		 * Binds every node and starts the cluster.
		 * @return the running cluster
		 * @throws TestClusterException if a port cannot be bound
		 */
		public CastyTestCluster start() {
			int[] resolved = new int[this.nodes];
			if (this.portsSet) {
				if (this.ports.length != this.nodes) {
					throw new IllegalArgumentException(
							this.ports.length + " ports given for " + this.nodes + " nodes; give one port per node");
				}
				resolved = this.ports.clone();
			}
			for (ServiceSpec service : this.services) {
				if (service.nodeIndex() < 0 || service.nodeIndex() >= this.nodes) {
					throw new IllegalArgumentException("Service '" + service.key() + "' is on node "
							+ service.nodeIndex() + " but the cluster has nodes 0-" + (this.nodes - 1));
				}
			}
			for (ShardedTypeSpec spec : this.shardedTypes) {
				for (int index : spec.nodeIndexes()) {
					if (index < 0 || index >= this.nodes) {
						throw new IllegalArgumentException("Shard type '" + spec.type() + "' is hosted on node " + index
								+ " but the cluster has nodes 0-" + (this.nodes - 1));
					}
				}
			}
			Builder copy = copy();
			copy.ports = resolved;
			CastyTestCluster cluster = new CastyTestCluster(copy);
			cluster.start();
			return cluster;
		}

		/**
		 * Copies this builder, so one configuration can start several clusters.
		 * @return the copy
		 */
		public Builder copy() {
			Builder copy = new Builder();
			copy.nodes = this.nodes;
			copy.systemName = this.systemName;
			copy.host = this.host;
			copy.ports = this.ports.clone();
			copy.portsSet = this.portsSet;
			copy.format = this.format;
			copy.compression = this.compression;
			copy.compressionLevel = this.compressionLevel;
			copy.messageTypes.addAll(this.messageTypes);
			copy.pushInterval = this.pushInterval;
			copy.failureDetection = this.failureDetection;
			copy.resurrectAfterDown = this.resurrectAfterDown;
			copy.blacklist = this.blacklist;
			copy.dialTimeout = this.dialTimeout;
			copy.maxFrameLength = this.maxFrameLength;
			copy.acceptUnknownTypes = this.acceptUnknownTypes;
			copy.serverSsl = this.serverSsl;
			copy.shardedTypes.addAll(this.shardedTypes);
			copy.services.addAll(this.services);
			return copy;
		}

	}

}
