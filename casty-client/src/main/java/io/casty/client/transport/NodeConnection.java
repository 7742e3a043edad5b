package io.casty.client.transport;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.casty.client.BufferOverflowException;
import io.casty.client.CastyException;
import io.casty.client.NodeUnreachableException;
import io.casty.client.protocol.messages.NodeAddress;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import org.jspecify.annotations.Nullable;

/**
 * One connection to one node. While the TCP connect and handshake run, frames queue (bounded
 * by bytes). Once ready, frames from any thread go through one outbound queue that a single
 * event-loop task drains with one flush per batch: writes keep the order in which they were
 * sent, and many small messages cost one system call. The bytes waiting in the queue and in
 * the channel are bounded.
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

	private final Queue<ByteBuf> outbound = new ConcurrentLinkedQueue<>();

	private final AtomicLong outboundBytes = new AtomicLong();

	private final AtomicBoolean draining = new AtomicBoolean();

	private final Runnable drain = this::drain;

	private volatile @Nullable Channel channel;

	private volatile NodeAddress canonical;

	/** When the last frame arrived on this connection, in {@link System#nanoTime()} terms. */
	private volatile long lastInboundNanos = System.nanoTime();

	/** Asks that timed out in a row while nothing arrived on this connection. */
	private final java.util.concurrent.atomic.AtomicInteger silentTimeouts = new java.util.concurrent.atomic.AtomicInteger();

	/** When the connection entered its current state. */
	private volatile Instant since = Instant.now();

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

	Instant since() {
		return this.since;
	}

	/**
	 * Bytes accepted but not yet written to the socket: queued while connecting, in the
	 * outbound queue, and in the channel's own buffer.
	 */
	long pendingWriteBytes() {
		long pending = this.outboundBytes.get();
		synchronized (this) {
			pending += this.queuedBytes;
		}
		Channel ch = this.channel;
		if (ch != null) {
			io.netty.channel.ChannelOutboundBuffer buffer = ch.unsafe().outboundBuffer();
			if (buffer != null) {
				pending += buffer.totalPendingWriteBytes();
			}
		}
		return pending;
	}

	/** A frame arrived: the node is alive. */
	void inbound() {
		this.lastInboundNanos = System.nanoTime();
		if (this.silentTimeouts.get() != 0) {
			this.silentTimeouts.set(0);
		}
	}

	/**
	 * Counts an ask sent on this connection that timed out.
	 * @param sentNanos when it was sent
	 * @return how many asks in a row timed out with nothing arriving since they were sent
	 */
	int askTimedOut(long sentNanos) {
		if (this.lastInboundNanos - sentNanos > 0) {
			this.silentTimeouts.set(0);
			return 0;
		}
		return this.silentTimeouts.incrementAndGet();
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
		int size = frame.readableBytes();
		if (this.outboundBytes.addAndGet(size) > this.maxPendingBytes || !ch.isWritable()) {
			this.outboundBytes.addAndGet(-size);
			frame.release();
			throw new BufferOverflowException("The outbound buffer to node " + this.address + " holds more than "
					+ this.maxPendingBytes + " bytes: the node or network is slower than the sender");
		}
		this.outbound.add(frame);
		if (this.draining.compareAndSet(false, true)) {
			ch.eventLoop().execute(this.drain);
		}
	}

	private void drain() {
		Channel ch = this.channel;
		ByteBuf frame;
		while (true) {
			int batch = 0;
			while ((frame = this.outbound.poll()) != null) {
				this.outboundBytes.addAndGet(-frame.readableBytes());
				if (ch == null || !ch.isActive()) {
					// a frame accepted before close() is still written while the channel is open
					frame.release();
					continue;
				}
				ch.write(frame, ch.voidPromise());
				if (++batch == 512) {
					ch.flush();
					batch = 0;
				}
			}
			if (ch != null && batch > 0) {
				ch.flush();
			}
			this.draining.set(false);
			if (this.outbound.isEmpty() || !this.draining.compareAndSet(false, true)) {
				return;
			}
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
				this.outboundBytes.addAndGet(q.frame().readableBytes());
				this.outbound.add(q.frame());
			}
			this.queued.clear();
			this.queuedBytes = 0;
			this.state = State.READY;
			this.since = Instant.now();
			if (!this.outbound.isEmpty() && this.draining.compareAndSet(false, true)) {
				ch.eventLoop().execute(this.drain);
			}
		}
	}

	private void releaseOutbound() {
		ByteBuf unsent;
		while ((unsent = this.outbound.poll()) != null) {
			this.outboundBytes.addAndGet(-unsent.readableBytes());
			unsent.release();
		}
	}

	/**
	 * Closes the connection: frames already accepted are written first; frames still waiting
	 * for the handshake are failed.
	 */
	void close(CastyException cause) {
		ArrayDeque<Queued> failed;
		synchronized (this) {
			if (this.state == State.CLOSED) {
				return;
			}
			this.state = State.CLOSED;
			this.since = Instant.now();
			failed = new ArrayDeque<>(this.queued);
			this.queued.clear();
			this.queuedBytes = 0;
		}
		Channel ch = this.channel;
		if (ch != null) {
			try {
				// On the event loop, after any drain already queued: what was accepted before
				// close (an unsubscribe, say) is written first, then the channel closes.
				ch.eventLoop().execute(() -> {
					drain();
					ch.close();
					releaseOutbound();
				});
			}
			catch (RejectedExecutionException ex) {
				ch.close();
				releaseOutbound();
			}
		}
		else {
			releaseOutbound();
		}
		for (Queued q : failed) {
			q.frame().release();
			q.failure().failed(cause);
		}
	}

}
