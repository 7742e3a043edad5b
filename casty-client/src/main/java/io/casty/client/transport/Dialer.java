package io.casty.client.transport;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.casty.client.CastyClientOptions;
import io.casty.client.NodeAddress;
import io.casty.client.NodeUnreachableException;
import io.casty.client.protocol.CastyFrameDecoder;
import io.casty.client.protocol.FrameCodec;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.resolver.DefaultAddressResolverGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.netty.resources.LoopResources;
import reactor.netty.tcp.TcpClient;
import reactor.util.retry.Retry;

/**
 * Opens the connections of one lane: the TCP connect with the client's socket options and
 * TLS, Casty's handshake (ours first, then the node's, within the handshake timeout), and the
 * background reconnect loop of a node marked failed (jittered exponential backoff until it
 * answers or leaves the cluster).
 *
 * @since 0.1.0
 */
final class Dialer {

	private static final Logger logger = LoggerFactory.getLogger(Dialer.class);

	private final CastyClientOptions options;

	private final LoopResources loops;

	private final TcpClient tcpClient;

	private final Supplier<ClientIdentity> identity;

	private final NodeTable table;

	private final FrameDispatch dispatch;

	Dialer(CastyClientOptions options, LoopResources loops, Supplier<ClientIdentity> identity, NodeTable table,
			FrameDispatch dispatch) {
		this.options = options;
		this.loops = loops;
		this.identity = identity;
		this.table = table;
		this.dispatch = dispatch;
		int high = options.socket().maxPendingWriteBytes();
		// The resolver goes first: runOn without one creates a DNS resolver for the client's
		// event loops and keeps it forever in a static cache of Reactor Netty, one per client.
		TcpClient client = TcpClient.newConnection()
			.resolver(DefaultAddressResolverGroup.INSTANCE)
			.runOn(loops)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.socket().connectTimeout().toMillis())
			.option(ChannelOption.SO_KEEPALIVE, true)
			.option(ChannelOption.TCP_NODELAY, true)
			.option(ChannelOption.ALLOCATOR, Buffers.allocator(options.socket().allocator()))
			.option(ChannelOption.RCVBUF_ALLOCATOR, Buffers.readSizes())
			.option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(Math.max(1, high / 2), high));
		if (options.tls().sslContext() != null) {
			client = client.secure((spec) -> spec.sslContext(options.tls().sslContext()));
		}
		this.tcpClient = options.socket().tcpClientCustomizer().apply(client);
	}

	/**
	 * Connects and handshakes a connection just put in the table; a failure goes to
	 * {@link NodeTable#lost}.
	 * @param connection the connection
	 */
	void dial(NodeConnection connection) {
		open(connection).subscribe((ready) -> {
		}, (error) -> this.table.lost(connection, error));
	}

	/**
	 * Connects and handshakes; completes when the node's handshake arrived and the table took
	 * the connection.
	 */
	private Mono<NodeConnection> open(NodeConnection connection) {
		NodeAddress node = connection.address();
		Duration timeout = this.options.socket().connectTimeout().plus(this.options.socket().handshakeTimeout());
		return this.tcpClient.host(node.host()).port(node.port()).connect().flatMap((conn) -> {
			Channel ch = conn.channel();
			connection.attach(ch);
			Sinks.One<NodeAddress> handshake = Sinks.one();
			// addHandlerFirst keeps it behind Reactor Netty's own handlers (TLS)
			DialledHandler handler = new DialledHandler(connection, handshake, this.table, this.dispatch,
					this.options.stuckNode().writeTimeout());
			conn.addHandlerFirst("casty-frames",
					new CastyFrameDecoder(this.options.codec().maxFrameSize(), this.options.codec().frameTimeout(),
							this.dispatch.recognizer(), handler));
			conn.addHandlerLast("casty-node", handler);
			// Our handler consumes every frame before Reactor Netty's inbound bridge, which
			// would otherwise only read on demand of a subscriber.
			ch.config().setAutoRead(true);
			if (connection.state() == NodeConnection.State.CLOSED) {
				ch.close();
				return Mono.error(new NodeUnreachableException(node, "Connection to " + node + " closed while opening"));
			}
			ByteBuf hello = ch.alloc().buffer(64);
			ClientIdentity id = this.identity.get();
			FrameCodec.writeHandshake(id.host(), id.port(), hello);
			ch.writeAndFlush(hello);
			return handshake.asMono().map((canonical) -> {
				this.table.handshaken(connection, canonical);
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

	/**
	 * Reconnects to a node marked failed, with backoff, until it answers or the loop is
	 * disposed (the node left, or answered on another connection).
	 * @param node the node
	 * @param attempts counts the attempts made
	 * @return stops the loop
	 */
	Disposable reconnect(NodeAddress node, AtomicInteger attempts) {
		return Mono.defer(() -> {
			if (this.table.isClosed()) {
				return Mono.<NodeConnection>empty();
			}
			attempts.incrementAndGet();
			NodeConnection attempt = this.table.newConnection(node);
			return open(attempt).doOnError((error) -> attempt.close(new NodeUnreachableException(node, error.toString())));
		})
			.retryWhen(Retry.backoff(Long.MAX_VALUE, this.options.reconnect().minBackoff())
				.maxBackoff(this.options.reconnect().maxBackoff())
				.jitter(this.options.reconnect().jitter())
				.scheduler(Schedulers.fromExecutor(this.loops.onClient(true).next())))
			.delaySubscription(this.options.reconnect().minBackoff())
			.subscribe((connection) -> logger.debug("Reconnected to {}", node),
					(error) -> logger.debug("Reconnect loop to {} ended: {}", node, error.toString()));
	}

}
