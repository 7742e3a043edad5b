package io.casty.client.routing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

import io.casty.client.BufferOptions;
import io.casty.client.BufferOverflowException;
import io.casty.client.CastyClientListener.AskOutcome;
import io.casty.client.CastyException;
import io.casty.client.ClientClosedException;
import io.casty.client.NodeAddress;
import io.casty.client.NodeUnreachableException;
import org.jspecify.annotations.Nullable;

/**
 * The messages of one shard type waiting for their shard's owner: per shard an ordered
 * queue ({@link PendingShard}), bounded by count per shard and by count and encoded bytes for
 * the whole type ({@link BufferOptions}), each message with a deadline. A message it drops
 * (expired, or dropped on close) is released here; one it hands out ({@link #drain}) is the
 * caller's to send or release.
 */
final class ShardBuffer {

	/** Why a message was not queued. */
	record Rejection(CastyException cause, AskOutcome outcome) {
	}

	/** Returned by {@link #offer} when the shard was resolved meanwhile: route again. */
	static final Rejection RESOLVED = new Rejection(new CastyException("resolved"), AskOutcome.ERROR);

	private final String shardType;

	private final BufferOptions limits;

	private final Map<Long, PendingShard> pending = new ConcurrentHashMap<>();

	private final AtomicInteger buffered = new AtomicInteger();

	private final AtomicLong bytes = new AtomicLong();

	ShardBuffer(String shardType, BufferOptions limits) {
		this.shardType = shardType;
		this.limits = limits;
	}

	/**
	 * The shard being resolved.
	 * @param shard the shard
	 * @return its buffer, or {@code null} if its owner is not being resolved
	 */
	@Nullable PendingShard get(long shard) {
		// the common case, nothing waits: no boxed key to look up
		return this.pending.isEmpty() ? null : this.pending.get(shard);
	}

	/**
	 * Starts resolving a shard.
	 * @param shard the shard
	 * @return the new buffer, or {@code null} if another caller started first
	 */
	@Nullable PendingShard open(long shard) {
		PendingShard created = new PendingShard(shard);
		return (this.pending.putIfAbsent(shard, created) == null) ? created : null;
	}

	/**
	 * Every shard being resolved.
	 * @return a live view
	 */
	Collection<PendingShard> shards() {
		return this.pending.values();
	}

	/**
	 * Queues a message behind the shard's earlier ones unless the shard's owner is known to
	 * be unreachable or a bound is reached.
	 * @param p the shard
	 * @param out the message
	 * @param clientClosed whether the router is closed
	 * @param queued called with the message once queued, under the shard's lock
	 * @return {@code null} if queued, {@link #RESOLVED} if the shard was resolved meanwhile,
	 * else why not
	 */
	@Nullable Rejection offer(PendingShard p, Outgoing out, boolean clientClosed,
			BiConsumer<PendingShard, Outgoing> queued) {
		synchronized (p) {
			if (p.closed) {
				return RESOLVED;
			}
			if (clientClosed) {
				// close() may have drained the buffers before this shard was added
				p.closed = true;
				for (Outgoing dropped : drain(p)) {
					dropped.envelope().release();
				}
				this.pending.remove(p.shard, p);
				return new Rejection(new ClientClosedException("The Casty client is closed"), AskOutcome.CLOSED);
			}
			NodeAddress unreachable = p.unreachableOwner;
			if (unreachable != null) {
				return new Rejection(new NodeUnreachableException(unreachable, "Shard " + p.shard + " of '"
						+ this.shardType + "' is on node " + unreachable
						+ ", which cannot be reached; the client keeps asking the coordinator for a new location"),
						AskOutcome.UNREACHABLE);
			}
			int size = out.envelope().payloadSize();
			if (p.queue.size() >= this.limits.maxPerShard() || this.buffered.get() >= this.limits.maxPerType()
					|| this.bytes.get() + size > this.limits.maxBytesPerType()) {
				return new Rejection(new BufferOverflowException("The buffer of shard " + p.shard + " of '"
						+ this.shardType + "' is full (" + p.queue.size() + " per shard, " + this.buffered.get()
						+ " messages and " + this.bytes.get() + " bytes for the type, this message " + size
						+ " bytes) while its location is resolved; slow down or raise the buffer limits"),
						AskOutcome.REJECTED);
			}
			p.queue.add(out);
			this.buffered.incrementAndGet();
			this.bytes.addAndGet(size);
			queued.accept(p, out);
			return null;
		}
	}

	/**
	 * Takes every message of a shard out, in order; the caller holds the shard's lock.
	 * @param p the shard
	 * @return the messages
	 */
	List<Outgoing> drain(PendingShard p) {
		List<Outgoing> drained = new ArrayList<>(p.queue);
		long size = 0;
		for (Outgoing out : drained) {
			size += out.envelope().payloadSize();
		}
		this.buffered.addAndGet(-drained.size());
		this.bytes.addAndGet(-size);
		p.queue.clear();
		return drained;
	}

	/**
	 * Ends the resolution of a shard; the caller holds the shard's lock and drained it.
	 * @param p the shard
	 */
	void remove(PendingShard p) {
		p.closed = true;
		Runnable cancel = p.cancelTimeout;
		if (cancel != null) {
			cancel.run();
		}
		this.pending.remove(p.shard, p);
	}

	/**
	 * Drops messages whose deadline passed and asks that are done.
	 * @param nowNanos the time ({@link System#nanoTime()})
	 * @return the tells dropped
	 */
	int expire(long nowNanos) {
		int dropped = 0;
		for (PendingShard p : this.pending.values()) {
			synchronized (p) {
				var it = p.queue.iterator();
				while (it.hasNext()) {
					Outgoing out = it.next();
					boolean abandoned = out.abandoned();
					if (abandoned || nowNanos - out.deadlineNanos() > 0) {
						it.remove();
						this.buffered.decrementAndGet();
						this.bytes.addAndGet(-out.envelope().payloadSize());
						out.envelope().release();
						if (out.ask() == null) {
							dropped++;
						}
					}
				}
			}
		}
		return dropped;
	}

	/**
	 * Drops everything, for good.
	 * @return the tells dropped (waiting asks are failed by the ask registry)
	 */
	int close() {
		int dropped = 0;
		for (PendingShard p : this.pending.values()) {
			synchronized (p) {
				p.closed = true;
				for (Outgoing out : drain(p)) {
					out.envelope().release();
					if (out.ask() == null) {
						dropped++;
					}
				}
			}
		}
		this.pending.clear();
		return dropped;
	}

	/**
	 * The messages waiting.
	 * @return the count
	 */
	int count() {
		return this.buffered.get();
	}

	/**
	 * The encoded bytes of the messages waiting.
	 * @return the payloads' total size
	 */
	long bytes() {
		return this.bytes.get();
	}

}
