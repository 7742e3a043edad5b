package io.casty.client.protocol.messages;

import java.util.Objects;

import io.casty.client.ActorRef;
import io.casty.client.CastyMessage;

/**
 * Stops topology pushes to {@code subscriber}.
 *
 * @param subscriber the subscriber given to {@link SubscribeTopology}
 * @since 0.1.0
 */
@CastyMessage("casty.cluster.topology.UnsubscribeTopology")
public record UnsubscribeTopology(ActorRef<TopologySnapshot> subscriber) {

	public UnsubscribeTopology {
		Objects.requireNonNull(subscriber, "subscriber");
	}

}
