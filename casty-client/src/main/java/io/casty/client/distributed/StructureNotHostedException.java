package io.casty.client.distributed;

import io.casty.client.CastyException;

/**
 * No node of the cluster hosts the region of a distributed structure, so Casty's coordinator
 * never answers for it (a client cannot create a structure: a node must, with
 * {@code system.distributed().counter("hits", shards=100)} and the like). Raised as soon as
 * the client can tell, instead of waiting for the request's timeout.
 *
 * @since 0.1.0
 */
public class StructureNotHostedException extends CastyException {

	private static final long serialVersionUID = 1L;

	private final String shardType;

	public StructureNotHostedException(String shardType, String message) {
		super(message);
		this.shardType = shardType;
	}

	/**
	 * The shard type of the missing region, for example {@code d-counter-hits}.
	 * @return the shard type
	 */
	public String getShardType() {
		return this.shardType;
	}

}
