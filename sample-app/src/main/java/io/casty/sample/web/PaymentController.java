package io.casty.sample.web;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.casty.client.ActorRef;
import io.casty.client.CastyClient;
import io.casty.client.ServiceLookup;
import io.casty.sample.messages.PaymentMsg;
import io.casty.sample.messages.PaymentMsg.GetStatus;
import io.casty.sample.messages.PaymentMsg.ProcessPayment;
import io.casty.sample.messages.PaymentStatus;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The discoverable {@code payment} service, found through {@link ServiceLookup}: first in the
 * cached topology, then by asking a node's receptionist, because the registry reaches clients
 * with later topology snapshots and can be empty for a few seconds after start-up.
 *
 * @since 0.1.0
 */
@RestController
@RequestMapping("/payments")
public class PaymentController {

	private static final Duration FIND_TIMEOUT = Duration.ofSeconds(2);

	private final ServiceLookup services;

	private final CastyClient client;

	PaymentController(ServiceLookup services, CastyClient client) {
		this.services = services;
		this.client = client;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.ACCEPTED)
	CompletableFuture<PaymentSent> pay(@RequestBody AmountRequest request) {
		long amount = request.positive();
		return paymentService().thenApply((service) -> {
			this.client.tell(service, new ProcessPayment(amount));
			return new PaymentSent(amount, service.uri());
		});
	}

	@GetMapping("/status")
	CompletableFuture<PaymentStatus> status() {
		return paymentService().thenCompose((service) -> this.client.ask(service, GetStatus::new, PaymentStatus.class));
	}

	private CompletableFuture<ActorRef<PaymentMsg>> paymentService() {
		return this.services.lookup(PaymentMsg.KEY)
			.first()
			.map(CompletableFuture::completedFuture)
			.orElseGet(() -> this.services.find(PaymentMsg.KEY, FIND_TIMEOUT)
				.thenApply((listing) -> listing.first()
					.orElseThrow(() -> new ServiceNotFoundException(PaymentMsg.KEY.name()))));
	}

	/**
	 * A payment sent to the service (it does not acknowledge it).
	 * @param amount the amount
	 * @param service the service instance it went to
	 */
	record PaymentSent(long amount, String service) {
	}

}
