package io.casty.sample.web;

import java.util.concurrent.CompletableFuture;

import io.casty.client.EntityRef;
import io.casty.sample.messages.AccountMsg;
import io.casty.sample.messages.AccountMsg.Deposit;
import io.casty.sample.messages.AccountMsg.GetBalance;
import io.casty.sample.messages.AccountMsg.Withdraw;
import io.casty.sample.messages.AccountReply;
import io.casty.sample.messages.AccountReply.Balance;
import io.casty.sample.messages.AccountReply.Rejected;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Bank accounts, one {@code accounts} entity per account. Amounts up to
 * {@link AmountRequest#MAX_AMOUNT} go to the entity unchecked: it decides, and its
 * {@link Rejected} replies become 400 (amount not positive) or 409 (insufficient funds).
 *
 * @since 0.1.0
 */
@RestController
@RequestMapping("/accounts/{account}")
public class AccountController {

	private final EntityRef<AccountMsg> accounts;

	AccountController(EntityRef<AccountMsg> accounts) {
		this.accounts = accounts;
	}

	@GetMapping
	CompletableFuture<Balance> balance(@PathVariable String account) {
		return this.accounts.ask(EntityIds.require(account), GetBalance::new, Balance.class);
	}

	@PostMapping("/deposit")
	CompletableFuture<ResponseEntity<?>> deposit(@PathVariable String account, @RequestBody AmountRequest request) {
		long amount = request.required();
		return this.accounts
			.ask(EntityIds.require(account), (replyTo) -> new Deposit(amount, replyTo), AccountReply.class)
			.thenApply((reply) -> toResponse(account, reply));
	}

	@PostMapping("/withdraw")
	CompletableFuture<ResponseEntity<?>> withdraw(@PathVariable String account, @RequestBody AmountRequest request) {
		long amount = request.required();
		return this.accounts
			.ask(EntityIds.require(account), (replyTo) -> new Withdraw(amount, replyTo), AccountReply.class)
			.thenApply((reply) -> toResponse(account, reply));
	}

	private static ResponseEntity<?> toResponse(String account, AccountReply reply) {
		if (reply instanceof Rejected rejected) {
			HttpStatus status = Rejected.INSUFFICIENT_FUNDS.equals(rejected.reason()) ? HttpStatus.CONFLICT
					: HttpStatus.BAD_REQUEST;
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, rejected.reason());
			problem.setTitle("Rejected by the account");
			problem.setProperty("account", account);
			problem.setProperty("reason", rejected.reason());
			return ResponseEntity.of(problem).build();
		}
		return ResponseEntity.ok(reply);
	}

}
