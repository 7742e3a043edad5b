package io.casty.spring.boot.test.app;

import io.casty.client.ActorRef;
import io.casty.client.CastyMessage;
import io.casty.spring.boot.autoconfigure.entity.CastyEntity;

/**
 * Messages of the {@code cart} entities of the test application.
 */
@CastyEntity(type = CartMsg.TYPE, shards = CartMsg.SHARDS)
public sealed interface CartMsg permits CartMsg.AddItem, CartMsg.CountItems {

	/** The shard type. */
	String TYPE = "cart";

	/** The shard count. */
	int SHARDS = 20;

	/**
	 * Adds items to the cart.
	 * @param quantity how many
	 */
	@CastyMessage("shop.messages.AddItem")
	record AddItem(int quantity) implements CartMsg {
	}

	/**
	 * Asks for the number of items.
	 * @param replyTo where the count goes
	 */
	@CastyMessage("shop.messages.CountItems")
	record CountItems(ActorRef<Integer> replyTo) implements CartMsg {
	}

}
