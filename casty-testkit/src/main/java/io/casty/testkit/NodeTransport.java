package io.casty.testkit;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import io.casty.client.NodeAddress;
import io.casty.client.transport.OutboundQueue;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sockets of one node incarnation, as Casty's transport: the listening socket, the
 * connections filed under each peer's claimed identity with the race rule, dials to
 * addresses with no connection (frames queued meanwhile) and the blacklist of addresses that
 * could not be dialled. Moves frames only; what they carry is the dispatcher's business.
 */
final class NodeTransport {

	private static final Logger logger = LoggerFactory.getLogger(NodeTransport.class);

	/** Frames the node writes to one connection from its message thread, as the client's. */
	private static final AttributeKey<OutboundQueue> OUTBOUND = AttributeKey.valueOf("casty-testkit-outbound");

	private final String nodeId;

	private final ClusterConfig config;

	private final EventLoopGroup loopGroup;

	private final NodeCounters counters;

	private final ExecutorService dialExecutor;

	private final BiConsumer<String, byte[]> inbound;

	private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

	private volatile @Nullable Channel serverChannel;

	private volatile @Nullable NodeAddress address;

	private volatile boolean alive = true;

	// Guarded by "this": connections filed by peer identity, dials in progress, blacklist.
	private final Map<NodeAddress, Channel> connections = new HashMap<>();

	private final Map<NodeAddress, NodeAddress> aliases = new HashMap<>();

	private final Map<NodeAddress, Deque<ByteBuf>> dials = new HashMap<>();

	private final Map<NodeAddress, Long> blacklist = new HashMap<>();

	/**
	 * @param inbound takes each message frame's target path and payload, on the I/O thread
	 */
	NodeTransport(String nodeId, ClusterConfig config, EventLoopGroup loopGroup, NodeCounters counters,
			ExecutorService dialExecutor, BiConsumer<String, byte[]> inbound) {
		this.nodeId = nodeId;
		this.config = config;
		this.loopGroup = loopGroup;
		this.counters = counters;
		this.dialExecutor = dialExecutor;
		this.inbound = inbound;
	}

	String nodeId() {
		return this.nodeId;
	}

	NodeCounters counters() {
		return this.counters;
	}

	java.time.Duration dialTimeout() {
		return this.config.dialTimeout();
	}

	/** Whether this node's handshakes declare {@code "pipelined": true}. */
	boolean pipelinedHandshake() {
		return this.config.pipelinedHandshake();
	}

	void inbound(String path, byte[] payload) {
		this.inbound.accept(path, payload);
	}

	NodeAddress address() {
		NodeAddress current = this.address;
		if (current == null) {
			throw new IllegalStateException("Not bound");
		}
		return current;
	}

	/**
	 * Listens on a port of the configured host.
	 * @throws TestClusterException if the port cannot be bound
	 */
	NodeAddress bind(int port) {
		ServerBootstrap bootstrap = new ServerBootstrap().group(this.loopGroup)
			.channel(NioServerSocketChannel.class)
			.option(ChannelOption.SO_REUSEADDR, true)
			.childOption(ChannelOption.TCP_NODELAY, true)
			.childHandler(new ChannelInitializer<SocketChannel>() {
				@Override
				protected void initChannel(SocketChannel channel) {
					NodeTransport.this.channels.add(channel);
					SslContext ssl = NodeTransport.this.config.serverSsl();
					if (ssl != null) {
						channel.pipeline().addLast(ssl.newHandler(channel.alloc()));
					}
					channel.pipeline()
						.addLast(NodeTransport.this.config.frameDecoder(),
								new NodeConnectionHandler(NodeTransport.this, null));
				}
			});
		String host = this.config.host();
		ChannelFuture bound = bootstrap.bind(host, port).awaitUninterruptibly();
		if (!bound.isSuccess()) {
			throw new TestClusterException(this.nodeId + " cannot listen on " + host + ":" + port + " (" + bound.cause()
					+ "); free the port or use port 0 for an ephemeral one", bound.cause());
		}
		Channel server = bound.channel();
		this.serverChannel = server;
		NodeAddress boundAddress = new NodeAddress(host, ((InetSocketAddress) server.localAddress()).getPort());
		this.address = boundAddress;
		return boundAddress;
	}

	/**
	 * Closes the listening socket and every connection, releasing queued frames.
	 * @param wait whether to wait for the sockets to close (not on the node's own thread)
	 */
	void close(boolean wait) {
		this.alive = false;
		Channel server = this.serverChannel;
		if (server != null) {
			ChannelFuture closed = server.close();
			if (wait) {
				closed.awaitUninterruptibly(2, TimeUnit.SECONDS);
			}
		}
		var closing = this.channels.close();
		if (wait) {
			closing.awaitUninterruptibly(2, TimeUnit.SECONDS);
		}
		synchronized (this) {
			this.dials.values().forEach((queue) -> queue.forEach(ByteBuf::release));
			this.dials.clear();
			this.connections.clear();
		}
	}

	/** The peers with an active connection filed under their identity. */
	synchronized Set<NodeAddress> connectedPeers() {
		Set<NodeAddress> peers = new HashSet<>();
		this.connections.forEach((peer, channel) -> {
			if (channel.isActive()) {
				peers.add(peer);
			}
		});
		return peers;
	}

