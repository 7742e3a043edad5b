package io.casty.testkit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.casty.client.protocol.CastyFrameDecoder;
import io.casty.client.protocol.codec.Compression;
import io.casty.client.protocol.codec.PayloadFormat;
import io.netty.handler.ssl.SslContext;
import org.jspecify.annotations.Nullable;

/**
 * The immutable configuration of a {@link CastyTestCluster}, as its builder left it, checked
 * once: one port per node, services and restricted types on existing nodes.
 *
 * @param nodes the number of nodes
 * @param systemName the system (cluster) name
 * @param host the host nodes bind to and advertise
 * @param ports each node's port, 0 for ephemeral
 * @param format the payload serializer
 * @param compression the payload compression
 * @param compressionLevel its level
 * @param messageTypes application message types
 * @param pushInterval the interval of periodic snapshot pushes
 * @param failureDetection the delay from a kill to unreachable and down, zero to disable
 * @param resurrectAfterDown whether the failure sequence ends in the resurrection bug
 * @param blacklist how long a failed dial's address is dropped
 * @param dialTimeout connect and handshake-reply timeout of dials
 * @param maxFrameLength the largest frame accepted
 * @param acceptUnknownTypes whether unknown {@code _type}s are delivered as dataclass values
 * @param pipelinedHandshake whether node handshakes declare {@code "pipelined": true}
 * @param serverSsl TLS served on every node's port, or null
 * @param shardedTypes the hosted sharded types by name, in configuration order
 * @param services the hosted services
 */
record ClusterConfig(int nodes, String systemName, String host, List<Integer> ports, PayloadFormat format,
		Compression compression, int compressionLevel, List<Class<?>> messageTypes, Duration pushInterval,
		Duration failureDetection, boolean resurrectAfterDown, Duration blacklist, Duration dialTimeout,
		int maxFrameLength, boolean acceptUnknownTypes, boolean pipelinedHandshake, @Nullable SslContext serverSsl,
		Map<String, ShardedTypeSpec> shardedTypes, List<ServiceSpec> services) {

	ClusterConfig {
		Objects.requireNonNull(systemName, "systemName");
		Objects.requireNonNull(host, "host");
		ports = List.copyOf(ports);
		messageTypes = List.copyOf(messageTypes);
		shardedTypes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(shardedTypes));
		services = List.copyOf(services);
		if (ports.size() != nodes) {
			throw new IllegalArgumentException(
					ports.size() + " ports given for " + nodes + " nodes; give one port per node");
		}
		for (ServiceSpec service : services) {
			if (service.nodeIndex() < 0 || service.nodeIndex() >= nodes) {
				throw new IllegalArgumentException("Service '" + service.key() + "' is on node " + service.nodeIndex()
						+ " but the cluster has nodes 0-" + (nodes - 1));
			}
		}
		for (ShardedTypeSpec spec : shardedTypes.values()) {
			for (int index : spec.nodeIndexes()) {
				if (index < 0 || index >= nodes) {
					throw new IllegalArgumentException("Shard type '" + spec.type() + "' is hosted on node " + index
							+ " but the cluster has nodes 0-" + (nodes - 1));
				}
			}
		}
	}

	@Nullable ShardedTypeSpec shardedType(String type) {
		return this.shardedTypes.get(type);
	}

	List<ServiceSpec> servicesOf(int nodeIndex) {
		return this.services.stream().filter((s) -> s.nodeIndex() == nodeIndex).toList();
	}

	CastyFrameDecoder frameDecoder() {
		return new CastyFrameDecoder(this.maxFrameLength);
	}

}
