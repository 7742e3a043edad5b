package io.casty.client;

/**
 * A cluster member's status, as the client reports it in a
 * {@link io.casty.client.topology.TopologyView}: the API's copy of Casty's member status,
 * so users never touch the wire record.
 *
 * @since 0.1.0
 */
public enum MemberState {

	/** Joining the cluster; not allocated shards yet. */
	JOINING,

	/** A full member. */
	UP,

	/** Leaving the cluster. */
	LEAVING,

	/** Marked down; no route goes to it. */
	DOWN,

	/** Removed from the cluster; no route goes to it. */
	REMOVED

}
