package io.casty.client.transport;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.casty.client.CastyClientListener;
import io.casty.client.CastyClientOptions;
import io.casty.client.CastyException;
import io.casty.client.ClientClosedException;
import io.casty.client.ConnectionsInfo;
import io.casty.client.NodeAddress;
import io.casty.client.NodeUnreachableException;
import io.casty.client.internal.LogLimiter;
import io.casty.client.protocol.CastyFrameDecoder;
import io.casty.client.protocol.CastyPaths;
import io.casty.client.protocol.FrameDecodingException;
import io.casty.client.protocol.FrameTooLongException;
import io.casty.client.protocol.Frame;
import io.casty.client.protocol.FrameCodec;
import io.casty.client.protocol.MessageHeader;
import io.casty.client.protocol.codec.MessageCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.resolver.DefaultAddressResolverGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;
import reactor.netty.tcp.TcpClient;
import reactor.netty.tcp.TcpServer;
import reactor.util.retry.Retry;

/**
 * One lane of the client's connections: under one client identity, at most one connection
 * per node, opened on demand, each with Casty's handshake. A node whose connection fails is marked failed: sends to it fail at once with
 * {@link NodeUnreachableException}, and it is reconnected in the background with jittered
 * exponential backoff until it answers or leaves the cluster. Also runs the listener that
 * accepts nodes dialling the client back.
 *
 * @since 0.1.0
 */
