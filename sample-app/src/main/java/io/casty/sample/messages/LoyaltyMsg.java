package io.casty.sample.messages;

import io.casty.client.ActorRef;
import io.casty.client.CastyMessage;
import io.casty.spring.boot.autoconfigure.entity.CastyEntity;

/**
 * Messages of the {@code loyalty} entities: the loyalty points of one customer, the entity id.
 *
 * @since 0.1.0
 */
@CastyEntity(type = SampleTypes.LOYALTY, shards = SampleTypes.NUM_SHARDS)
public sealed interface LoyaltyMsg permits LoyaltyMsg.AddPoints, LoyaltyMsg.GetPoints {

	/**
	 * Adds points (tell, no reply).
	 *
	 * @param amount the points to add
	 */
	@CastyMessage("casty_sample.messages.AddPoints")
	record AddPoints(long amount) implements LoyaltyMsg {
	}

	/**
	 * Asks for the current points; the entity replies with an int.
	 *
	 * @param replyTo where the points go
	 */
	@CastyMessage("casty_sample.messages.GetPoints")
	record GetPoints(ActorRef<Long> replyTo) implements LoyaltyMsg {
	}

}
