package io.casty.client.transport;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.casty.client.CastyClientOptions;
import io.casty.client.protocol.CastyFrameDecoder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.jspecify.annotations.Nullable;
import reactor.netty.DisposableServer;
import reactor.netty.resources.LoopResources;
import reactor.netty.tcp.TcpServer;

/**
 * The listener of one lane, where nodes dial the client back (Casty delivers a reply over a
 * connection filed under the client's identity, and dials that identity when it has none).
 * Caps the accepted connections and closes those that do not handshake in time.
 *
 * @since 0.1.0
 */
final class DialBackListener implements AutoCloseable {

	private final CastyClientOptions options;

	private final NodeTable table;

	private final FrameDispatch dispatch;

	private final Supplier<ClientIdentity> identity;

	private final ChannelGroup acceptedChannels = new DefaultChannelGroup("casty-client-accepted",
			GlobalEventExecutor.INSTANCE);

	private volatile @Nullable DisposableServer server;

	DialBackListener(CastyClientOptions options, NodeTable table, FrameDispatch dispatch,
			Supplier<ClientIdentity> identity) {
		this.options = options;
		this.table = table;
		this.dispatch = dispatch;
		this.identity = identity;
	}

	/**
	 * Binds the listener.
	 * @param loops the client's event loops
	 * @param port the port to bind, 0 for any
	 * @return the bound port
	 */
	int bind(LoopResources loops, int port) {
		DisposableServer bound = TcpServer.create()
			.runOn(loops)
			.host(this.options.listen().host())
			.port(port)
			.option(ChannelOption.SO_REUSEADDR, true)
			.childOption(ChannelOption.TCP_NODELAY, true)
			.childOption(ChannelOption.ALLOCATOR, Buffers.allocator(this.options.socket().allocator()))
			.childOption(ChannelOption.RCVBUF_ALLOCATOR, Buffers.readSizes())
			.childOption(ChannelOption.SO_KEEPALIVE, true)
			.doOnConnection((connection) -> {
				Channel ch = connection.channel();
				if (this.acceptedChannels.size() >= this.options.listen().maxAcceptedConnections()) {
					// a node dials back once per lane: this many is a flood, not a cluster
					this.dispatch.warn("listener-full", "Closed a connection to the client's listener from {}: {} are "
							+ "open already (max-accepted-connections)", ch.remoteAddress(),
							this.options.listen().maxAcceptedConnections());
					this.dispatch.dropped("listener-full");
					ch.close();
					return;
				}
				this.acceptedChannels.add(ch);
				AcceptedHandler handler = new AcceptedHandler(this.table, this.dispatch, this.identity,
						this.options.socket().handshakeTimeout());
				connection.addHandlerFirst("casty-frames",
						new CastyFrameDecoder(this.options.codec().maxFrameSize(), this.options.codec().frameTimeout(),
								this.dispatch.recognizer(), handler));
				connection.addHandlerLast("casty-accepted", handler);
				ch.eventLoop().schedule(() -> handler.handshakeTimedOut(ch), this.options.socket().handshakeTimeout().toNanos(),
						TimeUnit.NANOSECONDS);
				ch.config().setAutoRead(true);
			})
			.bindNow(this.options.socket().connectTimeout().plusSeconds(5));
		this.server = bound;
		return ((InetSocketAddress) bound.address()).getPort();
	}

	/** Closes the accepted connections and unbinds. */
	@Override
	public void close() {
		this.acceptedChannels.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
		DisposableServer bound = this.server;
		if (bound != null) {
			bound.disposeNow(Duration.ofSeconds(2));
		}
	}

}
