package io.casty.client.routing;

import java.util.ArrayDeque;

import io.casty.client.NodeAddress;
import org.jspecify.annotations.Nullable;

/**
 * One shard whose owner is being resolved: the messages waiting for it, in order, and the
 * state of the coordinator queries. Guarded by its own monitor; once {@link #closed} it is
 * out of its {@link ShardBuffer} and takes no more messages.
 */
final class PendingShard {

	final long shard;

	final ArrayDeque<Outgoing> queue = new ArrayDeque<>();

	boolean closed;

	/** Queries that timed out so far. */
	int attempts;

	/** The owner last named that cannot be reached: new messages fail at once meanwhile. */
	@Nullable NodeAddress unreachableOwner;

	/** The node the last query went to, {@code null} if none could be picked. */
	@Nullable NodeAddress queriedNode;

	/** Cancels the pending query timeout. */
	@Nullable Runnable cancelTimeout;

	PendingShard(long shard) {
		this.shard = shard;
	}

	/**
	 * What an ask waiting here waits for, for its timeout's message.
	 * @param shardType the shard type
	 * @param seenAllocations whether any location of the type was ever seen
	 * @return the description
	 */
	String waitingFor(String shardType, boolean seenAllocations) {
		String base = "the location of shard " + this.shard + " of '" + shardType + "'";
		if (this.attempts > 0 && this.queriedNode != null) {
			String why = seenAllocations
					? "Casty's coordinator stays silent while it has no node to allocate the shard to"
					: "is shard type '" + shardType + "' hosted by any node?";
			return base + ": the coordinator on " + this.queriedNode + " did not answer " + this.attempts
					+ " GetShardLocation queries; " + why;
		}
		return base;
	}

}
