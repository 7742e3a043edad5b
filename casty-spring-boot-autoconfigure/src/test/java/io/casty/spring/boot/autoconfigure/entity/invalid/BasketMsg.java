package io.casty.spring.boot.autoconfigure.entity.invalid;

import java.util.List;

import io.casty.client.ActorRef;
import io.casty.client.CastyMessage;
import io.casty.spring.boot.autoconfigure.entity.CastyEntity;

/**
 * A message type whose reply holds a record without {@code @CastyMessage}, as a user
 * easily writes it.
 */
@CastyEntity(type = "basket", shards = 4)
public sealed interface BasketMsg permits BasketMsg.GetContents {

	@CastyMessage("fixtures.messages.GetContents")
	record GetContents(ActorRef<Contents> replyTo) implements BasketMsg {
	}

	@CastyMessage("fixtures.messages.Contents")
	record Contents(List<Line> lines) {
	}

	/** Not annotated: the nodes could not decode it. */
	record Line(String sku, int quantity) {
	}

}
