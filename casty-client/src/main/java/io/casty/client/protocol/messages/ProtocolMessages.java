package io.casty.client.protocol.messages;

import java.util.List;

/**
 * Casty's protocol message types, for registration.
 *
 * @since 0.1.0
 */
public final class ProtocolMessages {

	/** Every protocol message type (referenced types are registered with them). */
	public static final List<Class<?>> TYPES = List.of(TopologySnapshot.class, SubscribeTopology.class,
			UnsubscribeTopology.class, GetShardLocation.class, ShardLocation.class, ShardEnvelope.class, Find.class,
			Listing.class);

	private ProtocolMessages() {
	}

}
