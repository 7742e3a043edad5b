package io.casty.client.messaging;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * The asks in flight by id, with the bound on how many there may be. An ask holds a slot
 * from {@link #reserve()} until it ends ({@link #release()}), and sits in the table from
 * {@link #add} until the first {@link #remove} of it, which is what makes it end exactly once.
 */
final class AskTable {

	/** Where new ask ids come from: {@code CastyPaths::newAskId} but in tests. */
	@FunctionalInterface
	interface IdSource {

		/**
		 * A new ask id.
		 * @return 32 lowercase hex digits
		 */
		String next();

	}

	private final Map<String, PendingAsk> pending = new ConcurrentHashMap<>();

	private final AtomicInteger slots = new AtomicInteger();

	private final int maxPending;

	AskTable(int maxPending) {
		this.maxPending = maxPending;
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
		return this.pending.putIfAbsent(ask.id, ask) == null;
	}

	boolean contains(String askId) {
		return this.pending.containsKey(askId);
	}

	/**
	 * Removes the ask a reply is addressed to.
	 * @param askId the id
	 * @return the ask, or {@code null} if none waits under that id (any more)
	 */
	@Nullable PendingAsk remove(String askId) {
		return this.pending.remove(askId);
	}

	/**
	 * Removes an ask.
	 * @param ask the ask
	 * @return whether this call removed it: {@code true} once per ask at most
	 */
	boolean remove(PendingAsk ask) {
		return this.pending.remove(ask.id, ask);
	}

	/** The asks in flight, a weakly consistent view. */
	Collection<PendingAsk> asks() {
		return this.pending.values();
	}

	int size() {
		return this.pending.size();
	}

}
