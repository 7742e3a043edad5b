package io.casty.client.routing;

import io.casty.client.NodeAddress;

/**
 * Sends {@code GetShardLocation} to a coordinator, whose {@code ShardLocation} answer comes
 * back through {@link ShardRouter#onLocation}.
 * <p>
 * Internal: a port wired by {@code ClientSession}; not API, may change without notice.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface LocationQuery {

	/**
	 * Asks the coordinator of a shard type on a node where a shard is.
	 * @param coordinator the node
	 * @param shardType the shard type
	 * @param shard the shard
	 * @throws io.casty.client.CastyException if the query cannot be sent
	 */
	void ask(NodeAddress coordinator, String shardType, long shard);

}
