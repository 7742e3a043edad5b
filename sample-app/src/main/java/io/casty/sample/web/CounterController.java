package io.casty.sample.web;

import java.util.concurrent.CompletableFuture;

import io.casty.client.EntityRef;
import io.casty.sample.messages.CounterMsg;
import io.casty.sample.messages.CounterMsg.GetCount;
import io.casty.sample.messages.CounterMsg.Increment;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Named counters, one {@code counter} entity per name.
 *
 * @since 0.1.0
 */
@RestController
@RequestMapping("/counters/{name}")
public class CounterController {

	private final EntityRef<CounterMsg> counters;

	CounterController(EntityRef<CounterMsg> counters) {
		this.counters = counters;
	}

	@PostMapping("/increment")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Incremented increment(@PathVariable String name, @RequestBody AmountRequest request) {
		long amount = request.positive();
		this.counters.tell(EntityIds.require(name), new Increment(amount));
		return new Incremented(name, amount);
	}

	@GetMapping
	CompletableFuture<Count> get(@PathVariable String name) {
		return this.counters.ask(EntityIds.require(name), GetCount::new, Long.class)
			.thenApply((count) -> new Count(name, count));
	}

	/**
	 * An increment sent to a counter (the entity does not acknowledge it).
	 * @param counter the counter
	 * @param added the amount sent
	 */
	record Incremented(String counter, long added) {
	}

	/**
	 * The value of a counter.
	 * @param counter the counter
	 * @param count the value
	 */
	record Count(String counter, long count) {
	}

}
