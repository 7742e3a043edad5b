package io.casty.client.protocol.messages;

import java.util.Objects;

import io.casty.client.CastyMessage;
import io.casty.client.NodeAddress;

/**
 * A discoverable service instance in the topology registry.
 *
 * @param key the service key name
 * @param node the node hosting it
 * @param path its actor path
 * @since 0.1.0
 */
@CastyMessage("casty.cluster.state.ServiceEntry")
public record ServiceEntry(String key, NodeAddress node, String path) {

	public ServiceEntry {
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(node, "node");
		Objects.requireNonNull(path, "path");
	}

}
