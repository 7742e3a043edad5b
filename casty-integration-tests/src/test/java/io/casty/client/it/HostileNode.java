package io.casty.client.it;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import io.casty.client.ActorRef;
import io.casty.client.NodeAddress;
import io.casty.client.protocol.CastyFrameDecoder;
import io.casty.client.protocol.CastyPaths;
import io.casty.client.protocol.Frame;
import io.casty.client.protocol.FrameCodec;
import io.casty.client.protocol.MessageHeader;
import io.casty.client.protocol.codec.MessageCodec;
import io.casty.client.protocol.codec.MessageTypeRegistry;
import io.casty.client.protocol.messages.GetShardLocation;
import io.casty.client.protocol.messages.Member;
import io.casty.client.protocol.messages.MemberStatus;
import io.casty.client.protocol.messages.ShardAllocation;
import io.casty.client.protocol.messages.ShardEnvelope;
import io.casty.client.protocol.messages.ShardLocation;
import io.casty.client.protocol.messages.SubscribeTopology;
import io.casty.client.protocol.messages.TopologySnapshot;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.jspecify.annotations.Nullable;

/**
 * A fake Casty node for hostile tests: a plain Netty server that speaks Casty's handshake,
 * answers topology subscriptions with a snapshot of the configured members (every shard of
 * one type on the configured owner) and coordinator queries with a location, and hands every
 * shard envelope to a test's behaviour, which may answer well or badly (raw bytes, garbage
 * frames, floods). It can also stop reading, like a node that hangs.
 */
final class HostileNode implements AutoCloseable {

	/** What the node does with a shard envelope. */
	@FunctionalInterface
	interface Behavior {

		void onEnvelope(Peer peer, ShardEnvelope envelope);

	}

	/** One connection a client opened to the node. */
	final class Peer {

		private final Channel channel;

		Peer(Channel channel) {
			this.channel = channel;
		}

		/** Sends a message to a ref, encoded as Casty would. */
		void tell(ActorRef<?> to, @Nullable Object message) {
			ByteBuf out = Unpooled.buffer();
			FrameCodec.writeMessage(header(to, HostileNode.this.codec.typeHint(message)),
					(buf) -> HostileNode.this.codec.encode(message, buf), out);
			this.channel.writeAndFlush(out);
		}

		/** Sends a message whose payload bytes are given as they are. */
		void tellRaw(ActorRef<?> to, String typeHint, byte[] payload) {
			ByteBuf out = Unpooled.buffer();
			FrameCodec.writeMessage(header(to, typeHint), payload, out);
			this.channel.writeAndFlush(out);
		}

		/** Writes bytes to the socket as they are, framed or not. */
		void writeRaw(byte[] bytes) {
			this.channel.writeAndFlush(Unpooled.wrappedBuffer(bytes));
		}

		/** Encodes a whole frame of a message to a ref without sending it. */
		byte[] frame(ActorRef<?> to, @Nullable Object message) {
			ByteBuf out = Unpooled.buffer();
			FrameCodec.writeMessage(header(to, HostileNode.this.codec.typeHint(message)),
					(buf) -> HostileNode.this.codec.encode(message, buf), out);
			byte[] bytes = new byte[out.readableBytes()];
			out.readBytes(bytes);
			out.release();
			return bytes;
		}

		Channel channel() {
			return this.channel;
		}

		private MessageHeader header(ActorRef<?> to, String typeHint) {
			NodeAddress self = address();
			return new MessageHeader(to.uri(),
					"casty://" + HostileNode.this.system + "@" + self.host() + ":" + self.port() + "/", typeHint);
		}

	}

	private final String system;

	private final String shardType;

	private final int numShards;

	private final MessageCodec codec;

	private final EventLoopGroup group;

	private final Channel server;

	private final List<Channel> channels = new CopyOnWriteArrayList<>();

	private final AtomicInteger handshakes = new AtomicInteger();

	private final List<Peer> peers = new CopyOnWriteArrayList<>();

	private final AtomicInteger envelopes = new AtomicInteger();

	private volatile Behavior behavior = (peer, envelope) -> {
	};

	private volatile List<NodeAddress> members = List.of();

	private volatile @Nullable NodeAddress owner;

	private volatile @Nullable NodeAddress leader;

	private volatile LongFunction<NodeAddress> locate = (shard) -> address();

	private volatile boolean stuck;

