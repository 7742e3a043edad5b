package io.casty.sample.embedded;

import io.casty.sample.messages.AccountMsg.Deposit;
import io.casty.sample.messages.AccountMsg.GetBalance;
import io.casty.sample.messages.AccountMsg.Withdraw;
import io.casty.sample.messages.AccountReply.Balance;
import io.casty.sample.messages.AccountReply.Rejected;
import io.casty.testkit.EntityBehavior;
import io.casty.testkit.EntityContext;

/**
 * A bank account named by its entity id, as {@code casty_sample.entities.account_entity}:
 * every operation replies the {@link Balance} after it; an amount of zero or less is
 * {@link Rejected} with {@value Rejected#AMOUNT_MUST_BE_POSITIVE}, a withdrawal above the
 * balance with {@value Rejected#INSUFFICIENT_FUNDS}, and leaves the balance unchanged.
 *
 * @since 0.1.0
 */
public final class AccountEntity implements EntityBehavior {

	private final String account;

	private long balance;

	/**
	 * Creates an empty account.
	 * @param account the account name, the entity id
	 */
	public AccountEntity(String account) {
		this.account = account;
	}

	@Override
	public void onMessage(EntityContext context, Object message) {
		if (message instanceof Deposit deposit) {
			if (deposit.amount() <= 0) {
				context.tell(deposit.replyTo(), new Rejected(Rejected.AMOUNT_MUST_BE_POSITIVE));
				return;
			}
			this.balance += deposit.amount();
			context.tell(deposit.replyTo(), new Balance(this.account, this.balance));
		}
		else if (message instanceof Withdraw withdraw) {
			if (withdraw.amount() <= 0) {
				context.tell(withdraw.replyTo(), new Rejected(Rejected.AMOUNT_MUST_BE_POSITIVE));
				return;
			}
			if (withdraw.amount() > this.balance) {
				context.tell(withdraw.replyTo(), new Rejected(Rejected.INSUFFICIENT_FUNDS));
				return;
			}
			this.balance -= withdraw.amount();
			context.tell(withdraw.replyTo(), new Balance(this.account, this.balance));
		}
		else if (message instanceof GetBalance get) {
			context.tell(get.replyTo(), new Balance(this.account, this.balance));
		}
	}

}
