package io.casty.client.transport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.casty.client.CastyClientListener;
import io.casty.client.CastyException;
import io.casty.client.ClientClosedException;
import io.casty.client.ConnectionsInfo;
import io.casty.client.NodeAddress;
import io.casty.client.NodeUnreachableException;
import io.netty.channel.Channel;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections of one lane by node: at most one live connection per node, the aliases
 * of nodes reached under another address than they name themselves, the connections nodes
 * dialled to the client, Casty's race rule between the two, and the nodes marked failed
 * (with their reconnect loop, in {@link NodeFailures}). Every change of a connection's fate goes through here, so
 * the rules hold whichever side (dialler, listener, stuck-node detection, topology) saw it.
 *
 * @since 0.1.0
 */
final class NodeTable {

	private static final Logger logger = LoggerFactory.getLogger(NodeTable.class);

	/** How long {@link #close()} waits for the sockets to close. */
	private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

	private final int lane;

	private final int maxPendingBytes;

	private final CastyClientListener listener;

	private final ConnectionEvents events;

	private final Map<NodeAddress, NodeConnection> connections = new ConcurrentHashMap<>();

	private final Map<NodeAddress, NodeAddress> aliases = new ConcurrentHashMap<>();

	private final NodeFailures failures;

	/** Connections nodes dialled to the client's listener, usable both ways as in Casty. */
	private final Map<NodeAddress, NodeConnection> accepted = new ConcurrentHashMap<>();

	/**
	 * Why the client's own connection to a node closed while the node's connection to the
	 * client took its place; named if that one is lost too, until the client connects again.
	 */
	private final Map<NodeAddress, CastyException> fellBack = new ConcurrentHashMap<>();

	private volatile boolean closed;

	NodeTable(int lane, int maxPendingBytes, CastyClientListener listener, ConnectionEvents events,
			NodeFailures.Reconnector reconnector) {
		this.lane = lane;
		this.maxPendingBytes = maxPendingBytes;
		this.listener = listener;
		this.events = events;
		this.failures = new NodeFailures(reconnector);
	}

	boolean isClosed() {
		return this.closed;
	}

	/** A new connection to a node, not yet in the table. */
	NodeConnection newConnection(NodeAddress node) {
		return new NodeConnection(node, this.maxPendingBytes);
	}

	NodeAddress resolve(NodeAddress node) {
		NodeAddress canonical = this.aliases.get(node);
		return (canonical != null) ? canonical : node;
	}

	/**
	 * The live connection to a node, or a new one handed to {@code open} first.
	 * @param requested the node, under any of its addresses
	 * @param open opens a connection just put in the table
	 * @return the connection
	 * @throws NodeUnreachableException if the node is marked failed
	 */
	NodeConnection connectionFor(NodeAddress requested, Consumer<NodeConnection> open) {
		NodeAddress node = resolve(requested);
		NodeConnection existing = this.connections.get(node);
		if (existing != null && existing.state() != NodeConnection.State.CLOSED) {
			return existing;
		}
		CastyException failure = this.failures.causeOf(node);
		if (failure != null) {
			throw new NodeUnreachableException(node,
					"Node " + node + " is unreachable (" + failure.getMessage() + "); reconnecting in the background",
					failure);
		}
		NodeConnection created = newConnection(node);
		NodeConnection raced = this.connections.putIfAbsent(node, created);
		if (raced != null) {
			if (raced.state() != NodeConnection.State.CLOSED) {
				return raced;
			}
			if (!this.connections.replace(node, raced, created)) {
				return connectionFor(requested, open);
			}
		}
		open.accept(created);
		return created;
	}

	/** The node's connection while it is ready, for stuck-node detection. */
	@Nullable NodeConnection ready(NodeAddress node) {
		NodeConnection connection = this.connections.get(resolve(node));
		return (connection != null && connection.state() == NodeConnection.State.READY) ? connection : null;
	}

