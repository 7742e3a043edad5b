package io.casty.sample.embedded;

import io.casty.sample.messages.PaymentMsg.GetStatus;
import io.casty.sample.messages.PaymentMsg.ProcessPayment;
import io.casty.sample.messages.PaymentStatus;
import io.casty.testkit.ServiceBehavior;
import io.casty.testkit.ServiceContext;

/**
 * The payment service, as {@code casty_sample.entities.payment_service}: it counts
 * {@code ProcessPayment} messages and answers {@code GetStatus} with the {@code host:port} of
 * its node and that count.
 *
 * @since 0.1.0
 */
public final class PaymentService implements ServiceBehavior {

	private long processed;

	@Override
	public void onMessage(ServiceContext context, Object message) {
		if (message instanceof ProcessPayment) {
			this.processed++;
		}
		else if (message instanceof GetStatus get) {
			String node = context.node().host() + ":" + context.node().port();
			context.tell(get.replyTo(), new PaymentStatus(node, this.processed));
		}
	}

}
