package io.casty.client.distributed.protocol;

import io.casty.client.ActorRef;
import io.casty.client.CastyMessage;

/**
 * Requests to and replies from a {@code casty.distributed.barrier} entity (also the system
 * barrier, shard type {@code _barrier}).
 *
 * @since 0.1.0
 */
public sealed interface BarrierMessages {

	/**
	 * Arrives at the barrier; {@link BarrierReleased} comes to every waiter once
	 * {@code expected} distinct {@code node}s arrived. A second arrival with the same
	 * {@code node} replaces the first waiter, which is then never answered.
	 * @param node who arrives
	 * @param expected how many distinct arrivals release the barrier
	 * @param replyTo where the release goes
	 */
	@CastyMessage("casty.distributed.barrier.BarrierArrive")
	record BarrierArrive(String node, int expected, ActorRef<BarrierReleased> replyTo) implements BarrierMessages {
	}

	/** The release of every waiter. */
	@CastyMessage("casty.distributed.barrier.BarrierReleased")
	record BarrierReleased() implements BarrierMessages {
	}

	/**
	 * Stops the entity; waiters are never answered.
	 * @param replyTo where {@code true} goes
	 */
	@CastyMessage("casty.distributed.barrier.DestroyBarrier")
	record DestroyBarrier(ActorRef<Boolean> replyTo) implements BarrierMessages {
	}

}
