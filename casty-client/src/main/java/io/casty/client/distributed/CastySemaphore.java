package io.casty.client.distributed;

import java.util.Optional;

import io.casty.client.ActorRef;
import io.casty.client.distributed.protocol.SemaphoreMessages;

/**
 * A distributed counting semaphore: one entity ({@code d-sem-<name>}, entity id
 * {@code <name>}); waiters get permits in arrival order. The number of permits is fixed by
 * the node that created the semaphore ({@code system.distributed().semaphore("pool", permits=5)});
 * a client cannot choose it. Obtain one from {@link CastyDistributed#semaphore(String)}.
 *
 * <pre>{@code
 * try (Permit permit = client.distributed().semaphore("pool").acquirePermit()) {
 *     // at most N holders in the whole cluster
 * }
 * }</pre>
 *
 * An acquisition that times out never leaves a permit to a dead waiter (see
 * {@link #acquire(java.time.Duration)}). Casty v0.21.0 has no leases: a holder that dies
 * keeps its permit until the semaphore is destroyed.
 *
 * @since 0.1.0
 */
public final class CastySemaphore extends OwnedStructure {

	CastySemaphore(StructureGateway gateway, String name, StructureOptions options) {
		super(gateway, "semaphore", name, "d-sem-" + name, options);
	}

	/**
	 * Blocks until a permit is held, for the semaphore's timeout; for try-with-resources.
	 * @return the permit
	 * @throws io.casty.client.CastyTimeoutException if not granted in time
	 */
	public Permit acquirePermit() {
		return Blocking.await(acquire());
	}

	/**
	 * Takes a permit if one is free now, blocking only for the round trip.
	 * @return the permit, or empty if none is free
	 */
	public Optional<Permit> tryAcquirePermit() {
		return Blocking.await(tryAcquire());
	}

	@Override
	Object acquireRequest(String owner, ActorRef<Object> replyTo) {
		return new SemaphoreMessages.SemaphoreAcquire(owner, replyTo.narrow());
	}

	@Override
	Object tryAcquireRequest(String owner, ActorRef<Object> replyTo) {
		return new SemaphoreMessages.SemaphoreTryAcquire(owner, replyTo.narrow());
	}

	@Override
	boolean tryAcquired(Object reply) {
		return ((SemaphoreMessages.SemaphoreTryResult) reply).acquired();
	}

	@Override
	Object releaseRequest(String owner, ActorRef<Object> replyTo) {
		return new SemaphoreMessages.SemaphoreRelease(owner, replyTo.narrow());
	}

	@Override
	boolean released(Object reply) {
		return ((SemaphoreMessages.SemaphoreReleased) reply).released();
	}

	@Override
	Object destroyRequest(ActorRef<Object> replyTo) {
		return new SemaphoreMessages.DestroySemaphore(replyTo.narrow());
	}

	@Override
	Class<?> grantType() {
		return SemaphoreMessages.SemaphoreAcquired.class;
	}

	@Override
	Class<?> tryResultType() {
		return SemaphoreMessages.SemaphoreTryResult.class;
	}

	@Override
	Class<?> releaseResultType() {
		return SemaphoreMessages.SemaphoreReleased.class;
	}

	@Override
	String creationHint() {
		return "system.distributed().semaphore(\"" + this.name + "\", permits=N, shards=" + this.options.shards() + ")";
	}

}
