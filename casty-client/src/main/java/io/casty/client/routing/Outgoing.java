package io.casty.client.routing;

import io.casty.client.messaging.PendingAsk;
import io.casty.client.protocol.EncodedMessage;
import org.jspecify.annotations.Nullable;

/**
 * A message on its way to an entity while it waits in a {@link ShardBuffer}: a tell, or an
 * ask's request with its pending ask, encoded in its shard envelope. Whoever takes it out of
 * the buffer sends its envelope or releases it.
 *
 * @param entityId the entity
 * @param envelope the message in its shard envelope
 * @param ask the pending ask, {@code null} for a tell
 * @param deadlineNanos when it may no longer wait in a buffer ({@link System#nanoTime()})
 */
record Outgoing(String entityId, EncodedMessage envelope, @Nullable PendingAsk ask, long deadlineNanos) {

	/**
	 * Whether it is an ask whose future is done (answered, failed or timed out).
	 * @return whether nobody waits for it any more
	 */
	boolean abandoned() {
		PendingAsk pending = this.ask;
		return pending != null && pending.hasEnded();
	}

}