	/**
	 * A connection the client dialled answered the handshake: keep one connection per node,
	 * file the node's canonical address, clear its failure.
	 * @param connection the connection
	 * @param canonical the address the node gave in its handshake
	 */
	void handshaken(NodeConnection connection, NodeAddress canonical) {
		// before the connection is ready, so nothing it carries is routed without the answer
		this.events.nodeAnswered(canonical, connection.pipelined());
		NodeAddress dialled = connection.address();
		NodeConnection existing = this.connections.get(dialled);
		if (existing != connection) {
			if (existing != null && existing.state() == NodeConnection.State.READY) {
				// Another live connection serves this node already: keep one per node.
				connection.close(new NodeUnreachableException(dialled, "Duplicate connection to " + dialled + " closed"));
				return;
			}
			this.connections.put(dialled, connection);
			if (existing != null) {
				existing.close(new NodeUnreachableException(dialled, "Replaced by a new connection to " + dialled));
			}
		}
		if (!canonical.equals(dialled)) {
			this.aliases.put(dialled, canonical);
			NodeConnection other = this.connections.putIfAbsent(canonical, connection);
			if (other != null && other != connection && other.state() == NodeConnection.State.CLOSED) {
				this.connections.put(canonical, connection);
			}
		}
		connection.ready(canonical);
		this.fellBack.remove(canonical);
		this.failures.clear(canonical);
		this.failures.clear(dialled);
		logger.debug("Connected to Casty node {} (dialled {})", canonical, dialled);
		this.listener.connectionOpened(canonical);
		this.events.nodeConnected(canonical);
	}

	/**
	 * A node dialled the client and handshook.
	 * @param node the address it gave
	 * @param connection its connection, ready
	 */
	void accepted(NodeAddress node, NodeConnection connection) {
		if (this.closed) {
			connection.close(new ClientClosedException("The Casty client is closed"));
			return;
		}
		NodeConnection previous = this.accepted.put(node, connection);
		if (previous != null && previous != connection) {
			previous.close(new NodeUnreachableException(node, "replaced by a newer connection from the node"));
		}
		NodeConnection current = this.connections.get(node);
		if (current == null || current.state() == NodeConnection.State.CLOSED) {
			this.connections.put(node, connection);
		}
		this.failures.clear(node);
		logger.debug("Node {} connected to this client", node);
		this.events.nodeConnected(node);
	}

	/**
	 * A connection a node dialled was lost.
	 * @param node the node
	 * @param connection the connection
	 * @param closedBecause why the client closed it, or {@code null} if it was lost
	 */
	void acceptedLost(NodeAddress node, NodeConnection connection, @Nullable NodeUnreachableException closedBecause) {
		this.accepted.remove(node, connection);
		CastyException earlier = this.fellBack.remove(node);
		NodeUnreachableException cause = closedBecause;
		if (cause == null) {
			cause = (earlier == null) ? new NodeUnreachableException(node, "Connection from node " + node + " was lost")
					: new NodeUnreachableException(node, "Connection from node " + node
							+ " was lost after the client's own connection to it closed: " + earlier.getMessage(), earlier);
		}
		if (this.connections.get(node) == connection) {
			lost(connection, cause);
		}
		else {
			connection.close(cause);
		}
	}

	/**
	 * A connection was lost or must go: fails it, unless the table moved on from it already.
	 * @param connection the connection
	 * @param cause why
	 */
	void lostIfCurrent(NodeConnection connection, CastyException cause) {
		if (connection.state() != NodeConnection.State.CLOSED
				&& this.connections.get(connection.address()) == connection) {
			lost(connection, cause);
		}
		else {
			connection.close(cause);
		}
	}

	/**
	 * A connection failed (connecting, handshaking or later): it is closed and forgotten, and
	 * its node is marked failed unless the node's own connection to the client can serve it.
	 * The node's fate is settled before the connection is closed: closing fails the asks
	 * waiting on it, and a caller woken by that failure that asks again at once must find the
	 * node marked failed (and fail fast) or served by its own connection, not find it neither
	 * connected nor failed and dial it again.
	 * @param connection the connection
	 * @param error why
	 */
	void lost(NodeConnection connection, Throwable error) {
		NodeAddress node = connection.canonical();
		CastyException cause = (error instanceof CastyException ce) ? ce
				: new NodeUnreachableException(node, "Cannot connect to node " + node + ": " + error, error);
		boolean wasReady = connection.state() == NodeConnection.State.READY;
		if (!this.closed) {
			NodeAddress viaAlias = this.aliases.getOrDefault(node, node);
			NodeConnection alternative = this.accepted.get(viaAlias);
			if (alternative != null && alternative != connection
					&& alternative.state() == NodeConnection.State.READY) {
				// The node dialled us and kept its own connection (Casty's race rule): use that one.
				this.connections.put(viaAlias, alternative);
				this.fellBack.put(viaAlias, cause);
				logger.debug("Using the connection node {} opened to this client", viaAlias);
			}
			else {
				markFailed(node, cause);
			}
		}
		connection.close(cause);
		this.connections.remove(connection.address(), connection);
		this.connections.remove(node, connection);
		if (!node.equals(connection.address())) {
			this.aliases.remove(connection.address(), node);
		}
		if (wasReady) {
			this.listener.connectionClosed(node);
		}
	}

