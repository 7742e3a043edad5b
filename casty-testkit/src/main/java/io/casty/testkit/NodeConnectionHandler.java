package io.casty.testkit;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.casty.client.NodeAddress;
import io.casty.client.protocol.Frame;
import io.casty.client.protocol.FrameCodec;
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

	private final NodeTransport transport;

	private final @Nullable NodeAddress dialled;

	private @Nullable NodeAddress identity;

	private boolean ready;

	private @Nullable ScheduledFuture<?> handshakeTimeout;

	/**
	 * @param transport the node's transport
	 * @param dialled the address this node dialled, or null for an accepted connection
	 */
	NodeConnectionHandler(NodeTransport transport, @Nullable NodeAddress dialled) {
		this.transport = transport;
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
			}, this.transport.dialTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		ctx.fireChannelActive();
	}

	private void writeOwnHandshake(ChannelHandlerContext ctx) {
		NodeAddress self = this.transport.address();
		ByteBuf buf = ctx.alloc().buffer(64);
		// The node reads a connection's messages without waiting for each to be handled (unlike
		// a Casty v0.21.0 node): unless told to answer as Casty does, it says so, and a client
		// choosing its connections per node uses one.
		FrameCodec.writeHandshake(self.host(), self.port(), this.transport.pipelinedHandshake(), buf);
		ctx.writeAndFlush(buf);
	}

	@Override
	protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
		NodeCounters counters = this.transport.counters();
		counters.framesReceived.incrementAndGet();
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
				counters.dropped.incrementAndGet();
				logger.debug("{}: dropped message with unparseable target {}", this.transport.nodeId(),
						message.header().target());
				return;
			}
			this.transport.inbound(path, message.payload());
		}
		else if (frame instanceof Frame.Invalid invalid) {
			counters.invalidFrames.incrementAndGet();
			logger.debug("{}: skipped invalid frame from {}: {}", this.transport.nodeId(), this.identity, invalid.error().getMessage());
		}
		else {
			logger.debug("{}: ignored {} from {}", this.transport.nodeId(), frame, this.identity);
		}
	}

	private void accept(ChannelHandlerContext ctx, Frame frame) {
		if (!(frame instanceof Frame.Handshake handshake)) {
			logger.debug("{}: first frame is not a handshake ({}); closing", this.transport.nodeId(), frame);
			ctx.close();
			return;
		}
		NodeAddress claimed = new NodeAddress(handshake.host(), handshake.port());
		this.identity = claimed;
		writeOwnHandshake(ctx);
		if (this.transport.register(claimed, ctx.channel(), true)) {
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
		this.transport.dialEstablished(this.dialled, canonical, ctx.channel());
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		this.transport.unregister(this.identity, ctx.channel());
		if (this.dialled != null && !this.ready) {
			this.transport.dialFailed(this.dialled, new java.io.IOException("Connection closed during the handshake"));
		}
		if (this.handshakeTimeout != null) {
			this.handshakeTimeout.cancel(false);
		}
		ctx.fireChannelInactive();
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		logger.debug("{}: connection {} failed: {}", this.transport.nodeId(), this.identity, cause.toString());
		ctx.close();
	}

}
