package io.casty.testkit;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

/**
 * Frames a node writes to one connection from its message thread, drained by one event-loop
 * task with one flush per batch, in the order they were written.
 */
final class ChannelOutbox {

	private static final AttributeKey<ChannelOutbox> KEY = AttributeKey.valueOf("casty-testkit-outbox");

	private final Channel channel;

	private final Queue<ByteBuf> frames = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean draining = new AtomicBoolean();

	private final Runnable drain = this::drain;

	private ChannelOutbox(Channel channel) {
		this.channel = channel;
	}

	/**
	 * Queues a frame for a channel, taking ownership of it.
	 * @param channel the channel
	 * @param frame the frame
	 */
	static void write(Channel channel, ByteBuf frame) {
		ChannelOutbox outbox = channel.attr(KEY).get();
		if (outbox == null) {
			ChannelOutbox created = new ChannelOutbox(channel);
			outbox = channel.attr(KEY).setIfAbsent(created);
			if (outbox == null) {
				outbox = created;
			}
		}
		outbox.frames.add(frame);
		if (outbox.draining.compareAndSet(false, true)) {
			channel.eventLoop().execute(outbox.drain);
		}
	}

	private void drain() {
		while (true) {
			ByteBuf frame;
			boolean wrote = false;
			while ((frame = this.frames.poll()) != null) {
				if (this.channel.isActive()) {
					this.channel.write(frame, this.channel.voidPromise());
					wrote = true;
				}
				else {
					frame.release();
				}
			}
			if (wrote) {
				this.channel.flush();
			}
			this.draining.set(false);
			if (this.frames.isEmpty() || !this.draining.compareAndSet(false, true)) {
				return;
			}
		}
	}

}
