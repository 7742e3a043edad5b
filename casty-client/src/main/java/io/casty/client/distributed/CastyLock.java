package io.casty.client.distributed;

import java.util.Optional;

import io.casty.client.ActorRef;
import io.casty.client.distributed.protocol.LockMessages;

/**
 * A distributed mutual-exclusion lock: one entity ({@code d-lock-<name>}, entity id
 * {@code <name>}); waiters are granted the lock in arrival order. Obtain one from
 * {@link CastyDistributed#lock(String)}.
 *
 * <pre>{@code
 * CastyLock lock = client.distributed().lock("invoice-42");
 * try (Permit held = lock.lock()) {
 *     // only one holder in the whole cluster at a time
 * }
 * }</pre>
 *
 * Every acquisition is its own owner, so the lock is not reentrant: acquiring it again
 * while holding it waits for yourself. An acquisition that times out never leaves the lock
 * to a dead waiter (see {@link #acquire(java.time.Duration)}). Casty v0.21.0 has no leases:
 * a holder that dies keeps the lock until it is destroyed.
 *
 * @since 0.1.0
 */
public final class CastyLock extends OwnedStructure {

	CastyLock(StructureGateway gateway, String name, StructureOptions options) {
		super(gateway, "lock", name, "d-lock-" + name, options);
	}

	/**
	 * Blocks until the lock is held, for the lock's timeout; for try-with-resources.
	 * @return the held lock
	 * @throws io.casty.client.CastyTimeoutException if not granted in time
	 */
	public Permit lock() {
		return Blocking.await(acquire());
	}

	/**
	 * Takes the lock if it is free now, blocking only for the round trip.
	 * @return the held lock, or empty if someone holds it
	 */
	public Optional<Permit> tryLock() {
		return Blocking.await(tryAcquire());
	}

	@Override
	Object acquireRequest(String owner, ActorRef<Object> replyTo) {
		return new LockMessages.LockAcquire(owner, replyTo.narrow());
	}

	@Override
	Object tryAcquireRequest(String owner, ActorRef<Object> replyTo) {
		return new LockMessages.LockTryAcquire(owner, replyTo.narrow());
	}

	@Override
	boolean tryAcquired(Object reply) {
		return ((LockMessages.LockTryResult) reply).acquired();
	}

	@Override
	Object releaseRequest(String owner, ActorRef<Object> replyTo) {
		return new LockMessages.LockRelease(owner, replyTo.narrow());
	}

	@Override
	boolean released(Object reply) {
		return ((LockMessages.LockReleased) reply).released();
	}

	@Override
	Object destroyRequest(ActorRef<Object> replyTo) {
		return new LockMessages.DestroyLock(replyTo.narrow());
	}

	@Override
	Class<?> grantType() {
		return LockMessages.LockAcquired.class;
	}

	@Override
	Class<?> tryResultType() {
		return LockMessages.LockTryResult.class;
	}

	@Override
	Class<?> releaseResultType() {
		return LockMessages.LockReleased.class;
	}

	@Override
	String creationHint() {
		return "system.distributed().lock(\"" + this.name + "\", shards=" + this.options.shards() + ")";
	}

}
