package io.casty.client.transport;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.casty.client.CastyClientOptions;
import io.casty.client.CastyException;
import io.casty.client.ConnectionsInfo;
import io.casty.client.ListenOptions;
import io.casty.client.NodeAddress;
import io.casty.client.NodeUnreachableException;
import io.casty.client.SocketOptions;
import io.casty.client.protocol.EncodedMessage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.netty.resources.LoopResources;

/**
 * Owns the client's connections: {@link #lanesFor} lanes, each
 * with its own client identity and at most one connection per node. Casty v0.21.0 handles
 * one inbound message of a connection at a time and serializes the replies to one peer one
 * at a time, so a node works on several of the client's messages at once only when they
 * arrive on several connections.
 * <p>
 * Messages with the same key (entity id or actor path) always take the same lane, so their
 * order is kept, also across the choice of the spread (see {@link #lanesInUse()}): a key that
 * took lane 0 before it keeps lane 0. Lane 0 carries the topology subscription, location queries and service
 * lookups. A node counts as failed while any lane's connection to it is failed.
 * <p>
 * Internal: wired by {@code ClientSession}; not API, may change without notice.
 *
 * @since 0.1.0
 */
public final class ConnectionManager implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ConnectionManager.class);

	/**
	 * The most keys remembered while the spread is chosen: with more, the client keeps one
	 * connection per node rather than lose their order.
	 */
	static final int MAX_KEYS_WHILE_CHOOSING = 4096;

	private final ConnectionLane[] lanes;

	/** Lanes messages are spread over: all of them, or 1 until (and unless) the nodes say otherwise. */
	private volatile int spread;

	/** Whether the spread is still to be chosen from the first node that answers a handshake. */
	private volatile boolean choosing;

	/** Keys that took lane 0 while the spread was being chosen; guarded by {@code this}. */
	private final Set<String> keysWhileChoosing = new HashSet<>();

	/** Whether more than {@link #MAX_KEYS_WHILE_CHOOSING} keys took lane 0 while choosing. */
	private boolean tooManyKeysWhileChoosing;

	/** Keys that took lane 0 before the spread was chosen, and keep it; bounded, kept until close. */
	private volatile Set<String> pinnedToLaneZero = Set.of();

	public ConnectionManager(CastyClientOptions options, LoopResources loops, InboundFrames inbound,
			ConnectionEvents events) {
		this.lanes = new ConnectionLane[lanesFor(options.socket(), options.listen())];
		this.choosing = options.socket().connectionsPerNode() == 0 && this.lanes.length > 1;
		this.spread = this.choosing ? 1 : this.lanes.length;
		ConnectionEvents laneEvents = this.choosing ? new Choosing(events) : events;
		for (int i = 0; i < this.lanes.length; i++) {
			this.lanes[i] = new ConnectionLane(i, options, loops, inbound, laneEvents);
		}
	}

	/**
	 * The lanes (connections per node, each with its own identity) the client opens: the
	 * set count, else {@link SocketOptions#CONNECTIONS_PER_CASTY_NODE}, or 1 when the
	 * listen options pin the identity (see {@link SocketOptions#DEFAULT_CONNECTIONS_PER_NODE}).
	 * @param socket the socket options
	 * @param listen the listen options
	 * @return at least 1
	 */
	public static int lanesFor(SocketOptions socket, ListenOptions listen) {
		if (socket.connectionsPerNode() > 0) {
			return socket.connectionsPerNode();
		}
		Integer advertisedPort = listen.advertisedPort();
		boolean pinned = listen.port() != 0 || (advertisedPort != null && advertisedPort != 0)
				|| (!listen.enabled() && listen.advertisedHost() != null);
		return pinned ? 1 : SocketOptions.CONNECTIONS_PER_CASTY_NODE;
	}

	/**
	 * The lanes messages are spread over now: while the count is being chosen from the
	 * nodes, 1; then {@link #laneCount()}, or 1 if the first node that answered declared
	 * {@code "pipelined": true}.
	 * @return at least 1
	 */
	public int lanesInUse() {
		return this.spread;
	}

	/**
	 * Chooses the spread from the first node that answers a handshake, before that
	 * connection is ready (the lanes' events call it); later answers change nothing.
	 * @param node the node
	 * @param pipelined whether its handshake declared {@code "pipelined": true}
	 */
	synchronized void answered(NodeAddress node, boolean pipelined) {
		if (!this.choosing) {
			return;
		}
		int chosen = pipelined ? 1 : this.lanes.length;
		if (chosen > 1 && this.tooManyKeysWhileChoosing) {
			logger.warn("More than {} keys (entity ids, actor paths) were sent to before node {} answered the first"
					+ " handshake; keeping 1 connection per node so that their messages stay in order (set"
					+ " connections-per-node to choose the count before the first message)", MAX_KEYS_WHILE_CHOOSING, node);
			chosen = 1;
		}
		// published before the spread, so a sender that sees the spread sees the keys that keep lane 0
		this.pinnedToLaneZero = (chosen > 1) ? Set.copyOf(this.keysWhileChoosing) : Set.of();
		this.keysWhileChoosing.clear();
		this.spread = chosen;
		this.choosing = false;
		logger.debug("Node {} {}: {} connection(s) per node", node,
				pipelined ? "reads a connection's messages without waiting" : "handles one message of a connection at a time",
				chosen);
	}

	/**
	 * Notes a key that takes lane 0 while the spread is being chosen.
	 * @param key the key
	 * @return {@code false} if the spread was chosen meanwhile (look again)
	 */
	private synchronized boolean tookLaneZeroWhileChoosing(String key) {
		if (!this.choosing) {
			return false;
		}
		if (!this.tooManyKeysWhileChoosing && !this.keysWhileChoosing.contains(key)) {
			if (this.keysWhileChoosing.size() < MAX_KEYS_WHILE_CHOOSING) {
				this.keysWhileChoosing.add(key);
			}
			else {
				this.tooManyKeysWhileChoosing = true;
			}
		}
		return true;
	}

	/** Passes the events on, choosing the spread from the first node that answers. */
	private final class Choosing implements ConnectionEvents {

		private final ConnectionEvents delegate;

		Choosing(ConnectionEvents delegate) {
			this.delegate = delegate;
		}

		@Override
		public void nodeAnswered(NodeAddress node, boolean pipelined) {
			answered(node, pipelined);
			this.delegate.nodeAnswered(node, pipelined);
		}

		@Override
		public void nodeConnected(NodeAddress node) {
			this.delegate.nodeConnected(node);
		}

		@Override
		public void nodeFailed(NodeAddress node, Throwable cause) {
			this.delegate.nodeFailed(node, cause);
		}

	}

	/**
	 * Binds the dial-back listeners (when enabled) and fixes the identity of every lane.
	 * @return the identities, lane 0 first
	 */
	public List<ClientIdentity> start() {
		List<ClientIdentity> identities = new ArrayList<>(this.lanes.length);
		for (ConnectionLane lane : this.lanes) {
			identities.add(lane.start());
		}
		return List.copyOf(identities);
	}

	/**
	 * The number of lanes.
	 * @return at least 1
	 */
	public int laneCount() {
		return this.lanes.length;
	}

	/**
	 * The lane of messages with a key; the same key always gets the same lane. While the
	 * spread is being chosen every key gets lane 0 and is remembered; once it is chosen,
	 * those keys keep lane 0 and the others spread (see {@link #lanesInUse()}).
	 * @param key an entity id or an actor path
	 * @return the lane index
	 */
	public int laneOf(String key) {
		while (true) {
			int spread = this.spread;
			if (spread > 1) {
				Set<String> pinned = this.pinnedToLaneZero;
				return (!pinned.isEmpty() && pinned.contains(key)) ? 0 : laneOf(key, spread);
			}
			if (!this.choosing || tookLaneZeroWhileChoosing(key)) {
				return 0;
			}
		}
	}

	/**
	 * The lane of a key among a number of lanes.
	 * @param key an entity id or an actor path
	 * @param lanes the number of lanes
	 * @return the lane index
	 */
	public static int laneOf(String key, int lanes) {
		if (lanes == 1) {
			return 0;
		}
		int h = key.hashCode() * 0x9E3779B9;
		return Math.floorMod(h ^ (h >>> 16), lanes);
	}

	/**
	 * Sends an encoded message on lane 0.
	 * @param node the node
	 * @param path the actor path on it
	 * @param message the message, taken: written or released, also when this throws
	 * @param failure told if the message, once accepted, cannot be written
	 * @see #send(int, NodeAddress, String, EncodedMessage, SendFailure)
	 */
	public void send(NodeAddress node, String path, EncodedMessage message, SendFailure failure) {
		this.lanes[0].send(node, path, message, failure);
	}

	/**
	 * Frames and sends an encoded message to an actor path of a node on one lane, connecting
	 * first if needed.
	 * @param lane the lane index
	 * @param node the node
	 * @param path the actor path on it
	 * @param message the message, taken: written or released, also when this throws
	 * @param failure told if the message, once accepted, cannot be written
	 * @throws NodeUnreachableException if the node is marked failed or its connection is closed
	 * @throws io.casty.client.BufferOverflowException if too many bytes wait for the node
	 */
	public void send(int lane, NodeAddress node, String path, EncodedMessage message, SendFailure failure) {
		this.lanes[lane].send(node, path, message, failure);
	}

	/**
	 * Sends a message that waits for an answer (an ask's request), as
	 * {@link #send(int, NodeAddress, String, EncodedMessage, SendFailure)} does; in addition
	 * {@code failure} is told if the connection the message took closes before the returned
	 * registration is {@link InFlight#done() done}, so the requests of a lost connection fail
	 * together and those of other connections are not touched.
	 * @param lane the lane index
	 * @param node the node
	 * @param path the actor path on it
	 * @param message the message, taken: written or released, also when this throws
	 * @param failure told, once, if the message cannot be written or its connection closes
	 * before the answer
	 * @return call {@link InFlight#done()} when the answer arrived or is no longer awaited
	 * @throws NodeUnreachableException if the node is marked failed or its connection is closed
	 * @throws io.casty.client.BufferOverflowException if too many bytes wait for the node
	 */
	public InFlight request(int lane, NodeAddress node, String path, EncodedMessage message, SendFailure failure) {
		return this.lanes[lane].request(node, path, message, failure);
	}

	/**
	 * Whether a node is marked failed on any lane.
	 * @param node the node
	 * @return whether it is failed
	 */
	public boolean isFailed(NodeAddress node) {
		for (ConnectionLane lane : this.lanes) {
			if (lane.isFailed(node)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Why a node is marked failed.
	 * @param node the node
	 * @return the cause on the first lane where it is failed, or {@code null}
	 */
	public @Nullable CastyException failureOf(NodeAddress node) {
		for (ConnectionLane lane : this.lanes) {
			CastyException cause = lane.failureOf(node);
			if (cause != null) {
				return cause;
			}
		}
		return null;
	}

	/**
	 * Nodes with an open, ready connection on lane 0.
	 * @return their canonical addresses
	 */
	public List<NodeAddress> connectedNodes() {
		return this.lanes[0].connectedNodes();
	}

	/**
	 * Counts an ask to a node that timed out, for stuck-node detection on every lane.
	 * @param node the node
	 * @param sentNanos when the ask was sent
	 * @see io.casty.client.StuckNodeOptions#askTimeouts()
	 */
	public void askTimedOut(NodeAddress node, long sentNanos) {
		for (ConnectionLane lane : this.lanes) {
			lane.askTimedOut(node, sentNanos);
		}
	}

	/**
	 * Describes every lane's connections and failed nodes, for operators.
	 * @return the entries, ordered by node then lane
	 */
	public List<ConnectionsInfo.Connection> describe() {
		List<ConnectionsInfo.Connection> all = new ArrayList<>();
		for (ConnectionLane lane : this.lanes) {
			all.addAll(lane.describe());
		}
		all.sort(java.util.Comparator.comparing(ConnectionsInfo.Connection::node)
			.thenComparingInt(ConnectionsInfo.Connection::lane));
		return all;
	}

	/**
	 * Opens a lane 0 connection to a node unless one exists (other lanes connect on first
	 * use).
	 * @param node the node
	 */
	public void ensureConnected(NodeAddress node) {
		this.lanes[0].ensureConnected(node);
	}

	/**
	 * Applies {@link ConnectionLane#retain(Set, Set)} to every lane.
	 * @param members nodes still worth reconnecting to
	 * @param gone nodes the cluster marked down or removed
	 */
	public void retain(Set<NodeAddress> members, Set<NodeAddress> gone) {
		for (ConnectionLane lane : this.lanes) {
			lane.retain(members, gone);
		}
	}

	/**
	 * Closes every lane: connections, listeners and reconnect loops.
	 */
	@Override
	public void close() {
		RuntimeException first = null;
		for (ConnectionLane lane : this.lanes) {
			try {
				lane.close();
			}
			catch (RuntimeException ex) {
				if (first == null) {
					first = ex;
				}
				else {
					first.addSuppressed(ex);
				}
			}
		}
		if (first != null) {
			throw first;
		}
	}

}
