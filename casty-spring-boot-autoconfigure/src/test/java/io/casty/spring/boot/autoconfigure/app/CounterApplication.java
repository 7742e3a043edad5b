package io.casty.spring.boot.autoconfigure.app;

import io.casty.spring.boot.autoconfigure.CastyClientOptionsCustomizer;
import io.casty.spring.boot.autoconfigure.embedded.CastyEmbeddedEntity;
import io.casty.spring.boot.autoconfigure.embedded.CastyEmbeddedService;
import io.casty.testkit.EntityBehavior;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A tiny web application on the embedded Casty cluster: a counter entity and a greeter
 * service, implemented in Java.
 */
@SpringBootApplication
public class CounterApplication {

	@Bean
	CastyClientOptionsCustomizer greeterMessages() {
		// entity message types are registered from @CastyEntity; service messages are not
		return (builder) -> builder.messageTypes(GreeterMsg.class);
	}

	@Bean
	CastyEmbeddedEntity counters() {
		return CastyEmbeddedEntity.of("app-counter", 32, (id) -> counter());
	}

	@Bean
	CastyEmbeddedService greeter() {
		return CastyEmbeddedService.of("greeter", "/greeter", (context, message) -> {
			if (message instanceof GreeterMsg.Greet greet) {
				context.tell(greet.replyTo(), "hello " + greet.name());
			}
		}, GreeterMsg.Greet.class);
	}

	private static EntityBehavior counter() {
		int[] total = { 0 };
		return (context, message) -> {
			if (message instanceof CounterMsg.Increment increment) {
				total[0] += increment.amount();
			}
			else if (message instanceof CounterMsg.GetCount get) {
				context.tell(get.replyTo(), total[0]);
			}
		};
	}

}