	int openConnections() {
		return (int) this.channels.stream().filter(Channel::isActive).count();
	}

	/**
	 * Files a connection under a peer identity with Casty's race rule: the connection
	 * initiated by {@code min(self, identity)} wins.
	 * @return whether the new connection was kept (the caller closes it otherwise)
	 */
	synchronized boolean register(NodeAddress identity, Channel channel, boolean initiatedByPeer) {
		if (!this.alive) {
			return false;
		}
		Channel old = this.connections.get(identity);
		if (old == null || old == channel || !old.isActive()) {
			this.connections.put(identity, channel);
			return true;
		}
		boolean peerIsLower = NodeAddress.ORDER.compare(identity, address()) < 0;
		boolean newWins = initiatedByPeer == peerIsLower;
		if (newWins) {
			this.connections.put(identity, channel);
			logger.debug("{}: new connection from {} replaces the old one (race rule)", this.nodeId, identity);
			old.close();
			return true;
		}
		logger.debug("{}: new connection from {} loses the race and is closed", this.nodeId, identity);
		return false;
	}

	synchronized void unregister(@Nullable NodeAddress identity, Channel channel) {
		if (identity != null) {
			this.connections.remove(identity, channel);
			this.aliases.values().removeIf(identity::equals);
		}
	}

	/** A dialled connection completed its handshake (or timed out waiting for it). */
	synchronized void dialEstablished(NodeAddress dialled, NodeAddress canonical, Channel channel) {
		boolean kept = register(canonical, channel, false);
		Channel target = kept ? channel : this.connections.get(canonical);
		if (!kept) {
			channel.close();
		}
		if (!dialled.equals(canonical)) {
			this.aliases.put(dialled, canonical);
		}
		Deque<ByteBuf> queued = this.dials.remove(dialled);
		if (queued != null) {
			for (ByteBuf frame : queued) {
				if (target != null && target.isActive()) {
					target.write(frame);
				}
				else {
					frame.release();
					this.counters.dropped.incrementAndGet();
				}
			}
			if (target != null) {
				target.flush();
			}
		}
	}

	void dialFailed(NodeAddress target, Throwable cause) {
		logger.debug("{}: failed to connect to {}: {}; blacklisted", this.nodeId, target, cause.toString());
		synchronized (this) {
			this.blacklist.put(target, System.nanoTime() + this.config.blacklist().toNanos());
			Deque<ByteBuf> queued = this.dials.remove(target);
			if (queued != null) {
				queued.forEach(ByteBuf::release);
				this.counters.dropped.addAndGet(queued.size());
			}
		}
	}

	/**
	 * Sends a frame to a peer through the connection filed under its identity, dialling it
	 * when there is none; dropped while the address is blacklisted. Takes ownership of it.
	 */
	void send(NodeAddress target, ByteBuf frame) {
		synchronized (this) {
			if (!this.alive) {
				frame.release();
				return;
			}
			Channel channel = this.connections.get(this.aliases.getOrDefault(target, target));
			if (channel != null && channel.isActive()) {
				outboundOf(channel).add(frame);
				return;
			}
			Long until = this.blacklist.get(target);
			if (until != null && System.nanoTime() - until < 0) {
				frame.release();
				this.counters.dropped.incrementAndGet();
				return;
			}
			Deque<ByteBuf> pending = this.dials.get(target);
			if (pending != null) {
				pending.add(frame);
				return;
			}
			Deque<ByteBuf> newDial = new ArrayDeque<>();
			newDial.add(frame);
			this.dials.put(target, newDial);
		}
		this.dialExecutor.execute(() -> dial(target));
	}

	private static OutboundQueue outboundOf(Channel channel) {
		OutboundQueue queue = channel.attr(OUTBOUND).get();
		if (queue == null) {
			OutboundQueue created = OutboundQueue.unbounded(channel);
			queue = channel.attr(OUTBOUND).setIfAbsent(created);
			if (queue == null) {
				queue = created;
			}
		}
		return queue;
	}

	private void dial(NodeAddress target) {
		InetAddress resolved;
		try {
			resolved = InetAddress.getByName(target.host());
		}
		catch (UnknownHostException | SecurityException ex) {
			dialFailed(target, ex);
			return;
		}
		Bootstrap bootstrap = new Bootstrap().group(this.loopGroup)
			.channel(NioSocketChannel.class)
			.option(ChannelOption.TCP_NODELAY, true)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) this.config.dialTimeout().toMillis())
			.handler(new ChannelInitializer<SocketChannel>() {
				@Override
				protected void initChannel(SocketChannel channel) {
					NodeTransport.this.channels.add(channel);
					channel.pipeline()
						.addLast(NodeTransport.this.config.frameDecoder(), new NodeConnectionHandler(NodeTransport.this, target));
				}
			});
		bootstrap.connect(new InetSocketAddress(resolved, target.port())).addListener((ChannelFuture future) -> {
			if (!future.isSuccess()) {
				dialFailed(target, future.cause());
			}
		});
	}

}
