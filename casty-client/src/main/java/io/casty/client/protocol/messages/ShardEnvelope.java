package io.casty.client.protocol.messages;

import java.util.Objects;

import io.casty.client.CastyMessage;
import org.jspecify.annotations.Nullable;

/**
 * Wraps a message for one entity of a shard type; sent to {@code /_region-<type>}.
 *
 * @param entityId the entity
 * @param message what the entity receives, unwrapped
 * @since 0.1.0
 */
@CastyMessage("casty.cluster.envelope.ShardEnvelope")
public record ShardEnvelope(String entityId, @Nullable Object message) {

	public ShardEnvelope {
		Objects.requireNonNull(entityId, "entityId");
	}

}
