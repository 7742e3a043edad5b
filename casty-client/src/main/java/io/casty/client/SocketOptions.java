package io.casty.client;

import java.time.Duration;
import java.util.function.UnaryOperator;

import reactor.netty.tcp.TcpClient;

/**
 * How the client opens and feeds its connections to nodes: timeouts of the TCP connect and
 * of Casty's handshake, I/O threads, connections per node and the outbound bytes a
 * connection may queue. Immutable; build with {@link #builder()} or change a copy with
 * {@link #mutate()}.
 *
 * @since 0.1.0
 */
public final class SocketOptions {

	/** Default TCP connect timeout, as Casty nodes use: 2 s. */
	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);

	/** Default wait for a node's handshake reply, as Casty nodes use: 2 s. */
	public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(2);

	/** Default number of I/O threads: the number of processors, at most 4. */
	public static final int DEFAULT_IO_THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

	/**
	 * Default connections per node: 0, chosen from the nodes. A Casty v0.21.0 node handles
	 * one message of a connection at a time (it awaits each message's deserialization before
	 * reading the next frame, and writes the replies to one peer one at a time), so several
	 * connections, each under its own client identity, let a node work on several of the
	 * client's messages at once. A node that declares in its handshake that it reads a
	 * connection's messages without waiting ({@code "pipelined": true}, as the testkit's
	 * nodes do) gains nothing from more, and each extra connection carries fewer messages
	 * per write. So, unless set: once the first node the client dialled has answered its
	 * handshake, the client uses {@link #CONNECTIONS_PER_CASTY_NODE} connections per node,
	 * or 1 if that node declared {@code "pipelined": true}; until then every message takes
	 * connection 0, and the entity ids and actor paths it went to keep connection 0 after
	 * the choice, so that their messages stay in order. With a fixed listen or advertised port, or an advertised host without
	 * a listener or advertised port, the client uses 1 connection per node unless set (it
	 * does not take ports it was not given).
	 */
	public static final int DEFAULT_CONNECTIONS_PER_NODE = 0;

	/**
	 * Connections per node the client chooses for nodes that handle one message of a
	 * connection at a time (Casty v0.21.0), unless {@link #connectionsPerNode()} is set: 4.
	 * Against three Casty v0.21.0 nodes sharing two cores with the client, 4 connections per
	 * node instead of 1 raised tells by 36-59 % and asks at 64 in flight by 5-64 % (benchmarks
	 * README, "Real Casty v0.21.0"); 8 gave no more.
	 */
	public static final int CONNECTIONS_PER_CASTY_NODE = 4;

	/** Largest number of connections per node: 16. */
	public static final int MAX_CONNECTIONS_PER_NODE = 16;

	/** Default outbound bytes queued per connection before sends are refused: 8 MiB. */
	public static final int DEFAULT_MAX_PENDING_WRITE_BYTES = 8 * 1024 * 1024;

	/**
	 * Default source of the connections' buffers: {@link Allocator#POOLED}. With Netty's
	 * default allocator each socket read and each write of a frame costs a
	 * {@code java.nio.ByteBuffer} view of the buffer, 64 bytes, where a pooled buffer keeps
	 * its view: against the 3-node testkit cluster the pooled allocator took the bytes the
	 * client allocates per ask at 1 in flight from 670-694 to 575-588 (benchmarks README,
	 * issue 16, fourth sitting).
	 */
	public static final Allocator DEFAULT_ALLOCATOR = Allocator.POOLED;

	private static final SocketOptions DEFAULTS = new SocketOptions(DEFAULT_CONNECT_TIMEOUT,
			DEFAULT_HANDSHAKE_TIMEOUT, DEFAULT_IO_THREADS, DEFAULT_CONNECTIONS_PER_NODE,
			DEFAULT_MAX_PENDING_WRITE_BYTES, UnaryOperator.identity(), DEFAULT_ALLOCATOR);

	private final Duration connectTimeout;

	private final Duration handshakeTimeout;

	private final int ioThreads;

	private final int connectionsPerNode;

	private final int maxPendingWriteBytes;

	private final UnaryOperator<TcpClient> tcpClientCustomizer;

	private final Allocator allocator;

	private SocketOptions(Duration connectTimeout, Duration handshakeTimeout, int ioThreads, int connectionsPerNode,
			int maxPendingWriteBytes, UnaryOperator<TcpClient> tcpClientCustomizer, Allocator allocator) {
		this.connectTimeout = connectTimeout;
		this.handshakeTimeout = handshakeTimeout;
		this.ioThreads = ioThreads;
		this.connectionsPerNode = connectionsPerNode;
		this.maxPendingWriteBytes = maxPendingWriteBytes;
		this.tcpClientCustomizer = tcpClientCustomizer;
		this.allocator = allocator;
	}

	/**
	 * The settings of every {@code DEFAULT_*} constant.
	 * @return the default options
	 */
	public static SocketOptions defaults() {
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
	 * TCP connect timeout (see {@link #DEFAULT_CONNECT_TIMEOUT}).
	 * @return the timeout
	 */
	public Duration connectTimeout() {
		return this.connectTimeout;
	}

	/**
	 * Wait for a node's handshake reply, and for the handshake of a node that dialed the
	 * client (see {@link #DEFAULT_HANDSHAKE_TIMEOUT}).
	 * @return the timeout
	 */
	public Duration handshakeTimeout() {
		return this.handshakeTimeout;
	}

	/**
	 * Number of I/O threads (see {@link #DEFAULT_IO_THREADS}).
	 * @return the count
	 */
	public int ioThreads() {
		return this.ioThreads;
	}

	/**
	 * Connections per node, or 0 when the client chooses them from the nodes (the default,
	 * see {@link #DEFAULT_CONNECTIONS_PER_NODE}). Connection {@code k} has its own identity:
	 * with a fixed client or advertised port {@code p} it uses port {@code p + k}. Messages
	 * for one entity or actor always take the same connection, except that those sent
	 * before the client's first handshake while the count is being chosen take connection 0.
	 * @return the count, 1 to {@link #MAX_CONNECTIONS_PER_NODE}, or 0 if chosen from the nodes
	 */
	public int connectionsPerNode() {
		return this.connectionsPerNode;
	}

	/**
	 * Outbound bytes queued per connection before sends are refused (see
	 * {@link #DEFAULT_MAX_PENDING_WRITE_BYTES}).
	 * @return the limit in bytes
	 */
	public int maxPendingWriteBytes() {
		return this.maxPendingWriteBytes;
	}

	/**
	 * Where the buffers of the client's connections come from (see {@link #DEFAULT_ALLOCATOR}).
	 * A {@link #tcpClientCustomizer()} that sets {@code ChannelOption.ALLOCATOR} overrides it
	 * for the connections the client dials.
	 * @return the allocator
	 */
	public Allocator allocator() {
		return this.allocator;
	}

	/**
	 * Applied to every Reactor Netty {@link TcpClient} the client creates; the identity by
	 * default.
	 * @return the customizer
	 */
	public UnaryOperator<TcpClient> tcpClientCustomizer() {
		return this.tcpClientCustomizer;
	}

	/**
	 * Builds {@link SocketOptions}; every method checks its value at once.
	 */
	public static final class Builder {

		private SocketOptions value;

		private Builder(SocketOptions value) {
			this.value = value;
		}

		/**
		 * Sets the TCP connect timeout (see {@link SocketOptions#DEFAULT_CONNECT_TIMEOUT}).
		 * @param connectTimeout positive
		 * @return this builder
		 * @throws InvalidOptionException if not positive
		 */
		public Builder connectTimeout(Duration connectTimeout) {
			SocketOptions v = this.value;
			this.value = new SocketOptions(OptionChecks.positive(connectTimeout, "socket.connectTimeout"),
					v.handshakeTimeout, v.ioThreads, v.connectionsPerNode, v.maxPendingWriteBytes,
					v.tcpClientCustomizer, v.allocator);
			return this;
		}

		/**
		 * Sets the handshake timeout (see {@link SocketOptions#handshakeTimeout()}).
		 * @param handshakeTimeout positive
		 * @return this builder
		 * @throws InvalidOptionException if not positive
		 */
		public Builder handshakeTimeout(Duration handshakeTimeout) {
			SocketOptions v = this.value;
			this.value = new SocketOptions(v.connectTimeout,
					OptionChecks.positive(handshakeTimeout, "socket.handshakeTimeout"), v.ioThreads,
					v.connectionsPerNode, v.maxPendingWriteBytes, v.tcpClientCustomizer, v.allocator);
			return this;
		}

		/**
		 * Sets the number of I/O threads (see {@link SocketOptions#DEFAULT_IO_THREADS}).
		 * @param ioThreads at least 1
		 * @return this builder
		 * @throws InvalidOptionException if less than 1
		 */
		public Builder ioThreads(int ioThreads) {
			SocketOptions v = this.value;
			this.value = new SocketOptions(v.connectTimeout, v.handshakeTimeout,
					OptionChecks.atLeastOne(ioThreads, "socket.ioThreads"), v.connectionsPerNode,
					v.maxPendingWriteBytes, v.tcpClientCustomizer, v.allocator);
			return this;
		}

		/**
		 * Sets the connections per node (see {@link SocketOptions#connectionsPerNode()}).
		 * @param connectionsPerNode 1 to {@link SocketOptions#MAX_CONNECTIONS_PER_NODE}, or 0
		 * to choose them from the nodes (see {@link SocketOptions#DEFAULT_CONNECTIONS_PER_NODE})
		 * @return this builder
		 * @throws InvalidOptionException if out of range
		 */
		public Builder connectionsPerNode(int connectionsPerNode) {
			SocketOptions v = this.value;
			this.value = new SocketOptions(v.connectTimeout, v.handshakeTimeout, v.ioThreads,
					OptionChecks.between(connectionsPerNode, 0, MAX_CONNECTIONS_PER_NODE, "socket.connectionsPerNode",
							"must be 0 (chosen from the nodes) or 1-" + MAX_CONNECTIONS_PER_NODE),
					v.maxPendingWriteBytes, v.tcpClientCustomizer, v.allocator);
			return this;
		}

		/**
		 * Sets the outbound bytes queued per connection (see
		 * {@link SocketOptions#DEFAULT_MAX_PENDING_WRITE_BYTES}).
		 * @param maxPendingWriteBytes at least 1
		 * @return this builder
		 * @throws InvalidOptionException if less than 1
		 */
		public Builder maxPendingWriteBytes(int maxPendingWriteBytes) {
			SocketOptions v = this.value;
			this.value = new SocketOptions(v.connectTimeout, v.handshakeTimeout, v.ioThreads, v.connectionsPerNode,
					OptionChecks.atLeastOne(maxPendingWriteBytes, "socket.maxPendingWriteBytes"),
					v.tcpClientCustomizer, v.allocator);
			return this;
		}

		/**
		 * Sets what is applied to every {@link TcpClient} the client creates.
		 * @param tcpClientCustomizer the customizer
		 * @return this builder
		 * @throws InvalidOptionException if null
		 */
		public Builder tcpClientCustomizer(UnaryOperator<TcpClient> tcpClientCustomizer) {
			SocketOptions v = this.value;
			this.value = new SocketOptions(v.connectTimeout, v.handshakeTimeout, v.ioThreads, v.connectionsPerNode,
					v.maxPendingWriteBytes, OptionChecks.notNull(tcpClientCustomizer, "socket.tcpClientCustomizer"), v.allocator);
			return this;
		}

		/**
		 * Sets where the connections' buffers come from (see {@link SocketOptions#DEFAULT_ALLOCATOR}).
		 * @param allocator the allocator
		 * @return this builder
		 * @throws InvalidOptionException if null
		 */
		public Builder allocator(Allocator allocator) {
			SocketOptions v = this.value;
			this.value = new SocketOptions(v.connectTimeout, v.handshakeTimeout, v.ioThreads, v.connectionsPerNode,
					v.maxPendingWriteBytes, v.tcpClientCustomizer, OptionChecks.notNull(allocator, "socket.allocator"));
			return this;
		}

		/**
		 * Returns the options.
		 * @return the options
		 */
		public SocketOptions build() {
			return this.value;
		}

	}

	/**
	 * Where the buffers of the client's connections (those it dials and those nodes open to
	 * its listener) come from.
	 */
	public enum Allocator {

		/**
		 * Netty's {@code PooledByteBufAllocator.DEFAULT}: direct buffers from per-thread
		 * caches of the I/O threads, for reads and for the frames the I/O threads write.
		 * Messages are still encoded on the calling thread into Netty's default allocator (a
		 * pooled buffer taken there and freed on an I/O thread would cost a new buffer object
		 * each time); small frames are copied into pooled buffers as they are written, several
		 * into one when they queue together. Holds direct memory in chunks of 4 MiB:
		 * about one chunk per I/O thread (each thread takes its own arena), so up to 16 MiB
		 * with 4 I/O threads, shared with everything else in the JVM that uses
		 * {@code PooledByteBufAllocator.DEFAULT}.
		 */
		POOLED,

		/**
		 * Netty's default allocator ({@code ByteBufAllocator.DEFAULT}, adaptive in Netty
		 * 4.2) for reads and writes too. Starts from 128 KiB of direct memory, but costs a
		 * 64-byte {@code ByteBuffer} view per socket read and per buffer written; choose it
		 * for the smallest footprint, or to keep the client on the allocator the rest of the
		 * application uses.
		 */
		ADAPTIVE

	}

}
