package io.casty.sample.messages;

import io.casty.client.ActorRef;
import io.casty.client.CastyMessage;
import io.casty.client.ServiceKey;

/**
 * Messages of the discoverable payment service, found under {@link #KEY}.
 *
 * @since 0.1.0
 */
public sealed interface PaymentMsg permits PaymentMsg.ProcessPayment, PaymentMsg.GetStatus {

	/** The service key, {@code ServiceKey("payment")} in Casty. */
	ServiceKey<PaymentMsg> KEY = ServiceKey.of(SampleTypes.PAYMENT_SERVICE_KEY, PaymentMsg.class);

	/**
	 * Processes a payment (tell, no reply); the service counts it.
	 *
	 * @param amount the amount
	 */
	@CastyMessage("casty_sample.messages.ProcessPayment")
	record ProcessPayment(long amount) implements PaymentMsg {
	}

	/**
	 * Asks for the service's status.
	 *
	 * @param replyTo where the status goes
	 */
	@CastyMessage("casty_sample.messages.GetStatus")
	record GetStatus(ActorRef<PaymentStatus> replyTo) implements PaymentMsg {
	}

}
