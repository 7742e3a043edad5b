package io.casty.client.transport;

import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.internal.PlatformDependent;
import org.jspecify.annotations.Nullable;

/**
 * The outbound frames of one connection: frames offered from any thread are drained by one
 * event-loop task at a time, with one flush per batch, in the order they were offered. Many
 * small messages thus cost one system call, and no lock is taken on the sending path; small
 * frames that queued together are copied into one buffer, so the channel handles them as one
 * message. The
 * bytes waiting here are bounded; frames still queued when the queue is closed or the channel
 * goes inactive are released, not written. Shared by the client and the testkit.
 * <p>
 * Internal: public for the testkit's connections; not API, may change without notice.
 *
 * @since 0.1.0
 */
public final class OutboundQueue {

	/** Frames written between two flushes at most, so a long queue does not starve the socket. */
	private static final int MAX_BATCH = 512;

	/** Frames up to this size are joined with their neighbours into one buffer. */
	private static final int MAX_JOINED_FRAME = 2048;

	/** The size of a buffer of joined frames. */
	private static final int JOINED_CAPACITY = 16 * 1024;

	private final Channel channel;

	private final long maxBytes;

	/** Many producers, one consumer at a time: whoever holds {@link #draining}. No node per frame. */
	private final Queue<ByteBuf> frames = PlatformDependent.newMpscQueue();

	private final AtomicLong bytes = new AtomicLong();

	private final AtomicBoolean draining = new AtomicBoolean();

	private final Runnable drain = this::drain;

	/** Used by the one consumer of {@link #frames} at a time. */
	private final Batch batch;

	/** Set once no frame is taken any more. */
	private volatile boolean closed;

	/** Set once queued frames are released instead of written. */
	private volatile boolean discarding;

	/**
	 * Creates the queue of a channel.
	 * @param channel the channel written to
	 * @param maxBytes the most bytes that may wait, see {@link #offer(ByteBuf)}
	 */
	OutboundQueue(Channel channel, long maxBytes) {
		this.channel = channel;
		this.maxBytes = maxBytes;
		this.batch = new Batch(channel);
	}

	/**
	 * Creates a queue with no bound on the waiting bytes, for writers that are bounded
	 * elsewhere.
	 * @param channel the channel written to
	 * @return the queue
	 */
	public static OutboundQueue unbounded(Channel channel) {
		return new OutboundQueue(channel, Long.MAX_VALUE);
	}

	/**
	 * Queues a frame unless that would exceed the byte bound or the channel is not writable
	 * (Netty's high water mark), taking ownership of the frame either way.
	 * @param frame the frame
	 * @return whether it was queued; when not, the frame is released
	 */
	public boolean offer(ByteBuf frame) {
		int size = frame.readableBytes();
		if (this.closed) {
			frame.release();
			return false;
		}
		if (this.bytes.addAndGet(size) > this.maxBytes || !this.channel.isWritable()) {
			this.bytes.addAndGet(-size);
			frame.release();
			return false;
		}
		this.frames.add(frame);
		scheduleDrain();
		return true;
	}

	/**
	 * Queues a frame that was already accepted (for example one that waited for the
	 * handshake), without checking the bound, taking ownership of it.
	 * @param frame the frame
	 */
	public void add(ByteBuf frame) {
		if (this.closed) {
			frame.release();
			return;
		}
		this.bytes.addAndGet(frame.readableBytes());
		this.frames.add(frame);
		scheduleDrain();
	}

	/**
	 * The bytes waiting to be written; frames a drain took count until its flush.
	 * @return the count
	 */
	public long pendingBytes() {
		return this.bytes.get();
	}

	/**
	 * Stops taking frames, writes those already queued, then closes the channel: a last
	 * message (an unsubscription) sent just before closing still leaves.
	 */
	public void closeAfterWrites() {
		this.closed = true;
		try {
			// On the event loop, after any drain already queued: what was accepted is written
			// first, then the channel closes.
			this.channel.eventLoop().execute(() -> {
				drain();
				close();
				// The empty write completes once everything before it reached the socket; closing
				// at once would fail writes still in Netty's outbound buffer.
				this.channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
			});
		}
		catch (RejectedExecutionException ex) {
			this.channel.close();
			close();
		}
	}

