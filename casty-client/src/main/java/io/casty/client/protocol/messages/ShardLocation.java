package io.casty.client.protocol.messages;

import java.util.List;
import java.util.Objects;

import io.casty.client.CastyField;
import io.casty.client.CastyMessage;
import io.casty.client.NodeAddress;

/**
 * A coordinator's answer to {@link GetShardLocation}.
 *
 * @param shardId the shard
 * @param node its primary
 * @param replicas its replicas
 * @since 0.1.0
 */
@CastyMessage("casty.cluster.coordinator.ShardLocation")
public record ShardLocation(long shardId, NodeAddress node, @CastyField(tuple = true) List<NodeAddress> replicas) {

	public ShardLocation {
		Objects.requireNonNull(node, "node");
		replicas = List.copyOf(replicas);
	}

}
