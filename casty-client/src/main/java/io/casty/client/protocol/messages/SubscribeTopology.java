package io.casty.client.protocol.messages;

import java.util.Objects;

import io.casty.client.ActorRef;
import io.casty.client.CastyMessage;

/**
 * Subscribes {@code replyTo} to topology snapshots; always answered with one immediately.
 *
 * @param replyTo the subscriber
 * @since 0.1.0
 */
@CastyMessage("casty.cluster.topology.SubscribeTopology")
public record SubscribeTopology(ActorRef<TopologySnapshot> replyTo) {

	public SubscribeTopology {
		Objects.requireNonNull(replyTo, "replyTo");
	}

}
