package io.casty.client.transport;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.casty.client.CastyClientOptions;
import io.casty.client.CastyException;
import io.casty.client.ClientClosedException;
import io.casty.client.ConnectionsInfo;
import io.casty.client.NodeAddress;
import io.casty.client.NodeUnreachableException;
import io.casty.client.internal.LogLimiter;
import io.casty.client.protocol.EncodedMessage;
import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.netty.resources.LoopResources;

/**
 * One lane of the client's connections: under one client identity, at most one connection
 * per node, opened on demand, each with Casty's handshake. A node whose connection fails is
 * marked failed: sends to it fail at once with {@link NodeUnreachableException}, and it is
 * reconnected in the background until it answers or leaves the cluster.
 * <p>
 * The lane wires its parts: the {@link NodeTable} (connections, aliases, race rule,
 * failures), the {@link Dialer} (connect, handshake, reconnect), the
 * {@link DialBackListener} (nodes dialling the client) and the {@link FrameDispatch}
 * (inbound frames), and frames what it sends: the header of the node, path and type hint
 * ({@link HeaderCache}) before the payload, which arrives encoded ({@link EncodedMessage}).
 *
 * @since 0.1.0
 */
final class ConnectionLane implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ConnectionLane.class);

	private final LogLimiter logs = new LogLimiter(logger);

	private final CastyClientOptions options;

	/** This lane's index: its identity's port offset when ports are fixed. */
	private final int lane;

	private final LoopResources loops;

	private final NodeTable table;

	private final Dialer dialer;

	private final DialBackListener listener;

	private final HeaderCache headers = new HeaderCache();

	private final Consumer<NodeConnection> dial;

	private volatile @Nullable ClientIdentity identity;

	ConnectionLane(int lane, CastyClientOptions options, LoopResources loops, InboundFrames inbound,
			ConnectionEvents events) {
		this.lane = lane;
		this.options = options;
		this.loops = loops;
		FrameDispatch dispatch = new FrameDispatch(inbound, options.listener(), this.logs);
		this.table = new NodeTable(lane, options.socket().maxPendingWriteBytes(), options.listener(), events,
				this::reconnect);
		this.dialer = new Dialer(options, loops, this::identity, this.table, dispatch);
		this.dial = this.dialer::dial;
		this.listener = new DialBackListener(options, this.table, dispatch, this::identity);
	}

	private Disposable reconnect(NodeAddress node, AtomicInteger attempts) {
		return this.dialer.reconnect(node, attempts);
	}

	/**
	 * Binds the dial-back listener (when enabled) and fixes the client's identity.
	 * @return the identity every ref and handshake carries
	 */
	ClientIdentity start() {
		String host;
		int port;
		Integer advertisedPort = this.options.listen().advertisedPort();
		if (advertisedPort != null && advertisedPort != 0) {
			advertisedPort += this.lane;
		}
		if (this.options.listen().enabled()) {
			int clientPort = this.options.listen().port();
			int bound = this.listener.bind(this.loops, (clientPort == 0) ? 0 : clientPort + this.lane);
			host = (this.options.listen().advertisedHost() != null) ? this.options.listen().advertisedHost() : this.options.listen().host();
			port = (advertisedPort != null) ? advertisedPort : bound;
		}
		else {
			// Undialable, unique, and sorting below every node address (spec: race rule).
			host = (this.options.listen().advertisedHost() != null) ? this.options.listen().advertisedHost()
					: "-jc-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
			port = (advertisedPort != null) ? advertisedPort : 0;
		}
		ClientIdentity id = new ClientIdentity(host, port, this.options.systemName());
		this.identity = id;
		return id;
	}

	private ClientIdentity identity() {
		ClientIdentity id = this.identity;
		if (id == null) {
			throw new IllegalStateException("ConnectionManager not started");
		}
		return id;
	}

	/**
	 * Frames and sends a message to an actor path of a node, connecting first if needed.
	 * @param node the node
	 * @param path the actor path on it
	 * @param message the encoded message, taken: written or released, also when this throws
	 * @param failure told if the message, once accepted, cannot be written
	 * @throws NodeUnreachableException if the node is marked failed or its connection is closed
	 * @throws io.casty.client.BufferOverflowException if too many bytes wait for the node
	 */
	void send(NodeAddress node, String path, EncodedMessage message, SendFailure failure) {
		sendOn(node, path, message, failure);
	}

	/**
	 * Sends a message that waits for an answer, like {@link #send}; {@code failure} is also
	 * told if the connection it took closes before {@link InFlight#done()}.
	 * @param node the node
	 * @param path the actor path on it
	 * @param message the encoded message, taken: written or released, also when this throws
	 * @param failure told if the message cannot be written or its connection closes first
	 * @return the registration on the connection
	 */
	InFlight request(NodeAddress node, String path, EncodedMessage message, SendFailure failure) {
		return sendOn(node, path, message, failure).await(failure);
	}

	/** Takes the message: frames it for the connection, which writes or releases the frame. */
	private NodeConnection sendOn(NodeAddress node, String path, EncodedMessage message, SendFailure failure) {
		NodeConnection connection;
		ByteBuf frame;
		try {
			if (this.table.isClosed()) {
				throw new ClientClosedException("The Casty client is closed");
			}
			connection = this.table.connectionFor(node, this.dial);
			frame = message.frame(this.headers.header(identity(), node, path, message.typeHint()));
		}
		catch (RuntimeException ex) {
			message.release();
			throw ex;
		}
		connection.send(frame, failure);
		return connection;
	}

	/**
	 * Whether a node is marked failed (its last connection attempt or connection failed and
	 * it has not answered since).
	 * @param node the node
	 * @return whether it is failed
	 */
	boolean isFailed(NodeAddress node) {
		return this.table.isFailed(node);
	}

	/**
	 * Why a node is marked failed.
	 * @param node the node
	 * @return the cause, or {@code null} if it is not failed
	 */
	@Nullable CastyException failureOf(NodeAddress node) {
		return this.table.failureOf(node);
	}

	/**
	 * Nodes with an open, ready connection.
	 * @return their canonical addresses
	 */
	List<NodeAddress> connectedNodes() {
		return this.table.connectedNodes();
	}

	/**
	 * Describes this lane's connections and failed nodes, for operators.
	 * @return one entry per node, ordered by node
	 */
	List<ConnectionsInfo.Connection> describe() {
		return this.table.describe();
	}

	/**
	 * Opens a connection to a node unless one exists (or the node is marked failed).
	 * @param node the node
	 */
	void ensureConnected(NodeAddress node) {
		if (!this.table.isClosed() && !this.table.isFailed(node)) {
			try {
				this.table.connectionFor(node, this.dial);
			}
			catch (CastyException ex) {
				logger.debug("Cannot connect to {}: {}", node, ex.getMessage());
			}
		}
	}

	/**
	 * Stops reconnecting to failed nodes that are not in {@code members} and closes
	 * connections to nodes the cluster lists as gone.
	 * @param members nodes still worth reconnecting to
	 * @param gone nodes the cluster marked down or removed
	 */
	void retain(Set<NodeAddress> members, Set<NodeAddress> gone) {
		for (NodeAddress node : gone) {
			this.headers.forget(node);
		}
		this.table.retain(members, gone);
	}

	/**
	 * Counts an ask to a node that timed out; after
	 * {@link io.casty.client.StuckNodeOptions#askTimeouts()} in a row with nothing arriving from the
	 * node, its connection is closed and the node marked failed.
	 * @param node the node
	 * @param sentNanos when the ask was sent
	 */
	void askTimedOut(NodeAddress node, long sentNanos) {
		int threshold = this.options.stuckNode().askTimeouts();
		NodeConnection connection = this.table.ready(node);
		if (threshold == 0 || this.table.isClosed() || connection == null) {
			return;
		}
		int silent = connection.askTimedOut(sentNanos);
		if (silent >= threshold && connection.channel() != null) {
			NodeAddress canonical = connection.canonical();
			String why = silent + " asks in a row got no reply and nothing else arrived from it meanwhile";
			this.logs.warn("stuck-node " + canonical, "Closed the connection to node {}, which does not answer: {}",
					canonical, why);
			this.table.closeSilent(connection, new NodeUnreachableException(canonical, "Node " + canonical
					+ " is connected but does not answer (" + why + "); reconnecting in the background"));
		}
	}

	/**
	 * Closes every connection, the listener and the reconnect loops.
	 */
	@Override
	public void close() {
		this.table.close();
		this.listener.close();
	}

}
