package io.casty.testkit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.casty.client.ActorRef;
import io.casty.client.NodeAddress;
import io.casty.client.protocol.CastyPaths;
import io.casty.client.protocol.messages.ShardAllocation;
import io.casty.client.routing.ShardHash;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entities and services one node incarnation hosts: entities created lazily per id,
 * messages for an entity path kept until the entity exists (up to 64, as Casty), a failing
 * entity stopped (its state lost), and the context both kinds of behaviour answer through.
 * Every message delivered to an entity is counted, with whether this node owned its shard.
 * Confined to the node's message thread.
 */
final class EntityHost {

	private static final Logger logger = LoggerFactory.getLogger(EntityHost.class);

	/** Casty buffers up to this many messages for a path whose actor does not exist yet. */
	private static final int PATH_BUFFER_LIMIT = 64;

	private final String nodeId;

	private final ClusterEnvironment environment;

	private final Outbound outbound;

	private final NodeCounters counters;

	private final Supplier<NodeAddress> self;

	private final Map<String, Map<String, EntityBehavior>> entities = new HashMap<>();

	private final Map<String, Deque<Object>> pathBuffers = new HashMap<>();

	private final Map<String, ServiceSpec> services = new LinkedHashMap<>();

	EntityHost(String nodeId, int nodeIndex, ClusterEnvironment environment, Outbound outbound,
			NodeCounters counters, Supplier<NodeAddress> self) {
		this.nodeId = nodeId;
		this.environment = environment;
		this.outbound = outbound;
		this.counters = counters;
		this.self = self;
		for (ServiceSpec service : environment.config().servicesOf(nodeIndex)) {
			this.services.put(service.path(), service);
		}
	}

	@Nullable ServiceSpec service(String path) {
		return this.services.get(path);
	}

	/**
	 * Delivers a message to an entity.
	 * @param create whether a missing entity is created (a region envelope) or the message
	 * waits for it (a message to the entity's own path)
	 */
	void deliver(ShardedTypeSpec spec, String entityId, Object message, boolean create) {
		Map<String, EntityBehavior> ofType = this.entities.computeIfAbsent(spec.type(), (t) -> new HashMap<>());
		String path = CastyPaths.entityPath(spec.type(), entityId);
		EntityBehavior behavior = ofType.get(entityId);
		if (behavior == null) {
			if (!create) {
				Deque<Object> buffer = this.pathBuffers.computeIfAbsent(path, (p) -> new ArrayDeque<>());
				if (buffer.size() < PATH_BUFFER_LIMIT) {
					buffer.add(message);
				}
				else {
					this.counters.drop(path, "path buffer full");
				}
				return;
			}
			try {
				behavior = spec.factory().create(entityId);
			}
			catch (RuntimeException ex) {
				logger.warn("{}: entity {} of '{}' could not be created", this.nodeId, entityId, spec.type(), ex);
				return;
			}
			ofType.put(entityId, behavior);
			Deque<Object> buffered = this.pathBuffers.remove(path);
			if (buffered != null) {
				for (Object early : buffered) {
					if (!invoke(spec, entityId, behavior, early)) {
						return;
					}
				}
			}
		}
		invoke(spec, entityId, behavior, message);
	}

	private boolean invoke(ShardedTypeSpec spec, String entityId, EntityBehavior behavior, Object message) {
		long shard = ShardHash.shardOf(entityId, spec.numShards());
		ShardAllocation owner = this.environment.state().trueAllocation(spec.type(), shard);
		this.counters.entityMessage(spec.type(), entityId, shard, owner != null && owner.primary().equals(this.self.get()));
		try {
			behavior.onMessage(new Context(spec.type(), entityId), message);
			return true;
		}
		catch (RuntimeException ex) {
			logger.warn("{}: entity {} of '{}' failed and is stopped (its state is lost)", this.nodeId, entityId,
					spec.type(), ex);
			this.entities.get(spec.type()).remove(entityId);
			return false;
		}
	}

	void onService(ServiceSpec service, Object message) {
		try {
			service.behavior().onMessage(new Context(service), message);
		}
		catch (RuntimeException ex) {
			logger.warn("{}: service {} failed on {}", this.nodeId, service.path(), message, ex);
		}
	}

	/** The context handed to entities and services. */
	private final class Context implements EntityContext, ServiceContext {

		private final String type;

		private final String id;

		private final String path;

		Context(String type, String entityId) {
			this.type = type;
			this.id = entityId;
			this.path = CastyPaths.entityPath(type, entityId);
		}

		Context(ServiceSpec service) {
			this.type = "";
			this.id = service.key();
			this.path = service.path();
		}

		@Override
		public String entityId() {
			return this.id;
		}

		@Override
		public String shardType() {
			return this.type;
		}

		@Override
		public String key() {
			return this.id;
		}

		@Override
		public String path() {
			return this.path;
		}

		@Override
		public NodeAddress node() {
			return EntityHost.this.self.get();
		}

		@Override
		public ActorRef<Object> self() {
			return EntityHost.this.outbound.self(this.path);
		}

		@Override
		public void tell(ActorRef<?> to, Object message) {
			EntityHost.this.outbound.tell(to, message);
		}

	}

}
