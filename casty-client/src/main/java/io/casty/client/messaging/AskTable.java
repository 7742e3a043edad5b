package io.casty.client.messaging;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.jspecify.annotations.Nullable;

/**
 * The asks in flight by id, with the bound on how many there may be. An ask holds a slot
 * from {@link #reserve()} until it ends ({@link #release()}), and sits in the table from
 * {@link #add} until the first {@link #remove} of it, which is what makes it end exactly once.
 * <p>
 * Ids are numbers handed out in sequence, so the table is a ring indexed by the id's low
 * bits: adding and removing an ask allocates nothing and hashes nothing. An ask whose ring
 * entry is still held by an older one (which outlived a full turn of the ring) goes to an
 * overflow map instead.
 */
final class AskTable {

	/** The largest ring: 16,384 entries (64 KB of references at most). */
	static final int MAX_RING = 1 << 14;

	/** Where new ask ids come from (the last 16 hex digits): a counter but in tests. */
	@FunctionalInterface
	interface IdSource {

		/**
		 * A new ask id.
		 * @return the number
		 */
		long next();

	}

	private final AtomicReferenceArray<@Nullable PendingAsk> ring;

	private final int mask;

	private final Map<Long, PendingAsk> overflow = new ConcurrentHashMap<>();

	private final AtomicInteger slots = new AtomicInteger();

	private final int maxPending;

	AskTable(int maxPending) {
		this.maxPending = maxPending;
		// twice the bound, so that asks in flight rarely meet in the ring
		int wanted = (int) Math.min(MAX_RING, Math.max(16L, 2L * maxPending));
		this.ring = new AtomicReferenceArray<>(
				(Integer.bitCount(wanted) == 1) ? wanted : Integer.highestOneBit(wanted) << 1);
		this.mask = this.ring.length() - 1;
	}

	int maxPending() {
		return this.maxPending;
	}

	/**
	 * Takes an in-flight slot.
	 * @return {@code false} if {@link #maxPending()} asks are in flight
	 */
	boolean reserve() {
		if (this.slots.incrementAndGet() > this.maxPending) {
			this.slots.decrementAndGet();
			return false;
		}
		return true;
	}

	/** Gives back the slot of an ask that ended or was never added. */
	void release() {
		this.slots.decrementAndGet();
	}

	/**
	 * Adds an ask under its id.
	 * @param ask the ask
	 * @return {@code false} if another ask holds that id, in which case nothing changed
	 */
	boolean add(PendingAsk ask) {
		int at = index(ask.id);
		PendingAsk there;
		while ((there = this.ring.get(at)) == null) {
			if (this.ring.compareAndSet(at, null, ask)) {
				return true;
			}
		}
		return there.id != ask.id && this.overflow.putIfAbsent(ask.id, ask) == null;
	}

	boolean contains(long askId) {
		PendingAsk there = this.ring.get(index(askId));
		return (there != null && there.id == askId) || (!this.overflow.isEmpty() && this.overflow.containsKey(askId));
	}

	/**
	 * Removes the ask a reply is addressed to.
	 * @param askId the id
	 * @return the ask, or {@code null} if none waits under that id (any more)
	 */
	@Nullable PendingAsk remove(long askId) {
		int at = index(askId);
		PendingAsk there = this.ring.get(at);
		if (there != null && there.id == askId) {
			return this.ring.compareAndSet(at, there, null) ? there : null;
		}
		return this.overflow.isEmpty() ? null : this.overflow.remove(askId);
	}

	/**
	 * Removes an ask.
	 * @param ask the ask
	 * @return whether this call removed it: {@code true} once per ask at most
	 */
	boolean remove(PendingAsk ask) {
		int at = index(ask.id);
		if (this.ring.get(at) == ask) {
			return this.ring.compareAndSet(at, ask, null);
		}
		return !this.overflow.isEmpty() && this.overflow.remove(ask.id, ask);
	}

	/** The asks in flight, a weakly consistent copy. */
	Collection<PendingAsk> asks() {
		List<PendingAsk> asks = new ArrayList<>();
		for (int i = 0; i < this.ring.length(); i++) {
			PendingAsk ask = this.ring.get(i);
			if (ask != null) {
				asks.add(ask);
			}
		}
		asks.addAll(this.overflow.values());
		return asks;
	}

	/** The number of asks in flight, counted: for gauges and tests, not the hot path. */
	int size() {
		int size = this.overflow.size();
		for (int i = 0; i < this.ring.length(); i++) {
			if (this.ring.get(i) != null) {
				size++;
			}
		}
		return size;
	}

	private int index(long askId) {
		return (int) askId & this.mask;
	}

}