	/**
	 * Stops writing: frames still queued, and any offered later, are released.
	 */
	public void close() {
		this.closed = true;
		this.discarding = true;
		// the queue has one consumer at a time; a drain running now releases what is left itself
		while (this.draining.compareAndSet(false, true)) {
			ByteBuf unsent;
			while ((unsent = this.frames.poll()) != null) {
				this.bytes.addAndGet(-unsent.readableBytes());
				unsent.release();
			}
			this.draining.set(false);
			if (this.frames.isEmpty()) {
				return;
			}
		}
	}

	private void scheduleDrain() {
		if (this.draining.compareAndSet(false, true)) {
			this.channel.eventLoop().execute(this.drain);
		}
	}

	private void drain() {
		Channel ch = this.channel;
		while (true) {
			Batch batch = this.batch;
			ByteBuf frame;
			// counted off once per flush, not per frame: the senders add to the same counter
			long drained = 0;
			try {
				while ((frame = this.frames.poll()) != null) {
					drained += frame.readableBytes();
					if (this.discarding || !ch.isActive()) {
						frame.release();
						continue;
					}
					batch.add(frame);
					if (batch.frames == MAX_BATCH) {
						batch.flush();
						this.bytes.addAndGet(-drained);
						drained = 0;
					}
				}
				batch.flush();
			}
			finally {
				if (drained != 0) {
					this.bytes.addAndGet(-drained);
				}
			}
			this.draining.set(false);
			if (this.frames.isEmpty() || !this.draining.compareAndSet(false, true)) {
				return;
			}
		}
	}

	/**
	 * The frames of one drain between two flushes. Small frames that come in a row are
	 * copied into one buffer: the channel then handles one message instead of many (each
	 * costs Netty an entry in its outbound buffer and a {@code ByteBuffer} for the gathering
	 * write); a frame alone, or a large one, is written as it is.
	 */
	private static final class Batch {

		private final Channel channel;

		/** A small frame not written yet: it may be joined by the next one. */
		private @Nullable ByteBuf held;

		/** Small frames copied together, not written yet. */
		private @Nullable ByteBuf joined;

		/** Frames since the last flush. */
		int frames;

		Batch(Channel channel) {
			this.channel = channel;
		}

		void add(ByteBuf frame) {
			this.frames++;
			int size = frame.readableBytes();
			if (size > MAX_JOINED_FRAME) {
				writePending();
				write(frame);
				return;
			}
			ByteBuf buffer = this.joined;
			if (buffer != null) {
				if (buffer.writableBytes() >= size) {
					buffer.writeBytes(frame);
					frame.release();
					return;
				}
				write(buffer);
				this.joined = null;
			}
			ByteBuf first = this.held;
			if (first == null) {
				this.held = frame;
				return;
			}
			this.held = null;
			ByteBuf buf = this.channel.alloc().directBuffer(Math.max(JOINED_CAPACITY, first.readableBytes() + size));
			buf.writeBytes(first);
			first.release();
			buf.writeBytes(frame);
			frame.release();
			this.joined = buf;
		}

		/** Writes what is pending and flushes, if anything was added since the last flush. */
		void flush() {
			if (this.frames > 0) {
				writePending();
				this.channel.flush();
				this.frames = 0;
			}
		}

		private void writePending() {
			ByteBuf frame = this.held;
			if (frame != null) {
				write(owned(frame));
				this.held = null;
			}
			ByteBuf buffer = this.joined;
			if (buffer != null) {
				write(buffer);
				this.joined = null;
			}
		}

		/**
		 * A small frame written alone, copied into a buffer of the channel's allocator when
		 * that is Netty's pooled one and the frame is not its: a pooled buffer keeps its NIO
		 * view, where writing a buffer of Netty's default (adaptive) allocator costs a new
		 * 64-byte {@code ByteBuffer}, more than copying a small frame.
		 */
		private ByteBuf owned(ByteBuf frame) {
			ByteBufAllocator alloc = this.channel.alloc();
			if (!(alloc instanceof PooledByteBufAllocator) || frame.alloc() == alloc) {
				return frame;
			}
			ByteBuf copy = alloc.directBuffer(frame.readableBytes());
			copy.writeBytes(frame);
			frame.release();
			return copy;
		}

		private void write(ByteBuf buf) {
			this.channel.write(buf, this.channel.voidPromise());
		}

	}

}
