package io.casty.client.transport;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.casty.client.CastyException;
import io.casty.client.NodeAddress;
import io.casty.client.NodeUnreachableException;
import io.casty.client.protocol.DirectReplies;
import io.casty.client.protocol.Frame;
import io.casty.client.protocol.FrameDecodingException;
import io.casty.client.protocol.FrameTooLongException;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Sinks;

/**
 * Handles the frames of a connection the client dialled: the node's handshake, then its
 * messages. Closes the connection when its byte stream breaks or the node stops reading
 * (its write buffer stays full), and reports the loss to the {@link NodeTable}.
 *
 * @since 0.1.0
 */
final class DialledHandler extends ChannelInboundHandlerAdapter implements DirectReplies {

	private static final Logger logger = LoggerFactory.getLogger(DialledHandler.class);

	private final NodeConnection connection;

	private final Sinks.One<NodeAddress> handshake;

	private final NodeTable table;

	private final FrameDispatch dispatch;

	private final Duration stuckWriteTimeout;

	private boolean handshaken;

	/** Why the client closed the connection itself, when it did. */
	private @Nullable NodeUnreachableException closeCause;

	private @Nullable ScheduledFuture<?> writeStall;

	DialledHandler(NodeConnection connection, Sinks.One<NodeAddress> handshake, NodeTable table, FrameDispatch dispatch,
			Duration stuckWriteTimeout) {
		this.connection = connection;
		this.handshake = handshake;
		this.table = table;
		this.dispatch = dispatch;
		this.stuckWriteTimeout = stuckWriteTimeout;
	}

	/** An ask reply the frame decoder took on: handed on as the frames after the handshake are. */
	@Override
	public boolean take(long idHigh, long idLow, byte[] payload, int offset, int length) {
		if (!this.handshaken) {
			return false;
		}
		this.connection.inbound();
		return this.dispatch.reply(this.connection.canonical(), idHigh, idLow, payload, offset, length);
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (!(msg instanceof Frame frame)) {
			ReferenceCountUtil.release(msg);
			return;
		}
		if (frame instanceof Frame.Handshake hello) {
			if (!this.handshaken) {
				this.handshaken = true;
				this.connection.pipelined(hello.pipelined());
				this.handshake.tryEmitValue(new NodeAddress(hello.host(), hello.port()));
			}
			return;
		}
		this.connection.inbound();
		if (frame instanceof Frame.Invalid invalid && invalid.error() instanceof FrameTooLongException) {
			broken(ctx, invalid.error());
			return;
		}
		this.dispatch.dispatch(this.connection.canonical(), frame);
	}

	/** The byte stream cannot be trusted any more: close, fail what waits, reconnect. */
	private void broken(ChannelHandlerContext ctx, CastyException error) {
		NodeAddress node = this.connection.canonical();
		if (this.closeCause == null) {
			this.closeCause = new NodeUnreachableException(node, "Closed the connection to node " + node
					+ " because its byte stream broke (" + error.getMessage() + "); reconnecting", error);
			this.dispatch.dropped("framing-error");
			this.dispatch.warn("framing-error " + node, "Closed the connection to node {}: {}", node, error.getMessage());
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
					stuck(ctx, "its connection's write buffer stayed full for " + this.stuckWriteTimeout.toMillis() + " ms");
				}
			}, this.stuckWriteTimeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		else if (ch.isWritable() && this.writeStall != null) {
			this.writeStall.cancel(false);
			this.writeStall = null;
		}
		ctx.fireChannelWritabilityChanged();
	}

	/** The node is connected but does not read: close and mark it failed. */
	private void stuck(ChannelHandlerContext ctx, String why) {
		NodeAddress node = this.connection.canonical();
		if (this.closeCause == null) {
			this.closeCause = new NodeUnreachableException(node,
					"Node " + node + " is connected but does not read: " + why + "; reconnecting in the background");
			this.dispatch.warn("stuck-node " + node, "Closed the connection to node {}: {}", node, why);
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
		this.table.lostIfCurrent(this.connection, cause);
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
