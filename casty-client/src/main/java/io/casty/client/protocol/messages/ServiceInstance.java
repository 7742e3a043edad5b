package io.casty.client.protocol.messages;

import java.util.Objects;

import io.casty.client.ActorRef;
import io.casty.client.CastyMessage;
import io.casty.client.NodeAddress;

/**
 * One instance in a receptionist {@link Listing}.
 *
 * @param ref the service actor
 * @param node the node hosting it
 * @since 0.1.0
 */
@CastyMessage("casty.cluster.receptionist.ServiceInstance")
public record ServiceInstance(ActorRef<Object> ref, NodeAddress node) {

	public ServiceInstance {
		Objects.requireNonNull(ref, "ref");
		Objects.requireNonNull(node, "node");
	}

}
