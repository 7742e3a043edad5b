package io.casty.sample.web;

import org.jspecify.annotations.Nullable;

/**
 * The JSON body of the requests that carry an amount: {@code {"amount": 50}}.
 *
 * @param amount the amount; a request without one is refused with 400
 * @since 0.1.0
 */
public record AmountRequest(@Nullable Long amount) {

	/**
	 * Returns the amount.
	 * @return the amount
	 * @throws InvalidRequestException if it is missing
	 */
	long required() {
		if (this.amount == null) {
			throw new InvalidRequestException("The body must carry an amount, for example {\"amount\": 50}");
		}
		return this.amount;
	}

	/**
	 * Returns the amount, which must be positive.
	 * @return the amount
	 * @throws InvalidRequestException if it is missing, zero or negative
	 */
	long positive() {
		long value = required();
		if (value <= 0) {
			throw new InvalidRequestException("The amount must be positive, was " + value);
		}
		return value;
	}

}
