package io.casty.testkit;

/**
 * What a discoverable service actor does with its messages (no {@code ShardEnvelope}).
 * Messages of one node are processed one at a time.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ServiceBehavior {

	/**
	 * Handles one message; an exception is logged and the service keeps running.
	 * @param context where the service runs and how it answers
	 * @param message the decoded message
	 */
	void onMessage(ServiceContext context, Object message);

}
