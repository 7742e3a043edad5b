package io.casty.client;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A read-only picture of what the client's connections look like at one instant: every
 * connection per node and lane, and for every member of the current topology whether the
 * client can reach it and, if not, why. For operators (health, the actuator endpoint, the
 * command-line tool); routing never reads it. Taking one copies a few fields per connection
 * and locks nothing.
 *
 * @param takenAt when the picture was taken
 * @param connections one entry per node and lane that has a connection or is being
 * reconnected to, ordered by node then lane
 * @param members one entry per member of the current topology, ordered by address; empty
 * before the first snapshot
 * @since 0.1.0
 * @see CastyClient#connections()
 */
public record ConnectionsInfo(Instant takenAt, List<Connection> connections, List<MemberReachability> members) {

	public ConnectionsInfo {
		Objects.requireNonNull(takenAt, "takenAt");
		connections = List.copyOf(connections);
		members = List.copyOf(members);
	}

	/**
	 * The connections to one node, one per lane that has one.
	 * @param node the node
	 * @return its connections, ordered by lane
	 */
	public List<Connection> connectionsTo(NodeAddress node) {
		return this.connections.stream().filter((c) -> c.node().equals(node)).toList();
	}

	/**
	 * The reachability of one member.
	 * @param node the member's address
	 * @return its entry, empty if it is not a member of the current topology
	 */
	public Optional<MemberReachability> member(NodeAddress node) {
		return this.members.stream().filter((m) -> m.node().equals(node)).findFirst();
	}

	/**
	 * The state of one connection.
	 *
	 * @since 0.1.0
	 */
	public enum ConnectionState {

		/** TCP connect or Casty's handshake in progress; messages queue, bounded by bytes. */
		CONNECTING,

		/** Handshake done; messages flow. */
		OPEN,

		/**
		 * The connection failed or could not be opened; sends fail at once with
		 * {@link NodeUnreachableException} while the client reconnects in the background with
		 * backoff.
		 */
		FAILED

	}

	/**
	 * One connection of one lane to one node.
	 *
	 * @param node the node's canonical address (as its handshake names it)
	 * @param lane the lane, 0 to the number of client identities - 1 (see
	 * {@link CastyClient#clientIdentities()})
	 * @param state the state
	 * @param since when it entered that state
	 * @param inbound whether the node opened it (dialling the client's listener) rather than
	 * the client
	 * @param reconnectAttempts reconnect attempts since it failed (0 unless {@code FAILED})
	 * @param pendingWriteBytes bytes accepted but not yet handed to the socket, bounded by
	 * {@link SocketOptions#maxPendingWriteBytes()}
	 * @param lastFailure why the connection to this node on this lane last failed, even if it
	 * has recovered since; {@code null} if it never failed
	 * @since 0.1.0
	 */
	public record Connection(NodeAddress node, int lane, ConnectionState state, Instant since, boolean inbound,
			int reconnectAttempts, long pendingWriteBytes, @Nullable String lastFailure) {

		public Connection {
			Objects.requireNonNull(node, "node");
			Objects.requireNonNull(state, "state");
			Objects.requireNonNull(since, "since");
		}

	}

	/**
	 * Whether the client can send to one member.
	 *
	 * @param node the member's address
	 * @param reachable whether messages to it are sent (it is neither marked unavailable by
	 * the cluster nor failed on a connection of the client)
	 * @param reason why it cannot be reached, or {@code null} if it can
	 * @since 0.1.0
	 */
	public record MemberReachability(NodeAddress node, boolean reachable, @Nullable String reason) {

		public MemberReachability {
			Objects.requireNonNull(node, "node");
		}

	}

}
