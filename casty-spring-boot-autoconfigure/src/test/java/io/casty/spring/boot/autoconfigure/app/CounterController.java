package io.casty.spring.boot.autoconfigure.app;

import java.util.concurrent.CompletableFuture;

import io.casty.client.ActorRef;
import io.casty.client.CastyClient;
import io.casty.client.EntityRef;
import io.casty.client.ServiceKey;
import io.casty.client.ServiceLookup;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class CounterController {

	static final ServiceKey<GreeterMsg> GREETER = ServiceKey.of("greeter", GreeterMsg.class);

	private final EntityRef<CounterMsg> counters;

	private final ServiceLookup services;

	private final CastyClient client;

	CounterController(EntityRef<CounterMsg> counters, ServiceLookup services, CastyClient client) {
		this.counters = counters;
		this.services = services;
		this.client = client;
	}

	@PostMapping("/counters/{id}")
	void increment(@PathVariable String id, @RequestParam int amount) {
		this.counters.tell(id, new CounterMsg.Increment(amount));
	}

	@GetMapping("/counters/{id}")
	CompletableFuture<Integer> count(@PathVariable String id) {
		return this.counters.ask(id, CounterMsg.GetCount::new, Integer.class);
	}

	@GetMapping("/greet/{name}")
	CompletableFuture<String> greet(@PathVariable String name) {
		ActorRef<GreeterMsg> greeter = this.services.lookup(GREETER)
			.first()
			.orElseThrow(() -> new IllegalStateException("No greeter is registered"));
		return this.client.ask(greeter, (ActorRef<String> replyTo) -> new GreeterMsg.Greet(name, replyTo),
				String.class);
	}

}
