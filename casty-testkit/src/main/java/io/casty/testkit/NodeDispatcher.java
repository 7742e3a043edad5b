package io.casty.testkit;

import java.util.LinkedHashSet;
import java.util.Set;

import io.casty.client.ActorAddress;
import io.casty.client.ActorRef;
import io.casty.client.DataclassValue;
import io.casty.client.protocol.CastyPaths;
import io.casty.client.protocol.messages.Find;
import io.casty.client.protocol.messages.Listing;
import io.casty.client.protocol.messages.ServiceEntry;
import io.casty.client.protocol.messages.ServiceInstance;
import io.casty.client.protocol.messages.ShardEnvelope;

/**
 * Routes each message a node receives by its target path only, as a Casty node: the
 * topology endpoint, the receptionist, coordinators, regions, services and shard proxies.
 * Undecodable payloads, unknown {@code _type}s (also inside an envelope) and unknown paths
 * are dropped and counted, never answered. Runs on the node's message thread.
 */
final class NodeDispatcher {

	private final ClusterEnvironment environment;

	private final NodeCounters counters;

	private final TopologyEndpoint topology;

	private final ShardCoordinator coordinator;

	private final RegionHost regions;

	private final EntityHost entities;

	private final Outbound outbound;

	NodeDispatcher(ClusterEnvironment environment, NodeCounters counters, TopologyEndpoint topology,
			ShardCoordinator coordinator, RegionHost regions, EntityHost entities, Outbound outbound) {
		this.environment = environment;
		this.counters = counters;
		this.topology = topology;
		this.coordinator = coordinator;
		this.regions = regions;
		this.entities = entities;
		this.outbound = outbound;
	}

	void dispatch(String path, byte[] payload) {
		Object message;
		try {
			message = this.environment.codec().decode(payload);
		}
		catch (RuntimeException ex) {
			this.counters.drop(path, "undecodable payload: " + ex.getMessage());
			return;
		}
		if (message == null) {
			this.counters.drop(path, "null message");
			return;
		}
		if (!this.environment.config().acceptUnknownTypes() && hasUnknownType(message)) {
			this.counters.drop(path, "unknown _type " + unknownTypeName(message));
			return;
		}
		ServiceSpec service = this.entities.service(path);
		if (path.equals(CastyPaths.TOPOLOGY)) {
			this.topology.onMessage(path, message);
		}
		else if (path.equals(CastyPaths.RECEPTIONIST)) {
			onReceptionist(path, message);
		}
		else if (path.startsWith(CastyPaths.COORDINATOR_PREFIX)) {
			this.coordinator.onMessage(path, path.substring(CastyPaths.COORDINATOR_PREFIX.length()), message);
		}
		else if (path.startsWith(CastyPaths.REGION_PREFIX)) {
			this.regions.onRegion(path, path.substring(CastyPaths.REGION_PREFIX.length()), message);
		}
		else if (service != null) {
			this.entities.onService(service, message);
		}
		else if (this.regions.hosts(path.substring(1))) {
			this.regions.onProxy(path, path.substring(1), message, payload);
		}
		else {
			this.counters.drop(path, "no actor at this path");
		}
	}

	private void onReceptionist(String path, Object message) {
		if (!(message instanceof Find find)) {
			this.counters.drop(path, "not a Find: " + message.getClass().getSimpleName());
			return;
		}
		Set<ServiceInstance> instances = new LinkedHashSet<>();
		for (ServiceEntry entry : this.environment.state().registry(find.key().name())) {
			instances.add(new ServiceInstance(new ActorRef<>(ActorAddress.of(this.environment.config().systemName(),
					entry.node().host(), entry.node().port(), entry.path())), entry.node()));
		}
		this.outbound.tell(find.replyTo(), new Listing(find.key(), instances));
	}

	private static boolean hasUnknownType(Object message) {
		return message instanceof DataclassValue
				|| (message instanceof ShardEnvelope envelope && envelope.message() instanceof DataclassValue);
	}

	private static String unknownTypeName(Object message) {
		if (message instanceof ShardEnvelope envelope && envelope.message() instanceof DataclassValue value) {
			return value.type();
		}
		return ((DataclassValue) message).type();
	}

}
