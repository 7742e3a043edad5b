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
import java.util.stream.IntStream;

import io.casty.client.protocol.CastyFrameDecoder;
import io.casty.client.protocol.codec.Compression;
import io.casty.client.protocol.codec.PayloadFormat;
import org.jspecify.annotations.Nullable;

/**
 * The settings of {@link CastyTestCluster.Builder}, which inherits them: every setter, and
 * the immutable {@link ClusterConfig} they add up to. Kept apart so the cluster's own class
 * stays readable, as {@code AbstractStringBuilder} is kept apart from {@code StringBuilder}.
 *
 * @param <B> the concrete builder
 */
abstract class AbstractClusterBuilder<B extends AbstractClusterBuilder<B>> {

	private int nodes = 1;

	private String systemName = CastyTestCluster.DEFAULT_SYSTEM_NAME;

	private String host = CastyTestCluster.DEFAULT_HOST;

	private int[] ports = { 0 };

	private boolean portsSet;

	private PayloadFormat format = PayloadFormat.JSON;

	private Compression compression = Compression.NONE;

	private int compressionLevel = Compression.DEFAULT_LEVEL;

	private final Set<Class<?>> messageTypes = new LinkedHashSet<>();

	private Duration pushInterval = CastyTestCluster.DEFAULT_PUSH_INTERVAL;

	private Duration failureDetection = CastyTestCluster.DEFAULT_FAILURE_DETECTION;

	private boolean resurrectAfterDown;

	private Duration blacklist = CastyTestCluster.DEFAULT_BLACKLIST;

	private Duration dialTimeout = CastyTestCluster.DEFAULT_DIAL_TIMEOUT;

	private int maxFrameLength = CastyFrameDecoder.DEFAULT_MAX_FRAME_LENGTH;

	private boolean acceptUnknownTypes;

	private boolean pipelinedHandshake = true;

	private io.netty.handler.ssl.@Nullable SslContext serverSsl;

	private final List<ShardedTypeSpec> shardedTypes = new ArrayList<>();

	private final List<ServiceSpec> services = new ArrayList<>();

	AbstractClusterBuilder() {
	}

	abstract B self();

	/**
	 * Sets the number of nodes; default 1.
	 * @param count at least 1
	 * @return this builder
	 */
	public B nodes(int count) {
		if (count < 1) {
			throw new IllegalArgumentException("A cluster needs at least one node, got " + count);
		}
		this.nodes = count;
		return self();
	}

	/**
	 * Sets the system (cluster) name; default {@link CastyTestCluster#DEFAULT_SYSTEM_NAME}.
	 * @param name the name, without '@' or '/'
	 * @return this builder
	 */
	public B systemName(String name) {
		Objects.requireNonNull(name, "name");
		if (name.isEmpty() || name.indexOf('@') >= 0 || name.indexOf('/') >= 0) {
			throw new IllegalArgumentException("System name '" + name + "' must be non-empty without '@' or '/'");
		}
		this.systemName = name;
		return self();
	}

	/**
	 * Sets the host nodes bind to and advertise; default {@link CastyTestCluster#DEFAULT_HOST}.
	 * @param host an IP literal or name without ':'
	 * @return this builder
	 */
	public B host(String host) {
		Objects.requireNonNull(host, "host");
		if (host.isEmpty() || host.indexOf(':') >= 0) {
			throw new IllegalArgumentException("Host '" + host + "' must be non-empty without ':' (no IPv6 literals)");
		}
		this.host = host;
		return self();
	}

	/**
	 * Sets each node's port, in node order; 0 picks an ephemeral port. Default: all 0.
	 * @param ports one per node
	 * @return this builder
	 */
	public B ports(int... ports) {
		for (int port : ports) {
			if (port < 0 || port > 65535) {
				throw new IllegalArgumentException("Port " + port + " is outside 0-65535");
			}
		}
		this.ports = ports.clone();
		this.portsSet = true;
		return self();
	}

	/**
	 * Sets the payload serializer; default JSON.
	 * @param format the format all nodes and clients use
	 * @return this builder
	 */
	public B format(PayloadFormat format) {
		this.format = Objects.requireNonNull(format, "format");
		return self();
	}

	/**
	 * Sets payload compression; default none.
	 * @param compression the algorithm
	 * @param level 0-9
	 * @return this builder
	 */
	public B compression(Compression compression, int level) {
		this.compression = Objects.requireNonNull(compression, "compression");
		this.compressionLevel = level;
		return self();
	}

	/**
	 * Registers the application message types entities and services receive and send.
	 * @param types {@code @CastyMessage} records and enums
	 * @return this builder
	 */
	public B messageTypes(Class<?>... types) {
		this.messageTypes.addAll(Arrays.asList(types));
		return self();
	}

	/**
	 * Sets the interval of periodic snapshot pushes, standing for the gossip-driven pushes
	 * of a multi-node cluster; default {@link CastyTestCluster#DEFAULT_PUSH_INTERVAL}. A one-node cluster
	 * never pushes periodically, as a real one. {@code Duration.ZERO} disables them.
	 * @param interval the interval
	 * @return this builder
	 */
	public B pushInterval(Duration interval) {
		this.pushInterval = Objects.requireNonNull(interval, "interval");
		return self();
	}

	/**
	 * Sets the delay between a {@link TestNode#kill()} and the automatic unreachable, down
	 * and reallocation sequence; default {@link CastyTestCluster#DEFAULT_FAILURE_DETECTION}.
	 * {@code Duration.ZERO} disables it, so a test drives the sequence itself.
	 * @param delay the delay
	 * @return this builder
	 */
	public B failureDetection(Duration delay) {
		this.failureDetection = Objects.requireNonNull(delay, "delay");
		return self();
	}

