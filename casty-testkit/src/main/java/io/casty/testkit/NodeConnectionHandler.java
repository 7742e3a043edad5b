package io.casty.testkit;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.casty.client.protocol.Frame;
import io.casty.client.protocol.FrameCodec;
import io.casty.client.protocol.messages.NodeAddress;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection of a node, accepted or dialled: the handshake of its side (§1.3), filing
 * under the peer identity with the race rule (§1.5), then message frames handed to the
 * node's message thread. Bad frames are counted and skipped; they never close the connection.
 */
final class NodeConnectionHandler extends SimpleChannelInboundHandler<Frame> {

	private static final Logger logger = LoggerFactory.getLogger(NodeConnectionHandler.class);

	private final NodeIncarnation incarnation;

	private final @Nullable NodeAddress dialled;

	private @Nullable NodeAddress identity;

	private boolean ready;

	private @Nullable ScheduledFuture<?> handshakeTimeout;

	/**
	 * @param incarnation the node
	 * @param dialled the address this node dialled, or null for an accepted connection
	 */
	NodeConnectionHandler(NodeIncarnation incarnation, @Nullable NodeAddress dialled) {
		this.incarnation = incarnation;
		this.dialled = dialled;
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		NodeAddress target = this.dialled;
		if (target != null) {
			writeOwnHandshake(ctx);
			// Casty waits 2 s for the reply, then uses the connection anyway under the dialled address.
			this.handshakeTimeout = ctx.executor().schedule(() -> {
				if (!this.ready) {
					establish(ctx, target);
				}
			}, this.incarnation.cluster().dialTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		ctx.fireChannelActive();
	}

	private void writeOwnHandshake(ChannelHandlerContext ctx) {
		NodeAddress self = this.incarnation.address();
		ByteBuf buf = ctx.alloc().buffer(64);
		FrameCodec.writeHandshake(self.host(), self.port(), buf);
		ctx.writeAndFlush(buf);
	}

	@Override
	protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
		TestNode node = this.incarnation.node();
		node.framesReceived.incrementAndGet();
		if (!this.ready) {
			if (this.dialled == null) {
				accept(ctx, frame);
				return;
			}
			if (frame instanceof Frame.Handshake handshake) {
				establish(ctx, new NodeAddress(handshake.host(), handshake.port()));
				return;
			}
			establish(ctx, this.dialled);
		}
		if (frame instanceof Frame.Message message) {
			String path;
			try {
				path = message.header().targetPath();
			}
			catch (RuntimeException ex) {
				node.dropped.incrementAndGet();
				logger.debug("{}: dropped message with unparseable target {}", node.id(), message.header().target());
				return;
			}
			byte[] payload = message.payload();
			this.incarnation.run(() -> this.incarnation.dispatch(path, payload));
		}
		else if (frame instanceof Frame.Invalid invalid) {
			node.invalidFrames.incrementAndGet();
			logger.debug("{}: skipped invalid frame from {}: {}", node.id(), this.identity, invalid.error().getMessage());
		}
		else {
			logger.debug("{}: ignored {} from {}", node.id(), frame, this.identity);
		}
	}

	private void accept(ChannelHandlerContext ctx, Frame frame) {
		if (!(frame instanceof Frame.Handshake handshake)) {
			logger.debug("{}: first frame is not a handshake ({}); closing", this.incarnation.node().id(), frame);
			ctx.close();
			return;
		}
		NodeAddress claimed = new NodeAddress(handshake.host(), handshake.port());
		this.identity = claimed;
		writeOwnHandshake(ctx);
		if (this.incarnation.register(claimed, ctx.channel(), true)) {
			this.ready = true;
		}
		else {
			this.identity = null;
			ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
		}
	}

	private void establish(ChannelHandlerContext ctx, NodeAddress canonical) {
		if (this.ready) {
			return;
		}
		this.ready = true;
		this.identity = canonical;
		if (this.handshakeTimeout != null) {
			this.handshakeTimeout.cancel(false);
		}
		this.incarnation.dialEstablished(this.dialled, canonical, ctx.channel());
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		this.incarnation.unregister(this.identity, ctx.channel());
		if (this.dialled != null && !this.ready) {
			this.incarnation.dialFailed(this.dialled, new java.io.IOException("Connection closed during the handshake"));
		}
		if (this.handshakeTimeout != null) {
			this.handshakeTimeout.cancel(false);
		}
		ctx.fireChannelInactive();
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		logger.debug("{}: connection {} failed: {}", this.incarnation.node().id(), this.identity, cause.toString());
		ctx.close();
	}

}
