package io.casty.sample.web;

import org.jspecify.annotations.Nullable;

/**
 * The JSON body of the requests that carry an amount: {@code {"amount": 50}}, a whole JSON
 * number. Jackson is strict here (see {@code application.yml}): {@code 1.5} and {@code "7"}
 * are refused with 400 instead of becoming 1 and 7.
 *
 * @param amount the amount; a request without one is refused with 400
 * @since 0.1.0
 */
public record AmountRequest(@Nullable Long amount) {

	/**
	 * The largest amount one request may carry. The nodes keep Python integers, which do not
	 * overflow, but the client reads counts, points and balances as a Java {@code long}: with
	 * this bound, reaching {@link Long#MAX_VALUE} takes over 9 trillion requests of the
	 * largest amount, so no entity's total can outgrow the replies.
	 */
	public static final long MAX_AMOUNT = 1_000_000L;

	/**
	 * Returns the amount, which must be at most {@link #MAX_AMOUNT}.
	 * @return the amount
	 * @throws InvalidRequestException if it is missing or too large
	 */
	long required() {
		if (this.amount == null) {
			throw new InvalidRequestException("The body must carry an amount, for example {\"amount\": 50}");
		}
		if (this.amount > MAX_AMOUNT) {
			throw new InvalidRequestException("The amount must be at most " + MAX_AMOUNT + ", was " + this.amount);
		}
		return this.amount;
	}

	/**
	 * Returns the amount, which must be positive and at most {@link #MAX_AMOUNT}.
	 * @return the amount
	 * @throws InvalidRequestException if it is missing, zero, negative or too large
	 */
	long positive() {
		long value = required();
		if (value <= 0) {
			throw new InvalidRequestException("The amount must be positive, was " + value);
		}
		return value;
	}

}
