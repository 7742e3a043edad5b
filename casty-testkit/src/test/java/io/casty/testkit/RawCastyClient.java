package io.casty.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.casty.client.ActorRef;
import io.casty.client.NodeAddress;
import io.casty.client.protocol.CastyFrameDecoder;
import io.casty.client.protocol.Frame;
import io.casty.client.protocol.FrameCodec;
import io.casty.client.protocol.MessageHeader;
import io.casty.client.protocol.codec.MessageCodec;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;


/**
 * A bare-bones Casty peer for tests: one Netty connection, the dialling side of the handshake
 * with a chosen identity, raw and encoded writes, and every received frame recorded.
 */
final class RawCastyClient implements AutoCloseable {

	static final Duration WAIT = Duration.ofSeconds(5);

	private static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());

	private final MessageCodec codec;

	private final String identityHost;

	private final int identityPort;

	private final NodeAddress node;

	private final String system;

	private final List<Frame> frames = new CopyOnWriteArrayList<>();

	private final Channel channel;

	private RawCastyClient(MessageCodec codec, NodeAddress node, String system, String identityHost,
			int identityPort) {
		this.codec = codec;
		this.node = node;
		this.system = system;
		this.identityHost = identityHost;
		this.identityPort = identityPort;
		this.channel = new Bootstrap().group(GROUP)
			.channel(NioSocketChannel.class)
			.handler(new ChannelInitializer<SocketChannel>() {
				@Override
				protected void initChannel(SocketChannel ch) {
					ch.pipeline().addLast(new CastyFrameDecoder(CastyFrameDecoder.DEFAULT_MAX_FRAME_LENGTH),
							new SimpleChannelInboundHandler<Frame>() {
								@Override
								protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
									RawCastyClient.this.frames.add(frame);
								}
							});
				}
			})
			.connect(node.host(), node.port())
			.syncUninterruptibly()
			.channel();
	}

	/** Connects without sending anything. */
	static RawCastyClient open(CastyTestCluster cluster, int nodeIndex, String identityHost, int identityPort) {
		return new RawCastyClient(cluster.codec(), cluster.node(nodeIndex).address(), cluster.systemName(),
				identityHost, identityPort);
	}

	/** Connects and completes the handshake. */
	static RawCastyClient connect(CastyTestCluster cluster, int nodeIndex, String identityHost, int identityPort) {
		RawCastyClient client = open(cluster, nodeIndex, identityHost, identityPort);
		client.handshake();
		return client;
	}

	static RawCastyClient connect(CastyTestCluster cluster, int nodeIndex) {
		return connect(cluster, nodeIndex, "-jc-test", 0);
	}

	Frame.Handshake handshake() {
		ByteBuf buf = Unpooled.buffer();
		FrameCodec.writeHandshake(this.identityHost, this.identityPort, buf);
		this.channel.writeAndFlush(buf).syncUninterruptibly();
		return awaitHandshake();
	}

	Frame.Handshake awaitHandshake() {
		return Awaitility.await().atMost(WAIT)
			.until(() -> this.frames.stream().filter(Frame.Handshake.class::isInstance).findFirst(), Optional::isPresent)
			.map(Frame.Handshake.class::cast)
			.orElseThrow();
	}

	<T> ActorRef<T> ref(String path) {
		return ActorRef.parse("casty://test-client@" + this.identityHost + ":" + this.identityPort + path);
	}

	void send(String path, Object message) {
		send(this.node, path, message);
	}

	void send(NodeAddress target, String path, Object message) {
		ByteBuf buf = Unpooled.buffer();
		FrameCodec.writeMessage(
				new MessageHeader("casty://" + this.system + "@" + target.host() + ":" + target.port() + path,
						"casty://test-client@" + this.identityHost + ":" + this.identityPort + "/",
						this.codec.typeHint(message)),
				(out) -> this.codec.encode(message, out), buf);
		writeRaw(buf);
	}

	void writeRaw(byte[] bytes) {
		writeRaw(Unpooled.wrappedBuffer(bytes));
	}

	void writeRaw(ByteBuf bytes) {
		this.channel.writeAndFlush(bytes).syncUninterruptibly();
	}

	/** Marks the current position; awaits from a mark see only later frames. */
	int mark() {
		return this.frames.size();
	}

	List<Frame> frames() {
		return List.copyOf(this.frames);
	}

	/** Awaits a message frame for a target path, decoded as the given type, after a mark. */
	<T> T await(int from, String targetPath, Class<T> type) {
		return await(from, targetPath, type, (value) -> true);
	}

	<T> T await(int from, String targetPath, Class<T> type, Predicate<T> condition) {
		return Awaitility.await().atMost(WAIT).until(() -> find(from, targetPath, type, condition), Optional::isPresent).get();
	}

	<T> Optional<T> find(int from, String targetPath, Class<T> type, Predicate<T> condition) {
		List<Frame> snapshot = List.copyOf(this.frames);
		for (int i = from; i < snapshot.size(); i++) {
			if (snapshot.get(i) instanceof Frame.Message message && message.header().targetPath().equals(targetPath)) {
				Object value = this.codec.decode(message.payload());
				if (type.isInstance(value) && condition.test(type.cast(value))) {
					return Optional.of(type.cast(value));
				}
			}
		}
		return Optional.empty();
	}

	/** The raw message frames received for a target path. */
	List<Frame.Message> messages(String targetPath) {
		return this.frames.stream()
			.filter(Frame.Message.class::isInstance)
			.map(Frame.Message.class::cast)
			.filter((m) -> m.header().targetPath().equals(targetPath))
			.toList();
	}

	int count(String targetPath) {
		return messages(targetPath).size();
	}

	boolean isOpen() {
		return this.channel.isActive();
	}

	void awaitClosed() {
		Awaitility.await().atMost(WAIT).until(() -> !this.channel.isActive());
	}

	@Nullable Frame last() {
		List<Frame> snapshot = List.copyOf(this.frames);
		return snapshot.isEmpty() ? null : snapshot.get(snapshot.size() - 1);
	}

	@Override
	public void close() {
		this.channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
	}

}