	HostileNode(String system, String shardType, int numShards, Class<?>... messageTypes) {
		this.system = system;
		this.shardType = shardType;
		this.numShards = numShards;
		this.codec = new MessageCodec(MessageTypeRegistry.withProtocolTypes().register(messageTypes));
		this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("hostile-node", true),
				NioIoHandler.newFactory());
		this.server = new ServerBootstrap().group(this.group)
			.channel(NioServerSocketChannel.class)
			.childOption(ChannelOption.TCP_NODELAY, true)
			.childHandler(new ChannelInitializer<SocketChannel>() {
				@Override
				protected void initChannel(SocketChannel ch) {
					HostileNode.this.channels.add(ch);
					if (HostileNode.this.stuck) {
						ch.config().setAutoRead(false);
					}
					ch.pipeline()
						.addLast(new CastyFrameDecoder(CastyFrameDecoder.DEFAULT_MAX_FRAME_LENGTH), new Handler());
				}
			})
			.bind("127.0.0.1", 0)
			.syncUninterruptibly()
			.channel();
	}

	/** A node of the {@code it} system hosting the counter type of {@link Counters}. */
	static HostileNode counters() {
		return new HostileNode("it", Counters.TYPE, Counters.SHARDS, Counters.CounterMsg.class, Counters.Echo.class);
	}

	NodeAddress address() {
		InetSocketAddress bound = (InetSocketAddress) this.server.localAddress();
		return new NodeAddress("127.0.0.1", bound.getPort());
	}

	String contactPoint() {
		return address().toString();
	}

	HostileNode behavior(Behavior behavior) {
		this.behavior = behavior;
		return this;
	}

	/** The members, owner and leader snapshots name; by default this node alone. */
	HostileNode cluster(List<NodeAddress> members, NodeAddress owner, NodeAddress leader) {
		this.members = List.copyOf(members);
		this.owner = owner;
		this.leader = leader;
		return this;
	}

	/** Where the coordinator says each shard is; by default this node. */
	HostileNode locate(LongFunction<NodeAddress> locate) {
		this.locate = locate;
		return this;
	}

	/** Stops reading every connection, now and later ones, like a node that hangs. */
	void stopReading() {
		this.stuck = true;
		for (Channel ch : this.channels) {
			ch.eventLoop().submit(() -> ch.config().setAutoRead(false)).syncUninterruptibly();
		}
	}

	int handshakes() {
		return this.handshakes.get();
	}

	/** The connection a client opened most recently, once handshaken. */
	Peer lastPeer() {
		return this.peers.get(this.peers.size() - 1);
	}

	int envelopes() {
		return this.envelopes.get();
	}

	/** Connections currently open to the node. */
	int openConnections() {
		return (int) this.channels.stream().filter(Channel::isActive).count();
	}

	TopologySnapshot snapshot() {
		NodeAddress self = address();
		List<NodeAddress> all = this.members.isEmpty() ? List.of(self) : this.members;
		NodeAddress shardOwner = (this.owner != null) ? this.owner : self;
		NodeAddress lead = (this.leader != null) ? this.leader : self;
		Set<Member> memberSet = all.stream()
			.map((a) -> new Member(a, MemberStatus.UP, Set.of(), "id-" + a.port()))
			.collect(Collectors.toCollection(java.util.LinkedHashSet::new));
		Map<Long, ShardAllocation> shards = LongStream.range(0, this.numShards)
			.boxed()
			.collect(Collectors.toMap((s) -> s, (s) -> new ShardAllocation(shardOwner, List.of()), (a, b) -> a,
					java.util.LinkedHashMap::new));
		return new TopologySnapshot(memberSet, lead, Map.of(this.shardType, shards), 1, Set.of(), Set.of());
	}

	@Override
	public void close() {
		this.server.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
		for (Channel ch : this.channels) {
			ch.close();
		}
		this.group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
	}

	private final class Handler extends SimpleChannelInboundHandler<Frame> {

		private @Nullable Peer peer;

		@Override
		protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
			if (frame instanceof Frame.Handshake) {
				if (this.peer == null) {
					HostileNode.this.handshakes.incrementAndGet();
					this.peer = new Peer(ctx.channel());
					HostileNode.this.peers.add(this.peer);
					ByteBuf hello = ctx.alloc().buffer(64);
					NodeAddress self = address();
					FrameCodec.writeHandshake(self.host(), self.port(), hello);
					ctx.writeAndFlush(hello);
				}
				return;
			}
			Peer p = this.peer;
			if (p == null || HostileNode.this.stuck || !(frame instanceof Frame.Message message)) {
				return;
			}
			Object decoded = HostileNode.this.codec.decode(message.payload());
			String path = message.header().targetPath();
			if (decoded instanceof SubscribeTopology subscribe && path.equals(CastyPaths.TOPOLOGY)) {
				p.tell(subscribe.replyTo(), snapshot());
			}
			else if (decoded instanceof GetShardLocation get) {
				p.tell(get.replyTo(), new ShardLocation(get.shardId(), HostileNode.this.locate.apply(get.shardId()),
						List.of()));
			}
			else if (decoded instanceof ShardEnvelope envelope) {
				HostileNode.this.envelopes.incrementAndGet();
				HostileNode.this.behavior.onEnvelope(p, envelope);
			}
		}

	}

}
