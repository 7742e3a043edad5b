package io.casty.client.protocol.messages;

import java.util.Objects;

import io.casty.client.ActorRef;
import io.casty.client.CastyMessage;

/**
 * Asks a node's receptionist ({@code /_cluster/_receptionist}) for a service's instances.
 *
 * @param key the service key
 * @param replyTo where the {@link Listing} goes
 * @since 0.1.0
 */
@CastyMessage("casty.cluster.receptionist.Find")
public record Find(ReceptionistKey key, ActorRef<Listing> replyTo) {

	public Find {
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(replyTo, "replyTo");
	}

}
