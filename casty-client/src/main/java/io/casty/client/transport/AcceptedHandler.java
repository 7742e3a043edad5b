package io.casty.client.transport;

import java.time.Duration;
import java.util.function.Supplier;

import io.casty.client.CastyException;
import io.casty.client.NodeAddress;
import io.casty.client.NodeUnreachableException;
import io.casty.client.protocol.DirectReplies;
import io.casty.client.protocol.Frame;
import io.casty.client.protocol.FrameCodec;
import io.casty.client.protocol.FrameDecodingException;
import io.casty.client.protocol.FrameTooLongException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles the frames of a connection a node dialled to the client's listener: the node's
 * handshake first (answered with the client's identity), then its messages. The connection
 * is handed to the {@link NodeTable}, which may use it both ways as Casty does.
 *
 * @since 0.1.0
 */
final class AcceptedHandler extends ChannelInboundHandlerAdapter implements DirectReplies {

	private static final Logger logger = LoggerFactory.getLogger(AcceptedHandler.class);

	private final NodeTable table;

	private final FrameDispatch dispatch;

	private final Supplier<ClientIdentity> identity;

	private final Duration handshakeTimeout;

	private @Nullable NodeAddress peer;

	private @Nullable NodeConnection connection;

	/** Why the client closed the connection, if it did. */
	private @Nullable NodeUnreachableException closeCause;

	AcceptedHandler(NodeTable table, FrameDispatch dispatch, Supplier<ClientIdentity> identity,
			Duration handshakeTimeout) {
		this.table = table;
		this.dispatch = dispatch;
		this.identity = identity;
		this.handshakeTimeout = handshakeTimeout;
	}

	/** An ask reply the frame decoder took on: handed on as the frames after the handshake are. */
	@Override
	public boolean take(long idHigh, long idLow, byte[] payload, int offset, int length) {
		NodeAddress node = this.peer;
		if (node == null) {
			return false;
		}
		NodeConnection current = this.connection;
		if (current != null) {
			current.inbound();
		}
		return this.dispatch.reply(node, idHigh, idLow, payload, offset, length);
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (!(msg instanceof Frame frame)) {
			ReferenceCountUtil.release(msg);
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
			ClientIdentity id = this.identity.get();
			FrameCodec.writeHandshake(id.host(), id.port(), reply);
			ctx.writeAndFlush(reply);
			NodeConnection accepted = this.table.newConnection(node);
			accepted.attach(ctx.channel());
			accepted.ready(node);
			this.connection = accepted;
			this.table.accepted(node, accepted);
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
		this.dispatch.dispatch(this.peer, frame);
	}

	/** Runs once the handshake timeout passed: a peer that never said who it is goes. */
	void handshakeTimedOut(Channel ch) {
		if (this.peer == null && ch.isActive()) {
			this.dispatch.warn("listener-handshake",
					"Closed a connection to the client's listener from {}: no handshake within {} ms", ch.remoteAddress(),
					this.handshakeTimeout.toMillis());
			ch.close();
		}
	}

	private void broken(ChannelHandlerContext ctx, CastyException error) {
		NodeAddress node = this.peer;
		if (this.closeCause == null && node != null) {
			this.closeCause = new NodeUnreachableException(node, "Closed the connection from node " + node
					+ " because its byte stream broke (" + error.getMessage() + "); it may dial again", error);
		}
		this.dispatch.dropped("framing-error");
		this.dispatch.warn("framing-error " + node, "Closed the connection from node {}: {}", node, error.getMessage());
		ctx.close();
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		NodeConnection accepted = this.connection;
		NodeAddress node = this.peer;
		if (accepted != null && node != null) {
			this.table.acceptedLost(node, accepted, this.closeCause);
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