	/**
	 * Disables automatic failure detection.
	 * @return this builder
	 */
	public B noFailureDetection() {
		return failureDetection(Duration.ZERO);
	}

	/**
	 * Sets whether the automatic failure sequence ends as in v0.21.0: the downed member is
	 * resurrected as an {@code up} zombie and pushes stop (§6.6). Default false.
	 * @param enabled whether to reproduce the bug
	 * @return this builder
	 */
	public B resurrectAfterDown(boolean enabled) {
		this.resurrectAfterDown = enabled;
		return self();
	}

	/**
	 * Sets how long a node drops messages for an address it failed to dial; default
	 * {@link CastyTestCluster#DEFAULT_BLACKLIST}.
	 * @param duration the duration
	 * @return this builder
	 */
	public B blacklist(Duration duration) {
		this.blacklist = Objects.requireNonNull(duration, "duration");
		return self();
	}

	/**
	 * Sets the connect and handshake-reply timeout of dials; default
	 * {@link CastyTestCluster#DEFAULT_DIAL_TIMEOUT}.
	 * @param timeout the timeout
	 * @return this builder
	 */
	public B dialTimeout(Duration timeout) {
		this.dialTimeout = Objects.requireNonNull(timeout, "timeout");
		return self();
	}

	/**
	 * Serves TLS on every node's port, as a Casty node configured with {@code TlsConfig}
	 * (build the context with {@code clientAuth(REQUIRE)} for Casty's mutual TLS). Nodes
	 * still dial clients back in plain TCP.
	 * @param serverContext the server-side context
	 * @return this builder
	 */
	public B tls(io.netty.handler.ssl.SslContext serverContext) {
		this.serverSsl = Objects.requireNonNull(serverContext, "serverContext");
		return self();
	}

	/**
	 * Sets the largest frame (and decompressed payload) nodes accept; longer frames are
	 * skipped. Default {@link CastyFrameDecoder#DEFAULT_MAX_FRAME_LENGTH}.
	 * @param bytes the limit
	 * @return this builder
	 */
	public B maxFrameLength(int bytes) {
		if (bytes < 64) {
			throw new IllegalArgumentException("maxFrameLength must be at least 64 bytes, was " + bytes);
		}
		this.maxFrameLength = bytes;
		return self();
	}

	/**
	 * Sets whether messages naming an unregistered {@code _type} are delivered to entities
	 * and services as {@link io.casty.client.DataclassValue}; default false: dropped, as a
	 * Casty node drops a type it cannot import.
	 * @param accept whether to deliver them
	 * @return this builder
	 */
	public B acceptUnknownTypes(boolean accept) {
		this.acceptUnknownTypes = accept;
		return self();
	}

	/**
	 * Sets whether each node's handshake declares {@code "pipelined": true}: the test node
	 * reads a connection's messages without waiting for each to be handled, and a client
	 * choosing its connections per node from the nodes then opens one. Default true. With
	 * false the handshake carries only host and port, as a Casty v0.21.0 node's does (it
	 * handles one message of a connection at a time), so a client at its defaults connects
	 * as it would to real Casty.
	 * @param declare whether to declare pipelined reads
	 * @return this builder
	 */
	public B pipelinedHandshake(boolean declare) {
		this.pipelinedHandshake = declare;
		return self();
	}

	/**
	 * Hosts a sharded type on every node, without replicas.
	 * @param type the shard type
	 * @param numShards the shard count clients use
	 * @param factory creates entities
	 * @return this builder
	 */
	public B shardedType(String type, int numShards, EntityFactory factory) {
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
	public B shardedType(String type, int numShards, int replicas, EntityFactory factory) {
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
	public B shardedType(String type, int numShards, int replicas, Set<Integer> nodeIndexes,
			EntityFactory factory) {
		if (this.shardedTypes.stream().anyMatch((s) -> s.type().equals(type))) {
			throw new IllegalArgumentException("Shard type '" + type + "' is already configured");
		}
		this.shardedTypes.add(new ShardedTypeSpec(type, numShards, replicas, nodeIndexes, factory));
		return self();
	}

	/**
	 * Hosts a discoverable service on one node and lists it in the registry.
	 * @param key the service key
	 * @param path the actor path, for example {@code /payment-svc}
	 * @param nodeIndex the hosting node
	 * @param behavior the behaviour (the same object across restarts)
	 * @return this builder
	 */
	public B service(String key, String path, int nodeIndex, ServiceBehavior behavior) {
		this.services.add(new ServiceSpec(key, path, nodeIndex, behavior));
		return self();
	}

	/** The immutable configuration these settings add up to, checked. */
	ClusterConfig toConfig() {
		List<Integer> resolved = new ArrayList<>();
		if (this.portsSet) {
			Arrays.stream(this.ports).forEach(resolved::add);
		}
		else {
			IntStream.range(0, this.nodes).forEach((i) -> resolved.add(0));
		}
		Map<String, ShardedTypeSpec> types = new LinkedHashMap<>();
		this.shardedTypes.forEach((spec) -> types.put(spec.type(), spec));
		return new ClusterConfig(this.nodes, this.systemName, this.host, resolved, this.format,
				this.compression, this.compressionLevel, List.copyOf(this.messageTypes), this.pushInterval,
				this.failureDetection, this.resurrectAfterDown, this.blacklist, this.dialTimeout,
				this.maxFrameLength, this.acceptUnknownTypes, this.pipelinedHandshake, this.serverSsl, types, this.services);
	}

	/** Copies every setting into another builder. */
	void copyTo(AbstractClusterBuilder<?> copy) {
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
		copy.pipelinedHandshake = this.pipelinedHandshake;
		copy.serverSsl = this.serverSsl;
		copy.shardedTypes.addAll(this.shardedTypes);
		copy.services.addAll(this.services);
	}

}
