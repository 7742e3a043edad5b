package io.casty.client.transport;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import io.casty.client.BufferOverflowException;
import io.casty.client.CastyException;
import io.casty.client.ClientClosedException;
import io.casty.client.NodeAddress;
import io.casty.client.NodeUnreachableException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import org.jspecify.annotations.Nullable;

/**
 * One connection to one node. While the TCP connect and handshake run, frames queue (bounded
 * by bytes). Once ready, frames from any thread go through one outbound queue that a single
 * event-loop task drains with one flush per batch: writes keep the order in which they were
 * sent, and many small messages cost one system call. The bytes waiting in the queue and in
 * the channel are bounded. Messages that wait for an answer ({@link #await}) are failed
 * together when the connection closes.
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

	/**
	 * Messages sent on this connection that wait for an answer: a ring linked through the
	 * entries themselves (no map node per message), this sentinel its start and its lock.
	 */
	private final Awaiting awaiting = new Awaiting();

	/** How many entries {@link #awaiting} links; guarded by it. */
	private int awaitingCount;

	/** Set once the connection closed: an entry added later fails at once; guarded by {@link #awaiting}. */
	private boolean awaitingClosed;

	/** Why the connection closed; set before the state becomes {@link State#CLOSED}. */
	private volatile @Nullable CastyException closeCause;

	private int queuedBytes;

	private volatile State state = State.CONNECTING;

	private volatile @Nullable Channel channel;

	private volatile @Nullable OutboundQueue outbound;

	private volatile NodeAddress canonical;

	/** When the last frame arrived on this connection, in {@link System#nanoTime()} terms. */
	private volatile long lastInboundNanos = System.nanoTime();

	/** Asks that timed out in a row while nothing arrived on this connection. */
	private final java.util.concurrent.atomic.AtomicInteger silentTimeouts = new java.util.concurrent.atomic.AtomicInteger();

	/** When the connection entered its current state. */
	private volatile Instant since = Instant.now();

	/** Whether the node's handshake declared {@code "pipelined": true}. */
	private volatile boolean pipelined;

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
		OutboundQueue queue = this.outbound;
		long pending = (queue != null) ? queue.pendingBytes() : 0;
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

	/**
	 * Whether the node's handshake declared that it reads a connection's messages without
	 * waiting for each to be handled.
	 */
	boolean pipelined() {
		return this.pipelined;
	}

	/** Files what the node's handshake declared (before the handshake completes). */
	void pipelined(boolean pipelined) {
		this.pipelined = pipelined;
	}

	void attach(Channel channel) {
		this.channel = channel;
		this.outbound = new OutboundQueue(channel, this.maxPendingBytes);
	}

	/**
	 * Sends a frame, taking ownership of it.
	 * @throws BufferOverflowException if too many bytes wait for this node
	 * @throws NodeUnreachableException if the connection is closed
	 * @throws ClientClosedException if the client closed it
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
		throw closed();
	}

	private void write(ByteBuf frame) {
		Channel ch = this.channel;
		OutboundQueue queue = this.outbound;
		if (ch == null || queue == null || !ch.isActive()) {
			frame.release();
			throw closed();
		}
		if (!queue.offer(frame)) {
			if (this.state == State.CLOSED) {
				throw closed();
			}
			throw new BufferOverflowException("The outbound buffer to node " + this.address + " holds more than "
					+ this.maxPendingBytes + " bytes: the node or network is slower than the sender");
		}
	}

	/**
	 * Why a frame cannot go: the client closed (a send racing {@code close()}) or the
	 * connection is gone.
	 */
	private CastyException closed() {
		if (this.closeCause instanceof ClientClosedException) {
			return new ClientClosedException("The Casty client is closed");
		}
		return new NodeUnreachableException(this.address, "The connection to node " + this.address + " is closed");
	}

	/**
	 * Registers a message sent on this connection that waits for an answer: if the
	 * connection closes before {@link InFlight#done()}, {@code failure} is told, once (at
	 * once if it is closed already).
	 * @param failure told if the connection closes first
	 * @return call {@link InFlight#done()} once the answer arrived or is no longer awaited
	 */
	InFlight await(SendFailure failure) {
		Awaiting waiting = new Awaiting(failure);
		synchronized (this.awaiting) {
			if (!this.awaitingClosed) {
				waiting.linkBefore(this.awaiting);
				this.awaitingCount++;
				return waiting;
			}
		}
		CastyException cause = this.closeCause;
		failure.failed((cause != null) ? cause
				: new NodeUnreachableException(this.address, "The connection to node " + this.address + " is closed"));
		return waiting;
	}

	/** The number of messages waiting for an answer on this connection. */
	int awaitingCount() {
		synchronized (this.awaiting) {
			return this.awaitingCount;
		}
	}

	/** Handshake done (on the channel's event loop): flush what queued, in order. */
	void ready(NodeAddress canonicalAddress) {
		this.canonical = canonicalAddress;
		synchronized (this) {
			OutboundQueue queue = this.outbound;
			if (this.state != State.CONNECTING || queue == null) {
				return;
			}
			for (Queued q : this.queued) {
				queue.add(q.frame());
			}
			this.queued.clear();
			this.queuedBytes = 0;
			this.state = State.READY;
			this.since = Instant.now();
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
			this.closeCause = cause;
			this.state = State.CLOSED;
			this.since = Instant.now();
			failed = new ArrayDeque<>(this.queued);
			this.queued.clear();
			this.queuedBytes = 0;
		}
		Channel ch = this.channel;
		OutboundQueue queue = this.outbound;
		if (queue != null) {
			queue.closeAfterWrites();
		}
		else if (ch != null) {
			ch.close();
		}
		for (Queued q : failed) {
			q.frame().release();
			q.failure().failed(cause);
		}
		List<Awaiting> lost = new ArrayList<>();
		synchronized (this.awaiting) {
			this.awaitingClosed = true;
			for (Awaiting waiting = this.awaiting.next; waiting != this.awaiting; waiting = this.awaiting.next) {
				waiting.unlink();
				lost.add(waiting);
			}
			this.awaitingCount = 0;
		}
		for (Awaiting waiting : lost) {
			waiting.failure.failed(cause);
		}
	}

	/** One message waiting for an answer, linked into {@link #awaiting} while it waits. */
	private final class Awaiting implements InFlight {

		private final SendFailure failure;

		/** Neighbours while linked, {@code null} when not; guarded by {@link #awaiting}. */
		private @Nullable Awaiting prev;

		private @Nullable Awaiting next;

		Awaiting(SendFailure failure) {
			this.failure = failure;
		}

		/** The sentinel: a ring of one. */
		Awaiting() {
			this.failure = SendFailure.IGNORE;
			this.prev = this;
			this.next = this;
		}

		@Override
		public void done() {
			synchronized (NodeConnection.this.awaiting) {
				if (this.next != null) {
					unlink();
					NodeConnection.this.awaitingCount--;
				}
			}
		}

		void linkBefore(Awaiting at) {
			Awaiting before = at.prev;
			this.prev = before;
			this.next = at;
			before.next = this;
			at.prev = this;
		}

		void unlink() {
			this.prev.next = this.next;
			this.next.prev = this.prev;
			this.prev = null;
			this.next = null;
		}

	}

}
