package io.casty.sample.messages;

import io.casty.client.ActorRef;
import io.casty.client.CastyMessage;
import io.casty.spring.boot.autoconfigure.entity.CastyEntity;

/**
 * Messages of the {@code accounts} entities, whose entity id is the account name. Replies are
 * dataclasses: an {@link AccountReply}.
 *
 * @since 0.1.0
 */
@CastyEntity(type = SampleTypes.ACCOUNTS, shards = SampleTypes.NUM_SHARDS)
public sealed interface AccountMsg permits AccountMsg.Deposit, AccountMsg.Withdraw, AccountMsg.GetBalance {

	/**
	 * Deposits money; replies {@link AccountReply.Balance} or {@link AccountReply.Rejected}.
	 *
	 * @param amount the amount, positive
	 * @param replyTo where the reply goes
	 */
	@CastyMessage("casty_sample.messages.Deposit")
	record Deposit(long amount, ActorRef<AccountReply> replyTo) implements AccountMsg {
	}

	/**
	 * Withdraws money; replies {@link AccountReply.Balance} or {@link AccountReply.Rejected}.
	 *
	 * @param amount the amount, positive and at most the balance
	 * @param replyTo where the reply goes
	 */
	@CastyMessage("casty_sample.messages.Withdraw")
	record Withdraw(long amount, ActorRef<AccountReply> replyTo) implements AccountMsg {
	}

	/**
	 * Asks for the balance; replies {@link AccountReply.Balance}.
	 *
	 * @param replyTo where the balance goes
	 */
	@CastyMessage("casty_sample.messages.GetBalance")
	record GetBalance(ActorRef<AccountReply.Balance> replyTo) implements AccountMsg {
	}

}
