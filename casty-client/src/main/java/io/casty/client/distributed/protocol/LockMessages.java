package io.casty.client.distributed.protocol;

import io.casty.client.ActorRef;
import io.casty.client.CastyMessage;

/**
 * Requests to and replies from a {@code casty.distributed.lock} entity. Waiters queue in
 * arrival order; the holder and each waiter are named by an opaque owner string.
 *
 * @since 0.1.0
 */
public sealed interface LockMessages {

	/**
	 * Takes the lock, or queues for it; {@link LockAcquired} comes when granted, possibly
	 * much later.
	 * @param owner who asks
	 * @param replyTo where the grant goes
	 */
	@CastyMessage("casty.distributed.lock.LockAcquire")
	record LockAcquire(String owner, ActorRef<LockAcquired> replyTo) implements LockMessages {
	}

	/** The grant of a {@link LockAcquire}. */
	@CastyMessage("casty.distributed.lock.LockAcquired")
	record LockAcquired() implements LockMessages {
	}

	/**
	 * Takes the lock only if it is free.
	 * @param owner who asks
	 * @param replyTo where the result goes
	 */
	@CastyMessage("casty.distributed.lock.LockTryAcquire")
	record LockTryAcquire(String owner, ActorRef<LockTryResult> replyTo) implements LockMessages {
	}

	/**
	 * The answer to a {@link LockTryAcquire}.
	 * @param acquired whether the lock was taken
	 */
	@CastyMessage("casty.distributed.lock.LockTryResult")
	record LockTryResult(boolean acquired) implements LockMessages {
	}

	/**
	 * Releases the lock if {@code owner} holds it; the next waiter gets it.
	 * @param owner who releases
	 * @param replyTo where the result goes
	 */
	@CastyMessage("casty.distributed.lock.LockRelease")
	record LockRelease(String owner, ActorRef<LockReleased> replyTo) implements LockMessages {
	}

	/**
	 * The answer to a {@link LockRelease}.
	 * @param released whether the owner held the lock
	 */
	@CastyMessage("casty.distributed.lock.LockReleased")
	record LockReleased(boolean released) implements LockMessages {
	}

	/**
	 * Stops the entity: holder and waiters are forgotten (waiters are never answered).
	 * @param replyTo where {@code true} goes
	 */
	@CastyMessage("casty.distributed.lock.DestroyLock")
	record DestroyLock(ActorRef<Boolean> replyTo) implements LockMessages {
	}

}
