package io.casty.spring.boot.autoconfigure.actuate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.casty.client.CastyClient;
import io.casty.client.ClusterMember;
import io.casty.client.ConnectionsInfo;
import io.casty.client.NodeAddress;
import io.casty.client.ServiceInstanceInfo;
import io.casty.client.routing.ShardHash;
import io.casty.client.topology.TopologyView;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code casty} Actuator endpoint: what the client sees of the cluster. Read-only.
 * <ul>
 * <li>{@code /actuator/casty}: the client, the topology (source, age, epoch, leader), every
 * member with its reachability, per shard type a summary of the allocation (counts per
 * node), services and their instances, connections per node and lane, pending asks and
 * buffered messages. Its size grows with members, lanes and service instances (at most
 * {@value #MAX_INSTANCES_PER_SERVICE} listed per service), never with shards.</li>
 * <li>{@code /actuator/casty/{shardType}}: the whole allocation of one type, shard by
 * shard.</li>
 * <li>{@code /actuator/casty/{shardType}/{entityId}}: the shard of an entity and the node
 * owning it ({@code ?shards=N} for a type the application did not declare).</li>
 * </ul>
 *
 * @since 0.1.0
 */
@Endpoint(id = "casty")
public class CastyEndpoint {

	/** Instances listed per service; the count is always complete. */
	public static final int MAX_INSTANCES_PER_SERVICE = 100;

	private final CastyClient client;

	private final Map<String, Integer> declaredShards;

	/**
	 * Creates the endpoint.
	 * @param client the client
	 * @param declaredShards the shard count of each entity type the application declared
	 */
	public CastyEndpoint(CastyClient client, Map<String, Integer> declaredShards) {
		this.client = client;
		this.declaredShards = Map.copyOf(declaredShards);
	}

	/**
	 * The whole picture, with the allocation summarized per type.
	 * @return the descriptor
	 */
	@ReadOperation
	public ClusterDescriptor cluster() {
		TopologyView view = this.client.topology().current();
		ConnectionsInfo connections = this.client.connections();
		return new ClusterDescriptor(clientDescriptor(), topology(view), members(view, connections), shardTypes(view),
				services(view), connections.connections().stream().map(ConnectionDescriptor::of).toList(),
				this.client.pendingAsks(), this.client.bufferedMessages());
	}

	/**
	 * The allocation of one shard type, shard by shard.
	 * @param shardType the type
	 * @return the descriptor, or {@code null} (404) if the type is neither declared nor
	 * allocated
	 */
	@ReadOperation
	public @Nullable ShardMapDescriptor shardType(@Selector String shardType) {
		TopologyView view = this.client.topology().current();
		Integer declared = this.declaredShards.get(shardType);
		if (!view.shardTypes().contains(shardType) && declared == null) {
			return null;
		}
		long maxShard = view.allocatedShards(shardType).stream().mapToLong(Long::longValue).max().orElse(-1);
		int size = (int) Math.max((declared != null) ? declared : 0, maxShard + 1);
		List<String> nodes = new ArrayList<>();
		Map<NodeAddress, Integer> indexes = new HashMap<>();
		for (NodeAddress member : view.memberStatuses().keySet()) {
			indexes.put(member, nodes.size());
			nodes.add(member.toString());
		}
		List<Integer> owners = new ArrayList<>(size);
		Map<String, Integer> perNode = new TreeMap<>();
		for (int shard = 0; shard < size; shard++) {
			NodeAddress owner = view.owner(shardType, shard);
			if (owner == null) {
				owners.add(-1);
				continue;
			}
			Integer index = indexes.get(owner);
			if (index == null) {
				index = nodes.size();
				indexes.put(owner, index);
				nodes.add(owner.toString());
			}
			owners.add(index);
			perNode.merge(owner.toString(), 1, Integer::sum);
		}
		return new ShardMapDescriptor(shardType, declared, view.allocationEpoch(), nodes, owners, perNode);
	}

	/**
	 * The shard of an entity and the node owning it.
	 * @param shardType the type
	 * @param entityId the entity id
	 * @param shards the type's shard count; needed only for a type the application did not
	 * declare
	 * @return the descriptor
	 */
	@ReadOperation
	public EntityDescriptor entity(@Selector String shardType, @Selector String entityId, @Nullable Integer shards) {
		Integer count = (shards != null) ? shards : this.declaredShards.get(shardType);
		if (count == null) {
			throw new InvalidEndpointRequestException("Shard type '" + shardType + "' is not declared by this application",
					"Shard type '" + shardType + "' is not declared by this application: add ?shards=N, the type's "
							+ "shard count on the nodes");
		}
		if (count < 1) {
			throw new InvalidEndpointRequestException("shards must be at least 1", "shards must be at least 1");
		}
		TopologyView view = this.client.topology().current();
		long shard = ShardHash.shardOf(entityId, count);
		NodeAddress owner = view.owner(shardType, shard);
		Boolean reachable = (owner != null) ? this.client.connections().member(owner)
			.map(ConnectionsInfo.MemberReachability::reachable)
			.orElse(false) : null;
		return new EntityDescriptor(shardType, entityId, count, shard, (owner != null) ? owner.toString() : null,
				reachable);
	}

	private ClientDescriptor clientDescriptor() {
		boolean running = this.client.isRunning();
		return new ClientDescriptor(running ? this.client.clientIdentity().toString() : null,
				this.client.options().systemName(), running,
				this.client.options().contactPoints().stream().map(NodeAddress::toString).toList(),
				this.client.options().codec().format().name().toLowerCase(), this.client.options().socket().connectionsPerNode());
	}

	private static TopologyDescriptor topology(TopologyView view) {
		NodeAddress source = view.source();
		NodeAddress leader = view.leader();
		return new TopologyDescriptor(!view.isEmpty(), (source != null) ? source.toString() : null,
				view.isEmpty() ? null : view.receivedAt(), view.isEmpty() ? null : view.age().toMillis(),
				view.allocationEpoch(), (leader != null) ? leader.toString() : null);
	}

	private static List<MemberDescriptor> members(TopologyView view, ConnectionsInfo connections) {
		Map<NodeAddress, ClusterMember> byAddress = new HashMap<>();
		for (ClusterMember member : view.members()) {
			byAddress.put(member.address(), member);
		}
		List<MemberDescriptor> members = new ArrayList<>();
		for (ConnectionsInfo.MemberReachability reach : connections.members()) {
			ClusterMember member = byAddress.get(reach.node());
			if (member != null) {
				members.add(new MemberDescriptor(reach.node().toString(), member.id(),
						member.status().name().toLowerCase(), member.roles().stream().sorted().toList(),
						reach.reachable(), reach.reason()));
			}
		}
		return members;
	}

	private Map<String, ShardTypeDescriptor> shardTypes(TopologyView view) {
		Map<String, ShardTypeDescriptor> types = new TreeMap<>();
		for (String type : view.shardTypes()) {
			types.put(type, null);
		}
		for (String type : this.declaredShards.keySet()) {
			types.put(type, null);
		}
		for (String type : List.copyOf(types.keySet())) {
			Set<Long> shards = view.allocatedShards(type);
			Map<String, Integer> perNode = new TreeMap<>();
			int routable = 0;
			for (Long shard : shards) {
				NodeAddress owner = view.owner(type, shard);
				if (owner != null) {
					routable++;
					perNode.merge(owner.toString(), 1, Integer::sum);
				}
			}
			types.put(type, new ShardTypeDescriptor(this.declaredShards.get(type), shards.size(), routable, perNode));
		}
		return types;
	}

	private static Map<String, ServiceDescriptor> services(TopologyView view) {
		Map<String, List<ServiceInstanceInfo>> byKey = new TreeMap<>();
		for (ServiceInstanceInfo entry : view.registry()) {
			byKey.computeIfAbsent(entry.key(), (k) -> new ArrayList<>()).add(entry);
		}
		Map<String, ServiceDescriptor> services = new LinkedHashMap<>();
		byKey.forEach((key, entries) -> {
			entries.sort((a, b) -> {
				int byNode = a.node().compareTo(b.node());
				return (byNode != 0) ? byNode : a.path().compareTo(b.path());
			});
			List<InstanceDescriptor> instances = entries.stream()
				.limit(MAX_INSTANCES_PER_SERVICE)
				.map((e) -> new InstanceDescriptor(e.node().toString(), e.path(), !view.unavailable().contains(e.node())))
				.toList();
			services.put(key, new ServiceDescriptor(entries.size(), instances));
		});
		return services;
	}

	/**
	 * The whole picture.
	 *
	 * @param client the client itself
	 * @param topology the topology snapshot it holds
	 * @param members every member, ordered by address
	 * @param shardTypes per shard type (allocated or declared), the allocation summary
	 * @param services per service key, its instances
	 * @param connections per node and lane, ordered by node then lane
	 * @param pendingAsks asks in flight
	 * @param bufferedMessages messages waiting for a shard location
	 * @since 0.1.0
	 */
	public record ClusterDescriptor(ClientDescriptor client, TopologyDescriptor topology, List<MemberDescriptor> members,
			Map<String, ShardTypeDescriptor> shardTypes, Map<String, ServiceDescriptor> services,
			List<ConnectionDescriptor> connections, int pendingAsks, int bufferedMessages)
			implements OperationResponseBody {
	}

	/**
	 * The client.
	 *
	 * @param identity the {@code host:port} it gives nodes, {@code null} when not running
	 * @param systemName the cluster's actor system name
	 * @param running whether it is started and not closed
	 * @param contactPoints where it asks for the topology
	 * @param serializer {@code json} or {@code msgpack}
	 * @param connectionsPerNode the lanes as set, 0 when chosen from the nodes
	 * @since 0.1.0
	 */
	public record ClientDescriptor(@Nullable String identity, String systemName, boolean running,
			List<String> contactPoints, String serializer, int connectionsPerNode) {
	}

	/**
	 * The topology snapshot the client holds.
	 *
	 * @param received whether any snapshot arrived yet
	 * @param source the member that sent it
	 * @param receivedAt when it arrived
	 * @param ageMs how long ago, in milliseconds
	 * @param allocationEpoch the cluster-wide allocation counter, -1 before any snapshot
	 * @param leader the member whose coordinators allocate shards
	 * @since 0.1.0
	 */
	public record TopologyDescriptor(boolean received, @Nullable String source, @Nullable Instant receivedAt,
			@Nullable Long ageMs, long allocationEpoch, @Nullable String leader) {
	}

	/**
	 * One member.
	 *
	 * @param address its {@code host:port}
	 * @param id its node id
	 * @param status {@code joining}, {@code up}, {@code leaving}, {@code down} or
	 * {@code removed}
	 * @param roles its roles
	 * @param reachable whether the client sends to it
	 * @param reason why not, or {@code null}
	 * @since 0.1.0
	 */
	public record MemberDescriptor(String address, String id, String status, List<String> roles, boolean reachable,
			@Nullable String reason) {
	}

	/**
	 * The allocation summary of one shard type.
	 *
	 * @param shards the shard count the application declared, {@code null} if it did not
	 * @param allocated shards the cluster allocated
	 * @param routable allocated shards whose owner is available
	 * @param perNode routable shards per owning node
	 * @since 0.1.0
	 */
	public record ShardTypeDescriptor(@Nullable Integer shards, int allocated, int routable,
			Map<String, Integer> perNode) {
	}

	/**
	 * The whole allocation of one shard type.
	 *
	 * @param shardType the type
	 * @param shards the declared shard count, {@code null} if undeclared
	 * @param allocationEpoch the epoch of the snapshot
	 * @param nodes the nodes {@code owners} refers to, members first in address order
	 * @param owners per shard (index = shard), the index in {@code nodes} of its owner, or
	 * -1 when it is not allocated or its owner is unavailable
	 * @param perNode routable shards per owning node
	 * @since 0.1.0
	 */
	public record ShardMapDescriptor(String shardType, @Nullable Integer shards, long allocationEpoch,
			List<String> nodes, List<Integer> owners, Map<String, Integer> perNode) implements OperationResponseBody {
	}

	/**
	 * Where one entity lives.
	 *
	 * @param shardType the type
	 * @param entityId the entity id
	 * @param shards the shard count used
	 * @param shard the entity's shard
	 * @param owner the node owning the shard, or {@code null} while it is not allocated or
	 * its owner is unavailable (the client then asks the coordinator on first use)
	 * @param ownerReachable whether the client can reach the owner, {@code null} without one
	 * @since 0.1.0
	 */
	public record EntityDescriptor(String shardType, String entityId, int shards, long shard, @Nullable String owner,
			@Nullable Boolean ownerReachable) implements OperationResponseBody {
	}

	/**
	 * A service.
	 *
	 * @param count how many instances the registry lists
	 * @param instances the first {@value CastyEndpoint#MAX_INSTANCES_PER_SERVICE}, by node
	 * @since 0.1.0
	 */
	public record ServiceDescriptor(int count, List<InstanceDescriptor> instances) {
	}

	/**
	 * A service instance.
	 *
	 * @param node its node
	 * @param path its actor path
	 * @param available whether its node is available
	 * @since 0.1.0
	 */
	public record InstanceDescriptor(String node, String path, boolean available) {
	}

	/**
	 * One connection.
	 *
	 * @param node the node
	 * @param lane the lane
	 * @param state {@code connecting}, {@code open} or {@code failed}
	 * @param since when it entered that state
	 * @param inbound whether the node opened it
	 * @param reconnectAttempts attempts since it failed
	 * @param pendingWriteBytes bytes waiting to be written
	 * @param lastFailure why it last failed, or {@code null}
	 * @since 0.1.0
	 */
	public record ConnectionDescriptor(String node, int lane, String state, Instant since, boolean inbound,
			int reconnectAttempts, long pendingWriteBytes, @Nullable String lastFailure) {

		static ConnectionDescriptor of(ConnectionsInfo.Connection c) {
			return new ConnectionDescriptor(c.node().toString(), c.lane(), c.state().name().toLowerCase(), c.since(),
					c.inbound(), c.reconnectAttempts(), c.pendingWriteBytes(), c.lastFailure());
		}

	}

}
