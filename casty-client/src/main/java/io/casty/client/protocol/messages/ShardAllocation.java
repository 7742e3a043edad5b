package io.casty.client.protocol.messages;

import java.util.List;
import java.util.Objects;

import io.casty.client.CastyField;
import io.casty.client.CastyMessage;
import io.casty.client.NodeAddress;

/**
 * Where one shard lives.
 *
 * @param primary the node that owns the shard
 * @param replicas replica nodes (metadata only in Casty v0.21.0)
 * @since 0.1.0
 */
@CastyMessage("casty.cluster.state.ShardAllocation")
public record ShardAllocation(NodeAddress primary, @CastyField(tuple = true) List<NodeAddress> replicas) {

	public ShardAllocation {
		Objects.requireNonNull(primary, "primary");
		replicas = List.copyOf(replicas);
	}

}
