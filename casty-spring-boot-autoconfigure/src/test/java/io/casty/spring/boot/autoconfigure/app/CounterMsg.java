package io.casty.spring.boot.autoconfigure.app;

import io.casty.client.ActorRef;
import io.casty.client.CastyMessage;
import io.casty.spring.boot.autoconfigure.entity.CastyEntity;

@CastyEntity(type = "app-counter", shards = 32)
public sealed interface CounterMsg permits CounterMsg.Increment, CounterMsg.GetCount {

	@CastyMessage("app.messages.Increment")
	record Increment(int amount) implements CounterMsg {
	}

	@CastyMessage("app.messages.GetCount")
	record GetCount(ActorRef<Integer> replyTo) implements CounterMsg {
	}

}
