package io.casty.sample.messages;

import io.casty.client.ActorRef;
import io.casty.client.CastyMessage;
import io.casty.spring.boot.autoconfigure.entity.CastyEntity;

/**
 * Messages of the {@code counter} entities.
 *
 * @since 0.1.0
 */
@CastyEntity(type = SampleTypes.COUNTER, shards = SampleTypes.NUM_SHARDS)
public sealed interface CounterMsg permits CounterMsg.Increment, CounterMsg.GetCount {

	/**
	 * Adds to the counter (tell, no reply).
	 *
	 * @param amount the amount to add
	 */
	@CastyMessage("casty_sample.messages.Increment")
	record Increment(long amount) implements CounterMsg {
	}

	/**
	 * Asks for the current count; the entity replies with an int.
	 *
	 * @param replyTo where the count goes
	 */
	@CastyMessage("casty_sample.messages.GetCount")
	record GetCount(ActorRef<Long> replyTo) implements CounterMsg {
	}

}
