package io.casty.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import io.casty.client.BufferOptions;
import io.casty.client.CastyClientOptions;
import io.casty.client.CodecOptions;
import io.casty.client.InvalidOptionException;
import io.casty.client.ListenOptions;
import io.casty.client.NodeAddress;
import io.casty.client.ReconnectOptions;
import io.casty.client.ShardLocationOptions;
import io.casty.client.SocketOptions;
import io.casty.client.StuckNodeOptions;
import io.casty.client.TlsOptions;
import io.casty.client.TopologyOptions;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.thread.Threading;
import org.springframework.core.env.Environment;

/**
 * Maps {@link CastyClientProperties} and the {@link CastyConnectionDetails} to a
 * {@link CastyClientOptions.Builder}, one method per option group. A value the options
 * reject fails with {@link InvalidCastyConfigurationException} naming the property, e.g.
 * {@code casty.client.ask-timeout must be positive, was -1s}.
 */
final class CastyClientOptionsMapper {

	private static final String PREFIX = "casty.client.";

	private final CastyClientProperties properties;

	CastyClientOptionsMapper(CastyClientProperties properties) {
		this.properties = properties;
	}

	/**
	 * Returns a builder holding every property and the connection details.
	 * @param details where the cluster is
	 * @return the builder
	 */
	CastyClientOptions.Builder builder(CastyConnectionDetails details, CastyCallbackExecutor callbacks) {
		List<NodeAddress> contactPoints = details.getContactPoints();
		if (contactPoints.isEmpty()) {
			throw InvalidCastyConfigurationException.noContactPoints();
		}
		CastyClientOptions.Builder builder = CastyClientOptions.builder().contactPoints(contactPoints);
		CastyClientProperties p = this.properties;
		set("system-name", details.getSystemName(), builder::systemName);
		set("ask-timeout", p.getAskTimeout(), builder::askTimeout);
		set("max-pending-asks", p.getMaxPendingAsks(), builder::maxPendingAsks);
		builder.callbackExecutor(callbacks.executor());
		builder.socket(this::socket)
			.reconnect(this::reconnect)
			.listen(this::listen)
			.topology(this::topology)
			.shardLocation(this::shardLocation)
			.buffer(this::buffer)
			.codec(this::codec)
			.stuckNode(this::stuckNode)
			.tls(tls(details.getSslBundle()));
		return builder;
	}

	void socket(SocketOptions.Builder socket) {
		CastyClientProperties p = this.properties;
		set("connect-timeout", p.getConnectTimeout(), socket::connectTimeout);
		set("handshake-timeout", p.getHandshakeTimeout(), socket::handshakeTimeout);
		if (p.getIoThreads() < 0) {
			throw new InvalidCastyConfigurationException(
					PREFIX + "io-threads must be 0 (one per processor, at most 4) or more, was " + p.getIoThreads(),
					"Correct " + PREFIX + "io-threads.", null);
		}
		if (p.getIoThreads() > 0) {
			set("io-threads", p.getIoThreads(), socket::ioThreads);
		}
		set("connections-per-node", p.getConnectionsPerNode(), socket::connectionsPerNode);
		set("max-pending-write-bytes", p.getMaxPendingWriteBytes(), socket::maxPendingWriteBytes);
		set("allocator", p.getAllocator(), socket::allocator);
	}

	void reconnect(ReconnectOptions.Builder reconnect) {
		CastyClientProperties.Reconnect p = this.properties.getReconnect();
		set("reconnect.min-backoff", p.getMinBackoff(), reconnect::minBackoff);
		set("reconnect.max-backoff", p.getMaxBackoff(), reconnect::maxBackoff);
		set("reconnect.jitter", p.getJitter(), reconnect::jitter);
	}

	void listen(ListenOptions.Builder listen) {
		CastyClientProperties p = this.properties;
		listen.enabled(p.isListen());
		set("client-host", p.getClientHost(), listen::host);
		set("client-port", p.getClientPort(), listen::port);
		listen.advertisedHost(p.getAdvertisedHost());
		set("advertised-port", p.getAdvertisedPort(), listen::advertisedPort);
		set("max-accepted-connections", p.getMaxAcceptedConnections(), listen::maxAcceptedConnections);
	}

	void topology(TopologyOptions.Builder topology) {
		CastyClientProperties.Topology p = this.properties.getTopology();
		set("topology.poll-interval", p.getPollInterval(), topology::pollInterval);
		set("topology.timeout", p.getTimeout(), topology::timeout);
	}

