package io.casty.client.distributed.protocol;

import io.casty.client.ActorRef;
import io.casty.client.CastyMessage;

/**
 * Requests to and replies from a {@code casty.distributed.semaphore} entity; its permit
 * count is fixed by the node that created the region.
 *
 * @since 0.1.0
 */
public sealed interface SemaphoreMessages {

	/**
	 * Takes a permit, or queues for one.
	 * @param owner who asks
	 * @param replyTo where the grant goes
	 */
	@CastyMessage("casty.distributed.semaphore.SemaphoreAcquire")
	record SemaphoreAcquire(String owner, ActorRef<SemaphoreAcquired> replyTo) implements SemaphoreMessages {
	}

	/** The grant of a {@link SemaphoreAcquire}. */
	@CastyMessage("casty.distributed.semaphore.SemaphoreAcquired")
	record SemaphoreAcquired() implements SemaphoreMessages {
	}

	/**
	 * Takes a permit only if one is free.
	 * @param owner who asks
	 * @param replyTo where the result goes
	 */
	@CastyMessage("casty.distributed.semaphore.SemaphoreTryAcquire")
	record SemaphoreTryAcquire(String owner, ActorRef<SemaphoreTryResult> replyTo) implements SemaphoreMessages {
	}

	/**
	 * The answer to a {@link SemaphoreTryAcquire}.
	 * @param acquired whether a permit was taken
	 */
	@CastyMessage("casty.distributed.semaphore.SemaphoreTryResult")
	record SemaphoreTryResult(boolean acquired) implements SemaphoreMessages {
	}

	/**
	 * Returns a permit held by {@code owner}; the next waiter gets it.
	 * @param owner who releases
	 * @param replyTo where the result goes
	 */
	@CastyMessage("casty.distributed.semaphore.SemaphoreRelease")
	record SemaphoreRelease(String owner, ActorRef<SemaphoreReleased> replyTo) implements SemaphoreMessages {
	}

	/**
	 * The answer to a {@link SemaphoreRelease}.
	 * @param released whether the owner held a permit
	 */
	@CastyMessage("casty.distributed.semaphore.SemaphoreReleased")
	record SemaphoreReleased(boolean released) implements SemaphoreMessages {
	}

	/**
	 * Stops the entity: holders and waiters are forgotten.
	 * @param replyTo where {@code true} goes
	 */
	@CastyMessage("casty.distributed.semaphore.DestroySemaphore")
	record DestroySemaphore(ActorRef<Boolean> replyTo) implements SemaphoreMessages {
	}

}
