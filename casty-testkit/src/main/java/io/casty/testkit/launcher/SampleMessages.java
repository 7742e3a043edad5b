package io.casty.testkit.launcher;

import io.casty.client.ActorRef;
import io.casty.client.CastyMessage;

/**
 * Java counterparts of the sample application's Python dataclasses
 * ({@code casty_sample.messages}) that the launcher's cluster understands.
 *
 * @since 0.1.0
 */
public final class SampleMessages {

	/** The sample's counter shard type. */
	public static final String COUNTER_SHARD_TYPE = "counter";

	/** Shards of the counter type. */
	public static final int NUM_SHARDS = 100;

	/** The sample's payment service key. */
	public static final String PAYMENT_SERVICE_KEY = "payment";

	/** The payment service's actor path. */
	public static final String PAYMENT_SERVICE_PATH = "/payment-svc";

	/** Every message type, for {@code CastyTestCluster.Builder#messageTypes}. */
	public static final Class<?>[] TYPES = { Increment.class, GetCount.class, ProcessPayment.class, GetStatus.class,
			PaymentStatus.class };

	private SampleMessages() {
	}

	/**
	 * Adds {@code amount} to a counter (tell).
	 *
	 * @param amount the amount
	 */
	@CastyMessage("casty_sample.messages.Increment")
	public record Increment(long amount) {
	}

	/**
	 * Asks a counter for its value; the reply is an int.
	 *
	 * @param replyTo where to reply
	 */
	@CastyMessage("casty_sample.messages.GetCount")
	public record GetCount(ActorRef<Long> replyTo) {
	}

	/**
	 * Processes a payment (tell); the service counts it.
	 *
	 * @param amount the amount
	 */
	@CastyMessage("casty_sample.messages.ProcessPayment")
	public record ProcessPayment(long amount) {
	}

	/**
	 * Asks the payment service for its status.
	 *
	 * @param replyTo where to reply
	 */
	@CastyMessage("casty_sample.messages.GetStatus")
	public record GetStatus(ActorRef<PaymentStatus> replyTo) {
	}

	/**
	 * The payment service's status.
	 *
	 * @param node {@code host:port} of the hosting node
	 * @param processed payments processed
	 */
	@CastyMessage("casty_sample.messages.PaymentStatus")
	public record PaymentStatus(String node, long processed) {
	}

}