	private void markFailed(NodeAddress node, CastyException cause) {
		this.failures.mark(node, cause);
		logger.debug("Casty node {} marked unreachable: {}", node, cause.getMessage());
		this.events.nodeFailed(node, cause);
	}

	boolean isFailed(NodeAddress node) {
		return !this.failures.isEmpty() && this.failures.contains(resolve(node));
	}

	@Nullable CastyException failureOf(NodeAddress node) {
		return this.failures.causeOf(resolve(node));
	}

	/** Nodes with a ready connection, by canonical address, ordered. */
	List<NodeAddress> connectedNodes() {
		List<NodeAddress> nodes = new ArrayList<>();
		for (Map.Entry<NodeAddress, NodeConnection> entry : this.connections.entrySet()) {
			if (entry.getValue().state() == NodeConnection.State.READY && !this.aliases.containsKey(entry.getKey())) {
				nodes.add(entry.getValue().canonical());
			}
		}
		return nodes.stream().distinct().sorted().toList();
	}

	/** This lane's connections and failed nodes, for operators, ordered by node. */
	List<ConnectionsInfo.Connection> describe() {
		Map<NodeAddress, ConnectionsInfo.Connection> described = new TreeMap<>();
		for (Map.Entry<NodeAddress, NodeConnection> entry : this.connections.entrySet()) {
			NodeConnection connection = entry.getValue();
			NodeConnection.State state = connection.state();
			if (state == NodeConnection.State.CLOSED || this.aliases.containsKey(entry.getKey())) {
				continue;
			}
			NodeAddress node = connection.canonical();
			described.putIfAbsent(node, new ConnectionsInfo.Connection(node, this.lane,
					(state == NodeConnection.State.READY) ? ConnectionsInfo.ConnectionState.OPEN
							: ConnectionsInfo.ConnectionState.CONNECTING,
					connection.since(), this.accepted.get(node) == connection, 0, connection.pendingWriteBytes(),
					this.failures.lastFailure(node)));
		}
		this.failures.describe(this.lane, described);
		return List.copyOf(described.values());
	}

	/**
	 * Stops reconnecting to failed nodes not in {@code members} and closes the connections
	 * of nodes in {@code gone}.
	 * @param members nodes still worth reconnecting to
	 * @param gone nodes the cluster marked down or removed
	 */
	void retain(Set<NodeAddress> members, Set<NodeAddress> gone) {
		this.failures.retain(members);
		this.fellBack.keySet().removeIf((node) -> !members.contains(node));
		for (NodeAddress node : gone) {
			NodeConnection connection = this.connections.get(node);
			if (connection != null) {
				connection.close(new NodeUnreachableException(node, "Node " + node + " was marked down by the cluster"));
			}
		}
	}

	/**
	 * Closes the connection to a node that is connected but silent, on its event loop.
	 * @param connection the connection
	 * @param cause why
	 */
	void closeSilent(NodeConnection connection, NodeUnreachableException cause) {
		Channel ch = connection.channel();
		if (ch != null) {
			ch.eventLoop().execute(() -> {
				if (connection.state() != NodeConnection.State.CLOSED
						&& this.connections.get(connection.address()) == connection) {
					lost(connection, cause);
				}
			});
		}
	}

	/**
	 * Stops every reconnect loop and closes every connection, its accepted frames written
	 * first. Off the event loops it waits (up to {@link #CLOSE_WAIT}) until the sockets are
	 * closed, so that the event loops, shut down next, do not close them with the last frames
	 * (an unsubscription) still queued.
	 */
	void close() {
		this.closed = true;
		this.failures.close();
		this.fellBack.clear();
		ClientClosedException cause = new ClientClosedException("The Casty client is closed");
		List<Channel> closing = new ArrayList<>();
		for (NodeConnection connection : List.copyOf(this.connections.values())) {
			connection.close(cause);
			Channel ch = connection.channel();
			if (ch != null) {
				closing.add(ch);
			}
		}
		this.connections.clear();
		ClosingChannels.awaitClosed(closing, CLOSE_WAIT);
	}

}
