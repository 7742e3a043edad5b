package io.casty.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.casty.client.protocol.CastyFrameDecoder;
import io.casty.client.protocol.Frame;
import io.casty.client.protocol.FrameCodec;
import io.casty.client.protocol.messages.GetShardLocation;
import io.casty.client.protocol.messages.ShardLocation;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node with no connection filed under a ref's address dials it, as Casty does.
 */
class DialBackIntegrationTests {

	@Test
	void leaderDialsAListeningClientToDeliverAReplyToAForwardedRequest() throws Exception {
		EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
		List<Frame> received = new CopyOnWriteArrayList<>();
		int[] port = new int[1];
		try (CastyTestCluster cluster = DemoMessages.wireDemo().start()) {
			Channel server = new ServerBootstrap().group(group)
				.channel(NioServerSocketChannel.class)
				.childHandler(new ChannelInitializer<SocketChannel>() {
					@Override
					protected void initChannel(SocketChannel ch) {
						ch.pipeline().addLast(new CastyFrameDecoder(1 << 20), new SimpleChannelInboundHandler<Frame>() {
							@Override
							protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
								if (frame instanceof Frame.Handshake) {
									ByteBuf reply = ctx.alloc().buffer();
									FrameCodec.writeHandshake("127.0.0.1", port[0], reply);
									ctx.writeAndFlush(reply);
								}
								received.add(frame);
							}
						});
					}
				})
				.bind("127.0.0.1", 0)
				.sync()
				.channel();
			port[0] = ((java.net.InetSocketAddress) server.localAddress()).getPort();
			try (RawCastyClient follower = RawCastyClient.connect(cluster, 1, "127.0.0.1", port[0])) {
				follower.send("/_coord-counter", new GetShardLocation(3, follower.ref("/_proxy-counter")));
				Frame.Message reply = await().atMost(RawCastyClient.WAIT)
					.until(() -> received.stream().filter(Frame.Message.class::isInstance).findFirst(), Optional::isPresent)
					.map(Frame.Message.class::cast)
					.orElseThrow();
				assertThat(received.get(0)).isEqualTo(new Frame.Handshake("127.0.0.1", cluster.node(0).address().port(), true));
				assertThat(reply.header().targetPath()).isEqualTo("/_proxy-counter");
				assertThat(reply.header().sender()).isEqualTo("casty://wire-demo@" + cluster.node(0).address() + "/");
				ShardLocation location = cluster.codec().decode(reply.payload(), ShardLocation.class);
				assertThat(location.shardId()).isEqualTo(3);
				assertThat(follower.count("/_proxy-counter")).isZero();
			}
			server.close().sync();
		}
		finally {
			group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
		}
	}

	@Test
	void failedDialDropsTheReplyAndBlacklistsTheAddress() {
		try (CastyTestCluster cluster = DemoMessages.wireDemo().blacklist(Duration.ofSeconds(5)).start();
				RawCastyClient follower = RawCastyClient.connect(cluster, 1, "-jc-nolisten", 0)) {
			long dropped = cluster.node(0).droppedMessages();
			follower.send("/_coord-counter", new GetShardLocation(4, follower.ref("/_proxy-counter")));
			await().atMost(RawCastyClient.WAIT).until(() -> cluster.node(0).droppedMessages() == dropped + 1);
			follower.send("/_coord-counter", new GetShardLocation(5, follower.ref("/_proxy-counter")));
			// blacklisted: dropped at once, without a new dial
			await().atMost(RawCastyClient.WAIT).until(() -> cluster.node(0).droppedMessages() == dropped + 2);
			assertThat(follower.count("/_proxy-counter")).isZero();
		}
	}

}
