package io.casty.sample.messages;

/**
 * Names the sample's shard types and service, as {@code casty_sample.messages} declares them.
 *
 * @since 0.1.0
 */
public final class SampleTypes {

	/** Shard type of the loyalty points entities. */
	public static final String LOYALTY = "loyalty";

	/** Shard type of the counters. */
	public static final String COUNTER = "counter";

	/** Shard type of the bank accounts. */
	public static final String ACCOUNTS = "accounts";

	/** Shard count of every type, as every node configures it. */
	public static final int NUM_SHARDS = 100;

	/** Key of the discoverable payment service. */
	public static final String PAYMENT_SERVICE_KEY = "payment";

	/** Actor path of the payment service ({@code payment-svc} spawned as a root actor). */
	public static final String PAYMENT_SERVICE_PATH = "/payment-svc";

	private SampleTypes() {
	}

}
