package io.casty.client;

import java.util.Objects;

/**
 * One service instance the topology's registry lists: which node hosts it, at which actor
 * path. {@link ServiceLookup} turns these into typed {@link ActorRef}s.
 *
 * @param key the service key name
 * @param node the node hosting it
 * @param path its actor path
 * @since 0.1.0
 */
public record ServiceInstanceInfo(String key, NodeAddress node, String path) {

	public ServiceInstanceInfo {
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(node, "node");
		Objects.requireNonNull(path, "path");
	}

}
