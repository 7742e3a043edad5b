package io.casty.testkit;

import java.time.Duration;
import java.util.List;

import io.casty.client.NodeAddress;
import io.casty.client.protocol.codec.MessageCodec;
import io.casty.client.protocol.messages.TopologySnapshot;
import io.casty.client.routing.ShardHash;
import org.jspecify.annotations.Nullable;

/**
 * An in-JVM cluster of nodes that look like Casty v0.21.0 nodes to clients: handshake and
 * race rule, topology subscriptions and pushes, lazy shard allocation by the leader's
 * coordinator, regions that create entities without ownership checks, the receptionist, and
 * replies delivered through the connection filed under the recipient's identity (dialling it
 * when there is none). All nodes share one membership, allocation and registry state, as
 * gossip converges to.
 * <p>
 * Faults can be injected while it runs: {@link TestNode#kill()} and
 * {@link TestNode#restart()}, a whole-cluster restart with new allocations
 * ({@link #stopAll()}, {@link #startAll(long)}), {@link #markUnreachable(int)}, {@link #markDown(int)} and the
 * anomalies of v0.21.0: {@link #resurrect(int)}, {@link #stopPushes()},
 * {@link #loseNextAllocationUpdate(String)}, {@link #allocateShard(String, long, int)}.
 *
 * <pre class="code">
 * try (CastyTestCluster cluster = CastyTestCluster.builder()
 *         .nodes(3)
 *         .messageTypes(Increment.class, GetCount.class)
 *         .shardedType("counter", 100, (id) -&gt; new CounterEntity())
 *         .start()) {
 *     List&lt;NodeAddress&gt; contacts = cluster.contactPoints();
 *     ...
 * }
 * </pre>
 *
 * @since 0.1.0
 */
public final class CastyTestCluster implements AutoCloseable {

	/** Default system (cluster) name. */
	public static final String DEFAULT_SYSTEM_NAME = "casty-test";

	/** Default host nodes bind to and advertise. */
	public static final String DEFAULT_HOST = "127.0.0.1";

	/** Default interval of periodic snapshot pushes in clusters of more than one node. */
	public static final Duration DEFAULT_PUSH_INTERVAL = Duration.ofMillis(500);

	/** Default delay from a node kill to it being declared unreachable and down. */
	public static final Duration DEFAULT_FAILURE_DETECTION = Duration.ofSeconds(1);

	/** Default blacklist period after a failed dial, as Casty's transport. */
	public static final Duration DEFAULT_BLACKLIST = Duration.ofSeconds(5);

	/** Default connect and handshake-reply timeout when a node dials a ref's address. */
	public static final Duration DEFAULT_DIAL_TIMEOUT = Duration.ofSeconds(2);

	private final ClusterRuntime runtime;

	private CastyTestCluster(ClusterConfig config) {
		this.runtime = new ClusterRuntime(config);
	}

	/**
	 * Starts configuring a cluster.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	// ---- accessors ----------------------------------------------------------------------

	/**
	 * Returns the addresses of all nodes, in node order, for a client's contact points.
	 * @return the addresses
	 */
	public List<NodeAddress> contactPoints() {
		return this.runtime.nodes().stream().map(TestNode::address).toList();
	}

	/**
	 * Returns a node.
	 * @param index from 0
	 * @return the node
	 */
	public TestNode node(int index) {
		List<TestNode> nodes = this.runtime.nodes();
		if (index < 0 || index >= nodes.size()) {
			throw new IndexOutOfBoundsException(
					"Node index " + index + " is outside 0-" + (nodes.size() - 1) + " of this cluster");
		}
		return nodes.get(index);
	}

	/**
	 * Returns all nodes, in order.
	 * @return the nodes
	 */
	public List<TestNode> nodes() {
		return List.copyOf(this.runtime.nodes());
	}

	/**
	 * Returns the system (cluster) name nodes put in their URIs.
	 * @return the name
	 */
	public String systemName() {
		return this.runtime.config().systemName();
	}

	/**
	 * Returns the codec nodes use, configured with the builder's format, compression and
	 * message types; handy for test clients.
	 * @return the codec
	 */
	public MessageCodec codec() {
		return this.runtime.codec();
	}

	/**
	 * Returns the snapshot nodes currently send to subscribers.
	 * @return the shared snapshot
	 */
	public TopologySnapshot snapshot() {
		return this.runtime.state().snapshot();
	}

	/**
	 * Returns the allocation epoch of the current snapshot.
	 * @return the epoch
	 */
	public long allocationEpoch() {
		return this.runtime.state().epoch();
	}

	/**
	 * Returns the leader as snapshots show it: the lowest {@code up} member, which may be a
	 * dead zombie after {@link #resurrect(int)}.
	 * @return the leader, or null if no member is up
	 */
	public @Nullable NodeAddress leader() {
		return this.runtime.state().leader();
	}

	/**
	 * Returns the shard of an entity of a configured type, with the type's shard count.
	 * @param shardType the type
	 * @param entityId the entity id
	 * @return the shard
	 */
	public long shardOf(String shardType, String entityId) {
		ShardedTypeSpec spec = this.runtime.config().shardedType(shardType);
		if (spec == null) {
			throw new IllegalArgumentException("Shard type '" + shardType + "' is not configured on this cluster");
		}
		return ShardHash.shardOf(entityId, spec.numShards());
	}

