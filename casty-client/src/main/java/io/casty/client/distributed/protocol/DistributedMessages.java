package io.casty.client.distributed.protocol;

import java.util.List;

/**
 * Every wire type of Casty's distributed structures, for registration with a codec.
 *
 * @since 0.1.0
 */
public final class DistributedMessages {

	/** The sealed message interfaces; registering them registers every record they permit. */
	public static final List<Class<?>> TYPES = List.of(CounterMessages.class, MapMessages.class, SetMessages.class,
			QueueMessages.class, LockMessages.class, SemaphoreMessages.class, BarrierMessages.class);

	private DistributedMessages() {
	}

}
