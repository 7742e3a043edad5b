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

	/** Path of a node's topology actor. */
	public static final String TOPOLOGY_PATH = "/_cluster/_topology";

	/** Path of a node's receptionist. */
	public static final String RECEPTIONIST_PATH = "/_cluster/_receptionist";

	private ProtocolMessages() {
	}

	/**
	 * Path of the shard region of a type.
	 * @param shardType the shard type
	 * @return {@code /_region-<type>}
	 */
	public static String regionPath(String shardType) {
		return "/_region-" + shardType;
	}

	/**
	 * Path of the shard coordinator of a type.
	 * @param shardType the shard type
	 * @return {@code /_coord-<type>}
	 */
	public static String coordinatorPath(String shardType) {
		return "/_coord-" + shardType;
	}

}
