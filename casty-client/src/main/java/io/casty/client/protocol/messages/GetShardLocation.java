package io.casty.client.protocol.messages;

import java.util.Objects;

import io.casty.client.ActorRef;
import io.casty.client.CastyMessage;

/**
 * Asks a shard coordinator where a shard lives (allocating it if needed).
 *
 * @param shardId the shard
 * @param replyTo where the {@link ShardLocation} goes
 * @since 0.1.0
 */
@CastyMessage("casty.cluster.coordinator.GetShardLocation")
public record GetShardLocation(long shardId, ActorRef<ShardLocation> replyTo) {

	public GetShardLocation {
		Objects.requireNonNull(replyTo, "replyTo");
	}

}
