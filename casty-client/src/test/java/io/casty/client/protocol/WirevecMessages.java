package io.casty.client.protocol;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.casty.client.ActorRef;
import io.casty.client.CastyField;
import io.casty.client.CastyMessage;
import org.jspecify.annotations.Nullable;

/**
 * Java counterparts of the {@code wirevec.messages} dataclasses the golden vectors were
 * captured with.
 */
final class WirevecMessages {

	private WirevecMessages() {
	}

	static final Class<?>[] ALL = { Increment.class, Echo.class, Greet.class, Greeting.class, Profile.class };

	@CastyMessage("wirevec.messages.Increment")
	record Increment(int amount, ActorRef<Integer> replyTo) {
	}

	@CastyMessage("wirevec.messages.Echo")
	record Echo(String text, ActorRef<String> replyTo) {
	}

	@CastyMessage("wirevec.messages.Greet")
	record Greet(String name, ActorRef<Greeting> replyTo) {
	}

	@CastyMessage("wirevec.messages.Greeting")
	record Greeting(String text, String entityId, String nodeId, int count) {
	}

	@CastyMessage("wirevec.messages.Level")
	enum Level {

		@CastyField("bronze")
		BRONZE, @CastyField("silver")
		SILVER, @CastyField("gold")
		GOLD

	}

	@CastyMessage("wirevec.messages.Point")
	record Point(double x, double y) {
	}

	@CastyMessage("wirevec.messages.Profile")
	record Profile(String entityId, Level level, Set<String> tags, @CastyField(tuple = true) List<Integer> coords,
			Map<String, Integer> attrs, List<Double> scores, @Nullable String nickname, boolean active, Point home) {
	}

}
