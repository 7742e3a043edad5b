package io.casty.sample.web;

import java.util.concurrent.CompletableFuture;

import io.casty.client.EntityRef;
import io.casty.sample.messages.LoyaltyMsg;
import io.casty.sample.messages.LoyaltyMsg.AddPoints;
import io.casty.sample.messages.LoyaltyMsg.GetPoints;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Loyalty points of customers, one {@code loyalty} entity per customer.
 *
 * @since 0.1.0
 */
@RestController
@RequestMapping("/loyalty/{customer}/points")
public class LoyaltyController {

	private final EntityRef<LoyaltyMsg> loyalty;

	LoyaltyController(EntityRef<LoyaltyMsg> loyalty) {
		this.loyalty = loyalty;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.ACCEPTED)
	PointsAdded add(@PathVariable String customer, @RequestBody AmountRequest request) {
		long amount = request.positive();
		this.loyalty.tell(EntityIds.require(customer), new AddPoints(amount));
		return new PointsAdded(customer, amount);
	}

	@GetMapping
	CompletableFuture<Points> get(@PathVariable String customer) {
		return this.loyalty.ask(EntityIds.require(customer), GetPoints::new, Long.class)
			.thenApply((points) -> new Points(customer, points));
	}

	/**
	 * Points sent to a customer (the entity does not acknowledge them).
	 * @param customer the customer
	 * @param added the points sent
	 */
	record PointsAdded(String customer, long added) {
	}

	/**
	 * The points of a customer.
	 * @param customer the customer
	 * @param points the points
	 */
	record Points(String customer, long points) {
	}

}