final class ConnectionLane implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ConnectionLane.class);

	private final LogLimiter logs = new LogLimiter(logger);

	private final CastyClientOptions options;

	/** This lane's index: its identity's port offset when ports are fixed. */
	private final int lane;

	private final MessageCodec codec;

	private final InboundFrames inbound;

	private final ConnectionEvents events;

	private final CastyClientListener listener;

	private final LoopResources loops;

	private final TcpClient tcpClient;

	private final Map<NodeAddress, NodeConnection> connections = new ConcurrentHashMap<>();

	private final Map<NodeAddress, NodeAddress> aliases = new ConcurrentHashMap<>();

	private final Map<NodeAddress, Failure> failures = new ConcurrentHashMap<>();

	/** Why each member's connection last failed, for operators; cleared when it leaves. */
	private final Map<NodeAddress, String> lastFailures = new ConcurrentHashMap<>();

	/** Connections nodes dialled to the client's listener, usable both ways as in Casty. */
	private final Map<NodeAddress, NodeConnection> accepted = new ConcurrentHashMap<>();

	private final ChannelGroup acceptedChannels = new DefaultChannelGroup("casty-client-accepted",
			GlobalEventExecutor.INSTANCE);

	/** Encoded headers by node, path and type hint. */
	private final Map<NodeAddress, Map<String, Map<String, byte[]>>> headers = new ConcurrentHashMap<>();

	private static final int MAX_CACHED_HINTS_PER_PATH = 64;

	private static final int MAX_CACHED_PATHS_PER_NODE = 256;

	private volatile @Nullable ClientIdentity identity;

	private volatile @Nullable DisposableServer server;

	private volatile boolean closed;

	private record Failure(CastyException cause, Disposable reconnect, Instant since, AtomicInteger attempts) {
	}

	ConnectionLane(int lane, CastyClientOptions options, MessageCodec codec, LoopResources loops, InboundFrames inbound,
			ConnectionEvents events) {
		this.lane = lane;
		this.options = options;
		this.codec = codec;
		this.loops = loops;
		this.inbound = inbound;
		this.events = events;
		this.listener = options.listener();
		int high = options.maxPendingWriteBytes();
		// The resolver goes first: runOn without one creates a DNS resolver for the client's
		// event loops and keeps it forever in a static cache of Reactor Netty, one per client.
		TcpClient client = TcpClient.newConnection()
			.resolver(DefaultAddressResolverGroup.INSTANCE)
			.runOn(loops)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.connectTimeout().toMillis())
			.option(ChannelOption.SO_KEEPALIVE, true)
			.option(ChannelOption.TCP_NODELAY, true)
			.option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(Math.max(1, high / 2), high));
		if (options.sslContext() != null) {
			client = client.secure((spec) -> spec.sslContext(options.sslContext()));
		}
		this.tcpClient = options.tcpClientCustomizer().apply(client);
	}

	/**
	 * Binds the dial-back listener (when enabled) and fixes the client's identity.
	 * @return the identity every ref and handshake carries
	 */
	ClientIdentity start() {
		String host;
		int port;
		Integer advertisedPort = this.options.advertisedPort();
		if (advertisedPort != null && advertisedPort != 0) {
			advertisedPort += this.lane;
		}
		if (this.options.listen()) {
			int clientPort = this.options.clientPort();
			DisposableServer bound = TcpServer.create()
				.runOn(this.loops)
				.host(this.options.clientHost())
				.port((clientPort == 0) ? 0 : clientPort + this.lane)
				.option(ChannelOption.SO_REUSEADDR, true)
				.childOption(ChannelOption.TCP_NODELAY, true)
				.childOption(ChannelOption.SO_KEEPALIVE, true)
				.doOnConnection((connection) -> {
					Channel ch = connection.channel();
					if (this.acceptedChannels.size() >= this.options.maxAcceptedConnections()) {
						// a node dials back once per lane: this many is a flood, not a cluster
						this.logs.warn("listener-full", "Closed a connection to the client's listener from {}: {} are "
								+ "open already (max-accepted-connections)", ch.remoteAddress(),
								this.options.maxAcceptedConnections());
						this.listener.inboundDropped("listener-full");
						ch.close();
						return;
					}
					this.acceptedChannels.add(ch);
					connection.addHandlerFirst("casty-frames",
							new CastyFrameDecoder(this.options.maxFrameSize(), this.options.frameTimeout()));
					AcceptedHandler handler = new AcceptedHandler();
					connection.addHandlerLast("casty-accepted", handler);
					ch.eventLoop().schedule(() -> handler.handshakeTimedOut(ch), this.options.handshakeTimeout().toNanos(),
							TimeUnit.NANOSECONDS);
					ch.config().setAutoRead(true);
				})
				.bindNow(this.options.connectTimeout().plusSeconds(5));
			this.server = bound;
			host = (this.options.advertisedHost() != null) ? this.options.advertisedHost() : this.options.clientHost();
			port = (advertisedPort != null) ? advertisedPort : ((InetSocketAddress) bound.address()).getPort();
		}
		else {
			// Undialable, unique, and sorting below every node address (spec: race rule).
			host = (this.options.advertisedHost() != null) ? this.options.advertisedHost()
					: "-jc-" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 16);
			port = (advertisedPort != null) ? advertisedPort : 0;
		}
		ClientIdentity id = new ClientIdentity(host, port, this.options.systemName());
		this.identity = id;
		return id;
	}

	private ClientIdentity identity() {
		ClientIdentity id = this.identity;
		if (id == null) {
			throw new IllegalStateException("ConnectionManager not started");
		}
		return id;
	}

	/**
	 * Encodes and sends a message to an actor path of a node, connecting first if needed.
	 * @param node the node
	 * @param path the actor path on it
	 * @param message the message
	 * @param failure told if the message, once accepted, cannot be written
	 * @throws NodeUnreachableException if the node is marked failed or its connection is closed
	 * @throws io.casty.client.BufferOverflowException if too many bytes wait for the node
	 * @throws io.casty.client.MessageCodecException if the message cannot be encoded
	 */
	void send(NodeAddress node, String path, @Nullable Object message, SendFailure failure) {
		if (this.closed) {
			throw new ClientClosedException("The Casty client is closed");
		}
		NodeConnection connection = connectionFor(node);
		ByteBuf frame = encode(node, path, message);
		connection.send(frame, failure);
	}

	private ByteBuf encode(NodeAddress node, String path, @Nullable Object message) {
		byte[] header = headerBytes(node, path, this.codec.typeHint(message));
		ByteBuf frame = ByteBufAllocator.DEFAULT.buffer(header.length + 128);
		try {
			FrameCodec.writeMessage(header, (buf) -> this.codec.encode(message, buf), frame);
			return frame;
		}
		catch (RuntimeException ex) {
			frame.release();
			throw ex;
		}
	}

	/** The header of a message to a path of a node, encoded once per type hint. */
	private byte[] headerBytes(NodeAddress node, String path, String typeHint) {
		Map<String, Map<String, byte[]>> byPath = this.headers.get(node);
		if (byPath == null) {
			byPath = this.headers.computeIfAbsent(node, (n) -> new ConcurrentHashMap<>());
		}
		Map<String, byte[]> byHint = byPath.get(path);
		if (byHint == null) {
			// Refs received in replies can name any path: cache a bounded number per node.
			byHint = (byPath.size() < MAX_CACHED_PATHS_PER_NODE)
					? byPath.computeIfAbsent(path, (p) -> new ConcurrentHashMap<>()) : new ConcurrentHashMap<>();
		}
		byte[] header = byHint.get(typeHint);
		if (header == null) {
			ClientIdentity id = identity();
			String target = CastyPaths.uri(id.clusterName(), node.host(), node.port(), path);
			header = FrameCodec.encodeHeader(new MessageHeader(target, id.senderUri(), typeHint));
			if (byHint.size() < MAX_CACHED_HINTS_PER_PATH) {
				byHint.put(typeHint, header);
			}
		}
		return header;
	}

	/**
	 * Whether a node is marked failed (its last connection attempt or connection failed and
	 * it has not answered since).
	 * @param node the node
	 * @return whether it is failed
	 */
	boolean isFailed(NodeAddress node) {
		return this.failures.containsKey(resolve(node));
	}

	/**
	 * Why a node is marked failed.
	 * @param node the node
	 * @return the cause, or {@code null} if it is not failed
	 */
	@Nullable CastyException failureOf(NodeAddress node) {
		Failure failure = this.failures.get(resolve(node));
		return (failure != null) ? failure.cause() : null;
	}

	/**
	 * Nodes with an open, ready connection.
	 * @return their canonical addresses
	 */
	List<NodeAddress> connectedNodes() {
		List<NodeAddress> nodes = new ArrayList<>();
		for (Map.Entry<NodeAddress, NodeConnection> entry : this.connections.entrySet()) {
			if (entry.getValue().state() == NodeConnection.State.READY && !this.aliases.containsKey(entry.getKey())) {
				nodes.add(entry.getValue().canonical());
			}
		}
		return nodes.stream().distinct().sorted().toList();
	}

	/**
	 * Describes this lane's connections and failed nodes, for operators.
	 * @return one entry per node, ordered by node
	 */
	List<ConnectionsInfo.Connection> describe() {
		Map<NodeAddress, ConnectionsInfo.Connection> described = new java.util.TreeMap<>();
		for (Map.Entry<NodeAddress, NodeConnection> entry : this.connections.entrySet()) {
			NodeConnection connection = entry.getValue();
			NodeConnection.State state = connection.state();
			if (state == NodeConnection.State.CLOSED || this.aliases.containsKey(entry.getKey())) {
				continue;
			}
			NodeAddress node = connection.canonical();
			described.putIfAbsent(node, new ConnectionsInfo.Connection(node, this.lane,
					(state == NodeConnection.State.READY) ? ConnectionsInfo.ConnectionState.OPEN
							: ConnectionsInfo.ConnectionState.CONNECTING,
					connection.since(), this.accepted.get(node) == connection, 0, connection.pendingWriteBytes(),
					this.lastFailures.get(node)));
		}
		for (Map.Entry<NodeAddress, Failure> entry : this.failures.entrySet()) {
			Failure failure = entry.getValue();
			described.putIfAbsent(entry.getKey(), new ConnectionsInfo.Connection(entry.getKey(), this.lane,
					ConnectionsInfo.ConnectionState.FAILED, failure.since(), false, failure.attempts().get(), 0,
					String.valueOf(failure.cause().getMessage())));
		}
		return List.copyOf(described.values());
	}

	/**
	 * Opens a connection to a node unless one exists (or the node is marked failed).
	 * @param node the node
	 */
	void ensureConnected(NodeAddress node) {
		if (!this.closed && !isFailed(node)) {
			try {
				connectionFor(node);
			}
			catch (CastyException ex) {
				logger.debug("Cannot connect to {}: {}", node, ex.getMessage());
			}
		}
	}

	/**
	 * Stops reconnecting to failed nodes that are not in {@code members} and closes
	 * connections to nodes the cluster lists as gone.
	 * @param members nodes still worth reconnecting to
	 * @param gone nodes the cluster marked down or removed
	 */
	void retain(Set<NodeAddress> members, Set<NodeAddress> gone) {
		for (NodeAddress node : List.copyOf(this.failures.keySet())) {
			if (!members.contains(node)) {
				Failure failure = this.failures.remove(node);
				if (failure != null) {
					failure.reconnect().dispose();
				}
			}
		}
		this.lastFailures.keySet().removeIf((node) -> !members.contains(node));
		for (NodeAddress node : gone) {
			this.headers.remove(node);
			NodeConnection connection = this.connections.get(node);
			if (connection != null) {
				connection.close(new NodeUnreachableException(node, "Node " + node + " was marked down by the cluster"));
			}
		}
	}

	private NodeAddress resolve(NodeAddress node) {
		NodeAddress canonical = this.aliases.get(node);
		return (canonical != null) ? canonical : node;
	}

	private NodeConnection connectionFor(NodeAddress requested) {
		NodeAddress node = resolve(requested);
		NodeConnection existing = this.connections.get(node);
		if (existing != null && existing.state() != NodeConnection.State.CLOSED) {
			return existing;
		}
		Failure failure = this.failures.get(node);
		if (failure != null) {
			throw new NodeUnreachableException(node,
					"Node " + node + " is unreachable (" + failure.cause().getMessage() + "); reconnecting in the background",
					failure.cause());
		}
		NodeConnection created = new NodeConnection(node, this.options.maxPendingWriteBytes());
		NodeConnection raced = this.connections.putIfAbsent(node, created);
		if (raced != null) {
			if (raced.state() != NodeConnection.State.CLOSED) {
				return raced;
			}
			if (!this.connections.replace(node, raced, created)) {
				return connectionFor(requested);
			}
		}
		open(created).subscribe((ready) -> {
		}, (error) -> onConnectionFailed(created, error));
		return created;
	}

	/**
	 * Connects and handshakes; completes when the node's handshake arrived.
	 */
	private Mono<NodeConnection> open(NodeConnection connection) {
		NodeAddress node = connection.address();
		Duration timeout = this.options.connectTimeout().plus(this.options.handshakeTimeout());
		return this.tcpClient.host(node.host()).port(node.port()).connect().flatMap((conn) -> {
			Channel ch = conn.channel();
			connection.attach(ch);
			Sinks.One<NodeAddress> handshake = Sinks.one();
			// addHandlerFirst keeps it behind Reactor Netty's own handlers (TLS)
			conn.addHandlerFirst("casty-frames",
					new CastyFrameDecoder(this.options.maxFrameSize(), this.options.frameTimeout()));
			conn.addHandlerLast("casty-node", new NodeHandler(connection, handshake));
			// Our handler consumes every frame before Reactor Netty's inbound bridge, which
			// would otherwise only read on demand of a subscriber.
			ch.config().setAutoRead(true);
			if (connection.state() == NodeConnection.State.CLOSED) {
				ch.close();
				return Mono.error(new NodeUnreachableException(node, "Connection to " + node + " closed while opening"));
			}
			ByteBuf hello = ch.alloc().buffer(64);
			ClientIdentity id = identity();
			FrameCodec.writeHandshake(id.host(), id.port(), hello);
			ch.writeAndFlush(hello);
			return handshake.asMono().map((canonical) -> {
				onHandshake(connection, canonical);
				return connection;
			});
		}).timeout(timeout, Mono.error(() -> new NodeUnreachableException(node,
				"Node " + node + " did not connect and answer the handshake within " + timeout.toMillis() + " ms")))
			.doOnError((error) -> {
				Channel ch = connection.channel();
				if (ch != null) {
					ch.close();
				}
			});
	}

	private void onHandshake(NodeConnection connection, NodeAddress canonical) {
		NodeAddress dialled = connection.address();
		NodeConnection existing = this.connections.get(dialled);
		if (existing != connection) {
			if (existing != null && existing.state() == NodeConnection.State.READY) {
				// Another live connection serves this node already: keep one per node.
				connection.close(new NodeUnreachableException(dialled, "Duplicate connection to " + dialled + " closed"));
				return;
			}
			this.connections.put(dialled, connection);
			if (existing != null) {
				existing.close(new NodeUnreachableException(dialled, "Replaced by a new connection to " + dialled));
			}
		}
		if (!canonical.equals(dialled)) {
			this.aliases.put(dialled, canonical);
			NodeConnection other = this.connections.putIfAbsent(canonical, connection);
			if (other != null && other != connection && other.state() == NodeConnection.State.CLOSED) {
				this.connections.put(canonical, connection);
			}
		}
		connection.ready(canonical);
		Failure failure = this.failures.remove(canonical);
		if (failure != null) {
			failure.reconnect().dispose();
		}
		this.failures.remove(dialled);
		logger.debug("Connected to Casty node {} (dialled {})", canonical, dialled);
		this.listener.connectionOpened(canonical);
		this.events.nodeConnected(canonical);
	}

	private void onConnectionFailed(NodeConnection connection, Throwable error) {
		NodeAddress node = connection.canonical();
		CastyException cause = (error instanceof CastyException ce) ? ce
				: new NodeUnreachableException(node, "Cannot connect to node " + node + ": " + error, error);
		boolean wasReady = connection.state() == NodeConnection.State.READY;
		connection.close(cause);
		this.connections.remove(connection.address(), connection);
		this.connections.remove(node, connection);
		if (!node.equals(connection.address())) {
			this.aliases.remove(connection.address(), node);
		}
		if (wasReady) {
			this.listener.connectionClosed(node);
		}
		if (this.closed) {
			return;
		}
		NodeAddress viaAlias = this.aliases.getOrDefault(node, node);
		NodeConnection alternative = this.accepted.get(viaAlias);
		if (alternative != null && alternative != connection && alternative.state() == NodeConnection.State.READY) {
			// The node dialled us and kept its own connection (Casty's race rule): use that one.
			this.connections.put(viaAlias, alternative);
			logger.debug("Using the connection node {} opened to this client", viaAlias);
			return;
		}
		markFailed(node, cause);
	}

	private void markFailed(NodeAddress node, CastyException cause) {
		AtomicInteger attempts = new AtomicInteger();
		Disposable reconnect = reconnectLoop(node, attempts);
		this.lastFailures.put(node, String.valueOf(cause.getMessage()));
		Failure previous = this.failures.put(node, new Failure(cause, reconnect, Instant.now(), attempts));
		if (previous != null) {
			previous.reconnect().dispose();
		}
		logger.debug("Casty node {} marked unreachable: {}", node, cause.getMessage());
		this.events.nodeFailed(node, cause);
	}

	private Disposable reconnectLoop(NodeAddress node, AtomicInteger attempts) {
		return Mono.defer(() -> {
			if (this.closed) {
				return Mono.<NodeConnection>empty();
			}
			attempts.incrementAndGet();
			NodeConnection attempt = new NodeConnection(node, this.options.maxPendingWriteBytes());
			return open(attempt).doOnError((error) -> attempt.close(new NodeUnreachableException(node, error.toString())));
		})
			.retryWhen(Retry.backoff(Long.MAX_VALUE, this.options.reconnectMinBackoff())
				.maxBackoff(this.options.reconnectMaxBackoff())
				.jitter(this.options.reconnectJitter())
				.scheduler(reactor.core.scheduler.Schedulers.fromExecutor(this.loops.onClient(true).next())))
			.delaySubscription(this.options.reconnectMinBackoff())
			.subscribe((connection) -> logger.debug("Reconnected to {}", node),
					(error) -> logger.debug("Reconnect loop to {} ended: {}", node, error.toString()));
	}

	/**
	 * Closes every connection, the listener and the reconnect loops.
	 */
	@Override
	public void close() {
		this.closed = true;
		for (Failure failure : this.failures.values()) {
			failure.reconnect().dispose();
		}
		this.failures.clear();
		ClientClosedException cause = new ClientClosedException("The Casty client is closed");
		for (NodeConnection connection : List.copyOf(this.connections.values())) {
			connection.close(cause);
		}
		this.connections.clear();
		this.acceptedChannels.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
		DisposableServer bound = this.server;
		if (bound != null) {
			bound.disposeNow(Duration.ofSeconds(2));
		}
	}

	/** Handles frames on a connection the client dialled. */
	private final class NodeHandler extends ChannelInboundHandlerAdapter {

		private final NodeConnection connection;

		private final Sinks.One<NodeAddress> handshake;

		private boolean handshaken;

		/** Why the client closed the connection itself, when it did. */
		private @Nullable NodeUnreachableException closeCause;

		private @Nullable ScheduledFuture<?> writeStall;

		NodeHandler(NodeConnection connection, Sinks.One<NodeAddress> handshake) {
			this.connection = connection;
			this.handshake = handshake;
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			if (!(msg instanceof Frame frame)) {
				io.netty.util.ReferenceCountUtil.release(msg);
				return;
			}
			if (frame instanceof Frame.Handshake hello) {
				if (!this.handshaken) {
					this.handshaken = true;
					this.handshake.tryEmitValue(new NodeAddress(hello.host(), hello.port()));
				}
				return;
			}
			this.connection.inbound();
			if (frame instanceof Frame.Invalid invalid && invalid.error() instanceof FrameTooLongException) {
				broken(ctx, invalid.error());
				return;
			}
			dispatch(this.connection.canonical(), frame);
		}

		/** The byte stream cannot be trusted any more: close, fail what waits, reconnect. */
		private void broken(ChannelHandlerContext ctx, CastyException error) {
			NodeAddress node = this.connection.canonical();
			if (this.closeCause == null) {
				this.closeCause = new NodeUnreachableException(node, "Closed the connection to node " + node
						+ " because its byte stream broke (" + error.getMessage() + "); reconnecting", error);
				ConnectionLane.this.listener.inboundDropped("framing-error");
				ConnectionLane.this.logs.warn("framing-error " + node, "Closed the connection to node {}: {}", node,
						error.getMessage());
			}
			ctx.close();
		}

		@Override
		public void channelWritabilityChanged(ChannelHandlerContext ctx) {
			Channel ch = ctx.channel();
			if (!ch.isWritable() && this.writeStall == null) {
				this.writeStall = ch.eventLoop().schedule(() -> {
					this.writeStall = null;
					if (!ch.isWritable() && ch.isActive()) {
						stuck(ctx, "its connection's write buffer stayed full for "
								+ ConnectionLane.this.options.stuckNodeWriteTimeout().toMillis() + " ms");
					}
				}, ConnectionLane.this.options.stuckNodeWriteTimeout().toNanos(), TimeUnit.NANOSECONDS);
			}
			else if (ch.isWritable() && this.writeStall != null) {
				this.writeStall.cancel(false);
				this.writeStall = null;
			}
			ctx.fireChannelWritabilityChanged();
		}

		/** The node is connected but does not read: close and mark it failed. */
		void stuck(ChannelHandlerContext ctx, String why) {
			NodeAddress node = this.connection.canonical();
			if (this.closeCause == null) {
				this.closeCause = new NodeUnreachableException(node,
						"Node " + node + " is connected but does not read: " + why + "; reconnecting in the background");
				ConnectionLane.this.logs.warn("stuck-node " + node, "Closed the connection to node {}: {}", node, why);
			}
			ctx.close();
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) {
			NodeAddress node = this.connection.canonical();
			ScheduledFuture<?> stall = this.writeStall;
			if (stall != null) {
				stall.cancel(false);
			}
			NodeUnreachableException cause = (this.closeCause != null) ? this.closeCause
					: new NodeUnreachableException(node, "Connection to node " + node + " was lost");
			this.handshake.tryEmitError(cause);
			if (this.connection.state() != NodeConnection.State.CLOSED && ConnectionLane.this.connections
				.get(this.connection.address()) == this.connection) {
				onConnectionFailed(this.connection, cause);
			}
			else {
				this.connection.close(cause);
			}
			ctx.fireChannelInactive();
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			if (cause instanceof FrameDecodingException framing) {
				broken(ctx, framing);
				return;
			}
			logger.debug("I/O error on connection to {}: {}", this.connection.canonical(), cause.toString());
			ctx.close();
		}

	}

	/** Handles frames on a connection a node dialled to the client's listener. */
	private final class AcceptedHandler extends ChannelInboundHandlerAdapter {

		private @Nullable NodeAddress peer;

		private @Nullable NodeConnection connection;

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			if (!(msg instanceof Frame frame)) {
				io.netty.util.ReferenceCountUtil.release(msg);
				return;
			}
			if (this.peer == null) {
				if (!(frame instanceof Frame.Handshake hello)) {
					logger.debug("Closing an inbound connection that did not start with a handshake");
					ctx.close();
					return;
				}
				NodeAddress node = new NodeAddress(hello.host(), hello.port());
				this.peer = node;
				ByteBuf reply = ctx.alloc().buffer(64);
				ClientIdentity id = identity();
				FrameCodec.writeHandshake(id.host(), id.port(), reply);
				ctx.writeAndFlush(reply);
				NodeConnection connection = new NodeConnection(node, ConnectionLane.this.options.maxPendingWriteBytes());
				connection.attach(ctx.channel());
				connection.ready(node);
				this.connection = connection;
				onAccepted(node, connection);
				return;
			}
			NodeConnection current = this.connection;
			if (current != null) {
				current.inbound();
			}
			if (frame instanceof Frame.Invalid invalid && invalid.error() instanceof FrameTooLongException) {
				broken(ctx, invalid.error());
				return;
			}
			dispatch(this.peer, frame);
		}

		/** Runs once the handshake timeout passed: a peer that never said who it is goes. */
		void handshakeTimedOut(Channel ch) {
			if (this.peer == null && ch.isActive()) {
				ConnectionLane.this.logs.warn("listener-handshake", "Closed a connection to the client's listener from {}:"
						+ " no handshake within {} ms", ch.remoteAddress(),
						ConnectionLane.this.options.handshakeTimeout().toMillis());
				ch.close();
			}
		}

		private void broken(ChannelHandlerContext ctx, CastyException error) {
			ConnectionLane.this.listener.inboundDropped("framing-error");
			ConnectionLane.this.logs.warn("framing-error " + this.peer, "Closed the connection from node {}: {}", this.peer,
					error.getMessage());
			ctx.close();
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) {
			NodeConnection connection = this.connection;
			NodeAddress node = this.peer;
			if (connection != null && node != null) {
				ConnectionLane.this.accepted.remove(node, connection);
				if (ConnectionLane.this.connections.get(node) == connection) {
					onConnectionFailed(connection, new NodeUnreachableException(node,
							"Connection from node " + node + " was lost"));
				}
				else {
					connection.close(new NodeUnreachableException(node, "Connection from node " + node + " was lost"));
				}
			}
			ctx.fireChannelInactive();
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			if (cause instanceof FrameDecodingException framing) {
				broken(ctx, framing);
				return;
			}
			logger.debug("I/O error on inbound connection from {}: {}", this.peer, cause.toString());
			ctx.close();
		}

	}

	/**
	 * Counts an ask to a node that timed out; after
	 * {@link CastyClientOptions#stuckNodeAskTimeouts()} in a row with nothing arriving from the
	 * node, its connection is closed and the node marked failed.
	 * @param node the node
	 * @param sentNanos when the ask was sent
	 */
	void askTimedOut(NodeAddress node, long sentNanos) {
		int threshold = this.options.stuckNodeAskTimeouts();
		NodeConnection connection = this.connections.get(resolve(node));
		if (threshold == 0 || this.closed || connection == null || connection.state() != NodeConnection.State.READY) {
			return;
		}
		int silent = connection.askTimedOut(sentNanos);
		Channel ch = connection.channel();
		if (silent >= threshold && ch != null) {
			NodeAddress canonical = connection.canonical();
			String why = silent + " asks in a row got no reply and nothing else arrived from it meanwhile";
			this.logs.warn("stuck-node " + canonical, "Closed the connection to node {}, which does not answer: {}",
					canonical, why);
			NodeUnreachableException cause = new NodeUnreachableException(canonical, "Node " + canonical
					+ " is connected but does not answer (" + why + "); reconnecting in the background");
			ch.eventLoop().execute(() -> {
				if (connection.state() != NodeConnection.State.CLOSED
						&& this.connections.get(connection.address()) == connection) {
					onConnectionFailed(connection, cause);
				}
			});
		}
	}

	private void onAccepted(NodeAddress node, NodeConnection connection) {
		if (this.closed) {
			connection.close(new ClientClosedException("The Casty client is closed"));
			return;
		}
		NodeConnection previous = this.accepted.put(node, connection);
		if (previous != null && previous != connection) {
			previous.close(new NodeUnreachableException(node, "replaced by a newer connection from the node"));
		}
		NodeConnection current = this.connections.get(node);
		if (current == null || current.state() == NodeConnection.State.CLOSED) {
			this.connections.put(node, connection);
		}
		Failure failure = this.failures.remove(node);
		if (failure != null) {
			failure.reconnect().dispose();
		}
		logger.debug("Node {} connected to this client", node);
		this.events.nodeConnected(node);
	}

	private void dispatch(NodeAddress from, Frame frame) {
		if (frame instanceof Frame.Message message) {
			try {
				this.inbound.onMessage(from, message);
			}
			catch (RuntimeException ex) {
				this.listener.inboundDropped("handler-error");
				this.logs.warn("handler-error " + from, "Dropped a message from {} to {}: {}", from,
						message.header().target(), ex.toString());
			}
		}
		else if (frame instanceof Frame.Invalid invalid) {
			this.listener.inboundDropped("invalid-frame");
			this.logs.warn("invalid-frame " + from, "Dropped an invalid frame from {}: {}", from,
					invalid.error().getMessage());
		}
		else if (frame instanceof Frame.Unknown) {
			this.listener.inboundDropped("unknown-frame-type");
		}
	}

}
