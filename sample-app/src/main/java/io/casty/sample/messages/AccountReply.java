package io.casty.sample.messages;

import io.casty.client.CastyMessage;

/**
 * What an account replies: the balance after the operation, or why it was refused.
 *
 * @since 0.1.0
 */
public sealed interface AccountReply permits AccountReply.Balance, AccountReply.Rejected {

	/**
	 * The balance of an account after the operation.
	 *
	 * @param account the account (the entity id)
	 * @param amount the balance
	 */
	@CastyMessage("casty_sample.messages.Balance")
	record Balance(String account, long amount) implements AccountReply {
	}

	/**
	 * The operation was refused and the balance is unchanged.
	 *
	 * @param reason {@link #AMOUNT_MUST_BE_POSITIVE} or {@link #INSUFFICIENT_FUNDS}
	 */
	@CastyMessage("casty_sample.messages.Rejected")
	record Rejected(String reason) implements AccountReply {

		/** Reason of a deposit or withdrawal of zero or less. */
		public static final String AMOUNT_MUST_BE_POSITIVE = "amount must be positive";

		/** Reason of a withdrawal above the balance. */
		public static final String INSUFFICIENT_FUNDS = "insufficient funds";

	}

}