	/**
	 * Whether snapshot pushes are stopped ({@link #stopPushes()}).
	 * @return whether stopped
	 */
	public boolean pushesStopped() {
		return this.runtime.pushesStopped();
	}

	// ---- faults -------------------------------------------------------------------------

	/**
	 * Lists a member in {@code unreachable} while it stays {@code up} (vector 18) and pushes.
	 * @param index the node
	 */
	public void markUnreachable(int index) {
		this.runtime.markUnreachable(node(index).address());
	}

	/**
	 * Marks a member {@code down} and drops its registry entries (one push, vector 19), then
	 * lets each shard type's coordinator react: shards it held as primary move to their first
	 * replica or are removed, it leaves every replica list, epoch + 1 and one push per type
	 * (vector 20), unless {@link #loseNextAllocationUpdate(String)} was requested for the type.
	 * @param index the node
	 */
	public void markDown(int index) {
		this.runtime.markDown(node(index).address());
	}

	/**
	 * Reproduces the resurrection bug of v0.21.0 (vector 21): the member is {@code up} again
	 * and no longer unreachable, although its node stays dead. Pushes once.
	 * @param index the node
	 */
	public void resurrect(int index) {
		this.runtime.resurrect(node(index).address());
	}

	/**
	 * Reproduces gossip starvation: no more snapshot pushes, periodic or on changes, until
	 * {@link #resumePushes()}. {@code SubscribeTopology} is still answered immediately.
	 */
	public void stopPushes() {
		this.runtime.stopPushes();
	}

	/**
	 * Resumes snapshot pushes and pushes the current state at once.
	 */
	public void resumePushes() {
		this.runtime.resumePushes();
	}

	/**
	 * Makes the next failure-driven reallocation of a type be applied by its coordinator (the
	 * leader answers {@code GetShardLocation} from the new table) but never published:
	 * snapshots, and followers answering from them, keep the stale table until the next
	 * published allocation change of that type (as the rejected epoch of §6.3).
	 * @param shardType the type
	 */
	public void loseNextAllocationUpdate(String shardType) {
		this.runtime.state().loseNextAllocationUpdate(shardType);
	}

	/**
	 * Forces a shard onto a node, dead or alive (as coordinators may allocate to a zombie),
	 * bumps the epoch and pushes.
	 * @param shardType the type
	 * @param shard the shard
	 * @param index the node
	 */
	public void allocateShard(String shardType, long shard, int index) {
		this.runtime.state().force(shardType, shard, node(index).address());
		this.runtime.publish();
	}

	/**
	 * Stops every node at once, as a whole-cluster shutdown: server sockets and connections
	 * closed, entities and subscribers forgotten. Nobody is left to detect failures, so the
	 * shared state keeps the last membership and allocations until {@link #startAll(long)}.
	 */
	public void stopAll() {
		this.runtime.stopAll();
	}

	/**
	 * Starts every node again after {@link #stopAll()}, on the same ports, as new incarnations
	 * of a cluster that starts from scratch, as a restarted Casty cluster does: members
	 * {@code up}, services registered again, no shard allocated, the allocation epoch
	 * counting from {@code firstEpoch} (lower or higher than before, as in real restarts),
	 * and a coordinator that allocates each shard to another node than its pre-restart primary
	 * whenever another node hosts the type, so every route a client learned before the
	 * restart is stale. Pushes once.
	 * @param firstEpoch the allocation epoch of the first snapshot after the restart
	 * @throws IllegalStateException if a node is running
	 */
	public void startAll(long firstEpoch) {
		this.runtime.startAll(firstEpoch);
	}

	/**
	 * {@link #stopAll()} then {@link #startAll(long)} with the epoch counting from 0.
	 */
	public void restartAll() {
		stopAll();
		startAll(0);
	}

	/**
	 * Allocates every shard of a type that has none yet, round robin over the {@code up}
	 * nodes hosting the type, without replicas, as a cluster that has served every shard
	 * holds them; bumps the epoch once and pushes once. Allocating shard by shard with
	 * {@link #allocateShard(String, long, int)} republishes the whole table each time, which
	 * takes minutes for tens of thousands of shards.
	 * @param shardType a type configured on the builder
	 * @return the number of shards allocated now
	 * @throws IllegalArgumentException if the type is not configured
	 * @throws IllegalStateException if no node can host it
	 */
	public int allocateAllShards(String shardType) {
		int allocated = this.runtime.state().allocateAll(shardType);
		this.runtime.publish();
		return allocated;
	}

	/**
	 * Pushes the current snapshot to every subscriber of every running node now, unless
	 * pushes are stopped.
	 */
	public void publish() {
		this.runtime.publish();
	}

	@Override
	public void close() {
		this.runtime.close();
	}

	/**
	 * Configures a {@link CastyTestCluster}; its setters are listed in the testkit README.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder extends AbstractClusterBuilder<Builder> {

		private Builder() {
		}

		@Override
		Builder self() {
			return this;
		}

		/**
		 * Binds every node and starts the cluster.
		 * @return the running cluster
		 * @throws TestClusterException if a port cannot be bound
		 */
		public CastyTestCluster start() {
			CastyTestCluster cluster = new CastyTestCluster(toConfig());
			cluster.runtime.start();
			return cluster;
		}

		/**
		 * Copies this builder, so one configuration can start several clusters.
		 * @return the copy
		 */
		public Builder copy() {
			Builder copy = new Builder();
			copyTo(copy);
			return copy;
		}

	}

}
