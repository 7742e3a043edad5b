package io.casty.client.transport;

import java.util.ArrayDeque;

import io.casty.client.BufferOverflowException;
import io.casty.client.CastyException;
import io.casty.client.NodeUnreachableException;
import io.casty.client.protocol.messages.NodeAddress;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import org.jspecify.annotations.Nullable;

/**
 * One connection to one node. While the TCP connect and handshake run, frames queue (bounded
 * by bytes); once ready they are written straight to the channel, whose write buffer is
 * bounded by its high water mark.
 *
 * @since 0.1.0
 */
final class NodeConnection {

	enum State {

		CONNECTING, READY, CLOSED

	}

	private record Queued(ByteBuf frame, SendFailure failure) {
	}

	private final NodeAddress address;

	private final int maxPendingBytes;

	private final ArrayDeque<Queued> queued = new ArrayDeque<>();

	private int queuedBytes;

	private volatile State state = State.CONNECTING;

	private volatile @Nullable Channel channel;

	private volatile NodeAddress canonical;

	NodeConnection(NodeAddress address, int maxPendingBytes) {
		this.address = address;
		this.canonical = address;
		this.maxPendingBytes = maxPendingBytes;
	}

	NodeAddress address() {
		return this.address;
	}

	NodeAddress canonical() {
		return this.canonical;
	}

	State state() {
		return this.state;
	}

	@Nullable Channel channel() {
		return this.channel;
	}

	void attach(Channel channel) {
		this.channel = channel;
	}

	/**
	 * Sends a frame, taking ownership of it.
	 * @throws BufferOverflowException if too many bytes wait for this node
	 * @throws NodeUnreachableException if the connection is closed
	 */
	void send(ByteBuf frame, SendFailure failure) {
		if (this.state == State.READY) {
			write(frame);
			return;
		}
		synchronized (this) {
			if (this.state == State.CONNECTING) {
				if (this.queuedBytes + frame.readableBytes() > this.maxPendingBytes) {
					frame.release();
					throw new BufferOverflowException("More than " + this.maxPendingBytes + " bytes wait for the connection to "
							+ this.address + " to open; slow down or raise max-pending-write-bytes");
				}
				this.queued.add(new Queued(frame, failure));
				this.queuedBytes += frame.readableBytes();
				return;
			}
		}
		if (this.state == State.READY) {
			write(frame);
			return;
		}
		frame.release();
		throw new NodeUnreachableException(this.address, "The connection to node " + this.address + " is closed");
	}

	private void write(ByteBuf frame) {
		Channel ch = this.channel;
		if (ch == null || !ch.isActive()) {
			frame.release();
			throw new NodeUnreachableException(this.address, "The connection to node " + this.address + " is closed");
		}
		if (!ch.isWritable()) {
			frame.release();
			throw new BufferOverflowException("The outbound buffer to node " + this.address + " holds more than "
					+ this.maxPendingBytes + " bytes: the node or network is slower than the sender");
		}
		if (ch.eventLoop().inEventLoop()) {
			// Netty would write at once, ahead of writes other threads queued on this loop
			// earlier; queue behind them so messages to one entity keep their order.
			ch.eventLoop().execute(() -> ch.writeAndFlush(frame, ch.voidPromise()));
		}
		else {
			ch.writeAndFlush(frame, ch.voidPromise());
		}
	}

	/** Handshake done (on the channel's event loop): flush what queued, in order. */
	void ready(NodeAddress canonicalAddress) {
		this.canonical = canonicalAddress;
		synchronized (this) {
			Channel ch = this.channel;
			if (this.state != State.CONNECTING || ch == null) {
				return;
			}
			for (Queued q : this.queued) {
				ch.write(q.frame(), ch.voidPromise());
			}
			ch.flush();
			this.queued.clear();
			this.queuedBytes = 0;
			this.state = State.READY;
		}
	}

	/** Closes the connection, failing whatever still queued. */
	void close(CastyException cause) {
		ArrayDeque<Queued> failed;
		synchronized (this) {
			if (this.state == State.CLOSED) {
				return;
			}
			this.state = State.CLOSED;
			failed = new ArrayDeque<>(this.queued);
			this.queued.clear();
			this.queuedBytes = 0;
		}
		Channel ch = this.channel;
		if (ch != null) {
			ch.close();
		}
		for (Queued q : failed) {
			q.frame().release();
			q.failure().failed(cause);
		}
	}

}
