package io.casty.client.topology;

import java.util.Objects;

import io.casty.client.NodeAddress;

/**
 * A coordinator's answer to where a shard is, as a {@link TopologyView} holds it.
 *
 * @param node the shard's primary
 * @param epoch the view's allocation epoch when the answer arrived
 * @param learnedAt the stamp of when it arrived ({@link TopologyCache#stamp()})
 * @since 0.1.0
 */
public record LocatedShard(NodeAddress node, long epoch, long learnedAt) {

	public LocatedShard {
		Objects.requireNonNull(node, "node");
	}

}
