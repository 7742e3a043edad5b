package io.casty.testkit;

import io.casty.client.ActorAddress;
import io.casty.client.ActorRef;
import io.casty.client.NodeAddress;
import io.casty.client.protocol.CastyPaths;
import io.casty.client.protocol.messages.ShardAllocation;
import io.casty.client.protocol.messages.ShardEnvelope;
import io.casty.client.routing.ShardHash;

/**
 * A node's shard regions ({@code /_region-<type>}, which accept an envelope for any shard
 * without checking ownership, as Casty's do, and {@code /_region-<type>/entity-<id>}) and its
 * shard proxies ({@code /<type>}, which forward one hop to the owner, allocating first when
 * the shard has none). Confined to the node's message thread.
 */
final class RegionHost {

	private static final String ENVELOPE_TYPE_HINT = "casty.cluster.envelope.ShardEnvelope";

	private final int nodeIndex;

	private final ClusterEnvironment environment;

	private final EntityHost entities;

	private final Outbound outbound;

	private final NodeCounters counters;

	RegionHost(int nodeIndex, ClusterEnvironment environment, EntityHost entities, Outbound outbound,
			NodeCounters counters) {
		this.nodeIndex = nodeIndex;
		this.environment = environment;
		this.entities = entities;
		this.outbound = outbound;
		this.counters = counters;
	}

	/** Whether this node runs a region (and a proxy) of a type. */
	boolean hosts(String type) {
		ShardedTypeSpec spec = this.environment.config().shardedType(type);
		return spec != null && spec.hostedOn(this.nodeIndex);
	}

	/**
	 * Handles a message to {@code /_region-<rest>}.
	 * @param rest the type, optionally followed by {@code /entity-<id>}
	 */
	void onRegion(String path, String rest, Object message) {
		int slash = rest.indexOf('/');
		String type = (slash < 0) ? rest : rest.substring(0, slash);
		ShardedTypeSpec spec = this.environment.config().shardedType(type);
		if (spec == null || !spec.hostedOn(this.nodeIndex)) {
			this.counters.drop(path, "no region of '" + type + "' on this node");
			return;
		}
		if (slash < 0) {
			if (!(message instanceof ShardEnvelope envelope)) {
				this.counters.drop(path, "not a ShardEnvelope: " + message.getClass().getSimpleName());
				return;
			}
			this.counters.envelopeReceived(type);
			if (envelope.message() == null) {
				this.counters.drop(path, "envelope without message");
				return;
			}
			this.entities.deliver(spec, envelope.entityId(), envelope.message(), true);
			return;
		}
		String child = rest.substring(slash);
		if (!child.startsWith(CastyPaths.ENTITY_PREFIX)) {
			this.counters.drop(path, "no actor at this path");
			return;
		}
		this.entities.deliver(spec, child.substring(CastyPaths.ENTITY_PREFIX.length()), message, false);
	}

	/** Handles a message to the proxy {@code /<type>} of a type this node hosts. */
	void onProxy(String path, String type, Object message, byte[] payload) {
		if (!(message instanceof ShardEnvelope envelope)) {
			this.counters.drop(path, "not a ShardEnvelope: " + message.getClass().getSimpleName());
			return;
		}
		ShardedTypeSpec spec = this.environment.config().shardedType(type);
		if (spec == null) {
			this.counters.drop(path, "no proxy of '" + type + "' on this node");
			return;
		}
		long shard = ShardHash.shardOf(envelope.entityId(), spec.numShards());
		ClusterState state = this.environment.state();
		NodeAddress leader = state.coordinatingLeader();
		ShardAllocation allocation = state.trueAllocation(type, shard);
		if (allocation == null && leader != null && this.environment.isRunning(leader)) {
			ClusterState.Allocated allocated = state.allocate(type, shard);
			if (allocated != null) {
				allocation = allocated.allocation();
				if (allocated.changed()) {
					this.environment.publish();
				}
			}
		}
		if (allocation == null) {
			this.counters.drop(path, "shard " + shard + " of '" + type + "' has no owner");
			return;
		}
		NodeAddress owner = allocation.primary();
		this.outbound.sendEncoded(new ActorRef<>(ActorAddress.of(this.environment.config().systemName(), owner.host(),
				owner.port(), CastyPaths.regionPath(type))), ENVELOPE_TYPE_HINT, payload);
	}

}
