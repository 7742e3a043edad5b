package io.casty.client.distributed.protocol;

import io.casty.client.ActorRef;
import io.casty.client.CastyMessage;

/**
 * Requests to a {@code casty.distributed.counter} entity; each gets exactly one reply.
 *
 * @since 0.1.0
 */
public sealed interface CounterMessages {

	/**
	 * Adds to the counter; the reply is the new value.
	 * @param amount what to add
	 * @param replyTo where the new value goes
	 */
	@CastyMessage("casty.distributed.counter.Increment")
	record Increment(long amount, ActorRef<Long> replyTo) implements CounterMessages {
	}

	/**
	 * Subtracts from the counter; the reply is the new value.
	 * @param amount what to subtract
	 * @param replyTo where the new value goes
	 */
	@CastyMessage("casty.distributed.counter.Decrement")
	record Decrement(long amount, ActorRef<Long> replyTo) implements CounterMessages {
	}

	/**
	 * Reads the counter.
	 * @param replyTo where the value goes
	 */
	@CastyMessage("casty.distributed.counter.GetValue")
	record GetValue(ActorRef<Long> replyTo) implements CounterMessages {
	}

	/**
	 * Stops the entity (its value is lost); the reply is {@code true}.
	 * @param replyTo where the answer goes
	 */
	@CastyMessage("casty.distributed.counter.DestroyCounter")
	record DestroyCounter(ActorRef<Boolean> replyTo) implements CounterMessages {
	}

}