	void shardLocation(ShardLocationOptions.Builder shardLocation) {
		CastyClientProperties.ShardLocation p = this.properties.getShardLocation();
		set("shard-location.timeout", p.getTimeout(), shardLocation::timeout);
		set("shard-location.retry-min-backoff", p.getRetryMinBackoff(), shardLocation::retryMinBackoff);
		set("shard-location.retry-max-backoff", p.getRetryMaxBackoff(), shardLocation::retryMaxBackoff);
		set("shard-location.retry-jitter", p.getRetryJitter(), shardLocation::retryJitter);
	}

	void buffer(BufferOptions.Builder buffer) {
		CastyClientProperties.Buffer p = this.properties.getBuffer();
		set("buffer.max-per-shard", p.getMaxPerShard(), buffer::maxPerShard);
		set("buffer.max-per-type", p.getMaxPerType(), buffer::maxPerType);
		set("buffer.max-bytes-per-type", (int) Math.min(Integer.MAX_VALUE, p.getMaxBytesPerType().toBytes()),
				buffer::maxBytesPerType);
		set("buffer.timeout", p.getTimeout(), buffer::timeout);
	}

	void codec(CodecOptions.Builder codec) {
		CastyClientProperties p = this.properties;
		set("serializer", p.getSerializer(), codec::format);
		set("compression", p.getCompression(), codec::compression);
		set("compression-level", p.getCompressionLevel(), codec::compressionLevel);
		set("max-frame-size", (int) Math.min(Integer.MAX_VALUE, p.getMaxFrameSize().toBytes()), codec::maxFrameSize);
		set("frame-timeout", p.getFrameTimeout(), codec::frameTimeout);
	}

	void stuckNode(StuckNodeOptions.Builder stuckNode) {
		CastyClientProperties.StuckNode p = this.properties.getStuckNode();
		set("stuck-node.ask-timeouts", p.getAskTimeouts(), stuckNode::askTimeouts);
		set("stuck-node.write-timeout", p.getWriteTimeout(), stuckNode::writeTimeout);
	}

	/**
	 * The callback executor {@code casty.client.callback-executor} asks for.
	 * @param properties the properties
	 * @param environment tells whether virtual threads are enabled
	 * @return the executor
	 */
	static CastyCallbackExecutor callbackExecutor(CastyClientProperties properties, Environment environment) {
		CastyClientProperties.CallbackExecutor kind = properties.getCallbackExecutor();
		if (kind == null) {
			kind = Threading.VIRTUAL.isActive(environment) ? CastyClientProperties.CallbackExecutor.VIRTUAL
					: CastyClientProperties.CallbackExecutor.POOL;
		}
		Integer size = properties.getCallbackPoolSize();
		if (size != null && size < 1) {
			throw new InvalidCastyConfigurationException(PREFIX + "callback-pool-size must be at least 1, was " + size,
					"Correct " + PREFIX + "callback-pool-size.", null);
		}
		return switch (kind) {
			case IO_THREAD -> CastyCallbackExecutor.ioThread();
			case POOL -> CastyCallbackExecutor
				.pool((size != null) ? size : Math.max(2, Runtime.getRuntime().availableProcessors()));
			case VIRTUAL -> virtualThreads();
		};
	}

	private static CastyCallbackExecutor virtualThreads() {
		try {
			return CastyCallbackExecutor.virtualThreads();
		}
		catch (UnsupportedOperationException ex) {
			throw new InvalidCastyConfigurationException(
					PREFIX + "callback-executor is virtual, but this JVM has no virtual threads",
					"Run on Java 21 or later, or set " + PREFIX + "callback-executor=pool.", ex);
		}
	}

	static TlsOptions tls(@Nullable SslBundle bundle) {
		return (bundle != null) ? TlsOptions.of(SslBundleSslContexts.forClient(bundle)) : TlsOptions.none();
	}

	private static <T> void set(String property, T value, Consumer<T> setter) {
		try {
			setter.accept(value);
		}
		catch (InvalidOptionException ex) {
			throw new InvalidCastyConfigurationException(
					PREFIX + property + " " + ex.getRequirement() + ", was " + format(value),
					"Correct " + PREFIX + property + ".", ex);
		}
	}

	/**
	 * Formats a value as it would be written in a property: durations in the largest unit
	 * that holds them exactly ({@code -1s}, {@code 250ms}).
	 */
	static String format(@Nullable Object value) {
		if (value instanceof Duration duration) {
			if (duration.toNanos() % 1_000_000 != 0) {
				return duration.toNanos() + "ns";
			}
			long millis = duration.toMillis();
			if (millis % 1000 != 0) {
				return millis + "ms";
			}
			long seconds = millis / 1000;
			if (seconds % 3600 == 0 && seconds != 0) {
				return (seconds / 3600) + "h";
			}
			return (seconds % 60 == 0 && seconds != 0) ? (seconds / 60) + "m" : seconds + "s";
		}
		return String.valueOf(value);
	}

}
