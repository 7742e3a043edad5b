package io.casty.testkit;

import java.util.Map;

import io.casty.client.NodeAddress;
import org.jspecify.annotations.Nullable;

/**
 * One node of a {@link CastyTestCluster}: a listening port that behaves toward clients like
 * a Casty v0.21.0 node, plus counters of what it saw and the process-level faults (kill,
 * restart). Membership faults that only change the shared state are on the cluster.
 *
 * @since 0.1.0
 */
public final class TestNode {

	private final ClusterEnvironment environment;

	private final int index;

	private final String id;

	private final int configuredPort;

	private final NodeCounters counters;

	private volatile @Nullable NodeAddress address;

	private volatile @Nullable NodeIncarnation incarnation;

	private long generation;

	TestNode(ClusterEnvironment environment, int index, int configuredPort) {
		this.environment = environment;
		this.index = index;
		this.id = "node-" + (index + 1);
		this.configuredPort = configuredPort;
		this.counters = new NodeCounters(this.id);
	}

	/**
	 * Returns the position of this node in the cluster, from 0.
	 * @return the index
	 */
	public int index() {
		return this.index;
	}

	/**
	 * Returns the member id ({@code node-1}, {@code node-2}...), as in snapshots.
	 * @return the id
	 */
	public String id() {
		return this.id;
	}

	/**
	 * Returns the advertised address: the cluster host and the bound port, which stays the
	 * same across restarts.
	 * @return the address
	 */
	public NodeAddress address() {
		NodeAddress current = this.address;
		if (current == null) {
			throw new IllegalStateException(this.id + " has not been started");
		}
		return current;
	}

	/**
	 * Whether the node's port is open (it has not been killed, or was restarted).
	 * @return whether it runs
	 */
	public boolean isRunning() {
		return this.incarnation != null;
	}

	/**
	 * Closes the server socket and every connection at once, as a crashed process would, and
	 * forgets entities, subscribers and outbound connections. The member stays {@code up}
	 * until failure detection (if enabled on the builder) or
	 * {@link CastyTestCluster#markUnreachable(int)} / {@link CastyTestCluster#markDown(int)}.
	 */
	public synchronized void kill() {
		NodeIncarnation current = this.incarnation;
		if (current == null) {
			return;
		}
		this.incarnation = null;
		current.close();
		this.environment.nodeKilled(this.index, current.generation());
	}

	/**
	 * Starts the node again on the same port with fresh entities; the member becomes
	 * {@code up} and reachable again and its services are registered again. A running node is
	 * killed first.
	 */
	public synchronized void restart() {
		kill();
		start();
		this.environment.nodeRestarted(this.index);
	}

	synchronized void start() {
		NodeAddress known = this.address;
		start((known != null) ? known.port() : this.configuredPort);
	}

	int configuredPort() {
		return this.configuredPort;
	}

	synchronized void start(int port) {
		NodeIncarnation started = new NodeIncarnation(this.environment, this.index, this.id, this.counters,
				++this.generation);
		this.address = started.bind(port);
		this.incarnation = started;
	}

	synchronized void shutdown() {
		NodeIncarnation current = this.incarnation;
		this.incarnation = null;
		if (current != null) {
			current.close();
		}
	}

	boolean isStartedAt(NodeAddress candidate) {
		return candidate.equals(this.address);
	}

	synchronized long generation() {
		return this.generation;
	}

	/**
	 * The running incarnation, or null (counted as a dropped message) when the node is not
	 * running: for handing it a task.
	 */
	@Nullable NodeIncarnation running() {
		NodeIncarnation current = this.incarnation;
		if (current == null) {
			this.counters.dropped.incrementAndGet();
		}
		return current;
	}

	/**
	 * Number of frames read from clients since start, valid or not, including handshakes.
	 * @return the count
	 */
	public long framesReceived() {
		return this.counters.framesReceived.get();
	}

	/**
	 * Number of frames that could not be decoded (zero-length, oversized, malformed).
	 * @return the count
	 */
	public long invalidFrames() {
		return this.counters.invalidFrames.get();
	}

	/**
	 * Number of messages dropped silently: undecodable payloads, unknown types, unknown paths,
	 * blacklisted or unreachable recipients.
	 * @return the count
	 */
	public long droppedMessages() {
		return this.counters.dropped.get();
	}

	/**
	 * Number of {@code ShardEnvelope}s this node's region of a type received.
	 * @param shardType the type
	 * @return the count
	 */
	public long envelopesReceived(String shardType) {
		return this.counters.envelopesReceived(shardType);
	}

	/**
	 * Number of messages delivered to each entity of a type on this node, over every
	 * incarnation, whether or not this node owned the entity's shard at the time.
	 * @param shardType the type
	 * @return message counts by entity id
	 */
	public Map<String, Long> entityMessages(String shardType) {
		return this.counters.entityMessages(shardType);
	}

	/**
	 * Number of messages delivered to entities of shards this node did not own (the
	 * coordinator's table named another primary, or none) at delivery, by shard, over every
	 * incarnation. Casty's regions accept such envelopes without checking ownership and create
	 * a second copy of the entity, so every count here is split state caused by a stale route.
	 * @param shardType the type
	 * @return message counts by shard; empty when every message reached an owner
	 */
	public Map<Long, Long> nonOwnerMessages(String shardType) {
		return this.counters.nonOwnerMessages(shardType);
	}

	/**
	 * Number of {@code GetShardLocation} requests this node's coordinators received.
	 * @return the count
	 */
	public long shardLocationRequests() {
		return this.counters.locationRequests.get();
	}

	/**
	 * Number of messages this node sent to refs: replies, {@code ShardLocation}s, snapshots.
	 * @return the count
	 */
	public long messagesSent() {
		return this.counters.messagesSent.get();
	}

	/**
	 * Number of topology snapshots this node sent (immediate answers and pushes).
	 * @return the count
	 */
	public long snapshotsSent() {
		return this.counters.snapshotsSent.get();
	}

	/**
	 * Number of open connections (accepted and dialled).
	 * @return the count
	 */
	public int connectionsOpen() {
		NodeIncarnation current = this.incarnation;
		return (current != null) ? current.openConnections() : 0;
	}

	/**
	 * Identities (host:port of their handshakes) of the peers, nodes and clients, this node
	 * has an open connection with.
	 * @return the identities
	 */
	public java.util.Set<NodeAddress> connectedPeers() {
		NodeIncarnation current = this.incarnation;
		return (current != null) ? current.connectedPeers() : java.util.Set.of();
	}

	/**
	 * Number of topology subscribers this node pushes to.
	 * @return the count
	 */
	public int subscriberCount() {
		NodeIncarnation current = this.incarnation;
		return (current != null) ? current.subscriberCount() : 0;
	}

	@Override
	public String toString() {
		NodeAddress current = this.address;
		return this.id + "@" + ((current != null) ? current : "unstarted") + (isRunning() ? "" : " (dead)");
	}

}
