package io.casty.spring.boot.autoconfigure.app;

import io.casty.client.ActorRef;
import io.casty.client.CastyMessage;

public sealed interface GreeterMsg permits GreeterMsg.Greet {

	@CastyMessage("app.messages.Greet")
	record Greet(String name, ActorRef<String> replyTo) implements GreeterMsg {
	}

}
