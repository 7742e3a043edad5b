package io.casty.client.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.casty.client.CastyClientListener;
import io.casty.client.ClientClosedException;
import io.casty.client.ConnectionsInfo;
import io.casty.client.NodeAddress;
import io.casty.client.NodeUnreachableException;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * One lane's table of connections, on {@link EmbeddedChannel}s and a reconnector that only
 * records: one connection per node under each of its addresses, Casty's race rule (a node's
 * own connection to the client serves when the client's to it is lost), and failure marks
 * with their reconnect loop, cleared by a handshake, by the node leaving, or by closing.
 */
class NodeTableTests {

	private static final NodeAddress DIALLED = new NodeAddress("localhost", 25520);

	private static final NodeAddress CANONICAL = new NodeAddress("127.0.0.1", 25520);

	private static final NodeAddress OTHER = new NodeAddress("127.0.0.1", 25521);

	private final List<String> events = new CopyOnWriteArrayList<>();

	private final List<String> listened = new CopyOnWriteArrayList<>();

	private final List<Loop> reconnects = new ArrayList<>();

	private final NodeTable table = new NodeTable(0, 1024, new CastyClientListener() {
		@Override
		public void connectionOpened(NodeAddress node) {
			NodeTableTests.this.listened.add("opened " + node);
		}

		@Override
		public void connectionClosed(NodeAddress node) {
			NodeTableTests.this.listened.add("closed " + node);
		}
	}, new ConnectionEvents() {
		@Override
		public void nodeConnected(NodeAddress node) {
			NodeTableTests.this.events.add("connected " + node);
		}

		@Override
		public void nodeFailed(NodeAddress node, Throwable cause) {
			NodeTableTests.this.events.add("failed " + node + ": " + cause.getMessage());
		}
	}, (node, attempts) -> {
		Loop loop = new Loop(node, attempts);
		this.reconnects.add(loop);
		return loop;
	});

	private final List<NodeConnection> opened = new ArrayList<>();

	@Test
	void aNodeReachedUnderAnAliasHasOneConnectionUnderBothAddresses() {
		NodeConnection connection = this.table.connectionFor(DIALLED, this::open);
		assertThat(this.table.connectionFor(DIALLED, this::open)).isSameAs(connection);
		assertThat(connection.state()).isEqualTo(NodeConnection.State.CONNECTING);

		this.table.handshaken(connection, CANONICAL);

		assertThat(this.opened).containsExactly(connection);
		assertThat(this.table.resolve(DIALLED)).isEqualTo(CANONICAL);
		assertThat(this.table.connectionFor(CANONICAL, this::open)).isSameAs(connection);
		assertThat(this.table.connectionFor(DIALLED, this::open)).isSameAs(connection);
		assertThat(this.table.ready(DIALLED)).isSameAs(connection);
		assertThat(this.table.connectedNodes()).containsExactly(CANONICAL);
		assertThat(this.table.describe()).singleElement().satisfies((row) -> {
			assertThat(row.node()).isEqualTo(CANONICAL);
			assertThat(row.state()).isEqualTo(ConnectionsInfo.ConnectionState.OPEN);
		});
		assertThat(this.events).containsExactly("connected " + CANONICAL);
		assertThat(this.listened).containsExactly("opened " + CANONICAL);
	}

	@Test
	void aSecondConnectionToANodeThatHasALiveOneIsClosed() {
		NodeConnection first = this.table.connectionFor(CANONICAL, this::open);
		this.table.handshaken(first, CANONICAL);
		NodeConnection duplicate = this.table.newConnection(CANONICAL);
		open(duplicate);

		this.table.handshaken(duplicate, CANONICAL);

		assertThat(duplicate.state()).isEqualTo(NodeConnection.State.CLOSED);
		assertThat(first.state()).isEqualTo(NodeConnection.State.READY);
		assertThat(this.table.connectionFor(CANONICAL, this::open)).isSameAs(first);
	}

	@Test
	void aLostConnectionMarksTheNodeFailedUntilAHandshakeClearsIt() {
		NodeConnection connection = this.table.connectionFor(CANONICAL, this::open);
		this.table.handshaken(connection, CANONICAL);

		this.table.lost(connection, new RuntimeException("reset by peer"));

		assertThat(connection.state()).isEqualTo(NodeConnection.State.CLOSED);
		assertThat(this.table.isFailed(CANONICAL)).isTrue();
		assertThat(this.table.failureOf(CANONICAL)).isInstanceOf(NodeUnreachableException.class)
			.hasMessageContaining("reset by peer");
		assertThat(this.reconnects).singleElement().satisfies((loop) -> {
			assertThat(loop.node).isEqualTo(CANONICAL);
			assertThat(loop.isDisposed()).isFalse();
		});
		assertThatExceptionOfType(NodeUnreachableException.class)
			.isThrownBy(() -> this.table.connectionFor(CANONICAL, this::open))
			.withMessageContaining("Node " + CANONICAL + " is unreachable")
			.satisfies((ex) -> assertThat(ex.getNode()).isEqualTo(CANONICAL));
		assertThat(this.table.describe()).singleElement()
			.satisfies((row) -> assertThat(row.state()).isEqualTo(ConnectionsInfo.ConnectionState.FAILED));
		assertThat(this.events).last().asString().startsWith("failed " + CANONICAL);
		assertThat(this.listened).containsExactly("opened " + CANONICAL, "closed " + CANONICAL);

		NodeConnection reconnected = this.table.newConnection(CANONICAL);
		open(reconnected);
		this.table.handshaken(reconnected, CANONICAL);

		assertThat(this.table.isFailed(CANONICAL)).isFalse();
		assertThat(this.reconnects.get(0).isDisposed()).as("the reconnect loop stops").isTrue();
		assertThat(this.table.connectionFor(CANONICAL, this::open)).isSameAs(reconnected);
		assertThat(this.table.describe()).singleElement()
			.satisfies((row) -> assertThat(row.lastFailure()).contains("reset by peer"));
	}

	@Test
	void theNodeIsMarkedFailedBeforeTheLostConnectionFailsItsAsks() {
		NodeConnection connection = this.table.connectionFor(CANONICAL, this::open);
		this.table.handshaken(connection, CANONICAL);
		List<String> seenByTheAsk = new ArrayList<>();
		connection.await((cause) -> {
			// a caller woken by the failure asks again at once: it must fail fast, not dial
			seenByTheAsk.add("failed " + this.table.isFailed(CANONICAL));
			seenByTheAsk.add("events " + this.events);
			try {
				this.table.connectionFor(CANONICAL, this::open);
				seenByTheAsk.add("dialled again");
			}
			catch (NodeUnreachableException ex) {
				seenByTheAsk.add("unreachable");
			}
		});

		this.table.lost(connection, new RuntimeException("reset by peer"));

		assertThat(seenByTheAsk).hasSize(3);
		assertThat(seenByTheAsk.get(0)).isEqualTo("failed true");
		assertThat(seenByTheAsk.get(1)).startsWith("events [connected " + CANONICAL + ", failed " + CANONICAL);
		assertThat(seenByTheAsk.get(2)).isEqualTo("unreachable");
		assertThat(this.opened).as("no connection dialled in the gap").containsExactly(connection);
		assertThat(connection.state()).isEqualTo(NodeConnection.State.CLOSED);
		assertThat(this.listened).containsExactly("opened " + CANONICAL, "closed " + CANONICAL);
	}

	@Test
	void aLostConnectionWhoseNodeDialledTheClientHandsItsAsksOverToThatConnection() {
		NodeConnection dialled = this.table.connectionFor(CANONICAL, this::open);
		this.table.handshaken(dialled, CANONICAL);
		NodeConnection accepted = acceptedFrom(CANONICAL);
		List<NodeConnection> seenByTheAsk = new ArrayList<>();
		dialled.await((cause) -> seenByTheAsk.add(this.table.connectionFor(CANONICAL, this::open)));

		this.table.lost(dialled, new NodeUnreachableException(CANONICAL, "lost"));

		assertThat(seenByTheAsk).as("the ask asked again goes to the node's own connection").containsExactly(accepted);
		assertThat(this.table.isFailed(CANONICAL)).isFalse();
		assertThat(this.opened).containsExactly(dialled);
	}

	@Test
	void aFailedNodeThatLeftTheClusterIsNoLongerReconnected() {
		NodeConnection toOther = this.table.connectionFor(OTHER, this::open);
		this.table.handshaken(toOther, OTHER);
		NodeConnection connection = this.table.connectionFor(CANONICAL, this::open);
		this.table.lost(connection, new NodeUnreachableException(CANONICAL, "refused"));
		assertThat(this.table.isFailed(CANONICAL)).isTrue();

		this.table.retain(Set.of(OTHER), Set.of());

		assertThat(this.table.isFailed(CANONICAL)).isFalse();
		assertThat(this.reconnects.get(0).isDisposed()).isTrue();
		assertThat(toOther.state()).isEqualTo(NodeConnection.State.READY);

		this.table.retain(Set.of(OTHER), Set.of(OTHER));
		assertThat(toOther.state()).as("a node marked down is closed").isEqualTo(NodeConnection.State.CLOSED);
	}

	@Test
	void raceRuleTheNodesOwnConnectionServesWhenTheClientsIsLost() {
		NodeConnection dialled = this.table.connectionFor(CANONICAL, this::open);
		this.table.handshaken(dialled, CANONICAL);
		NodeConnection accepted = acceptedFrom(CANONICAL);
		assertThat(this.table.connectionFor(CANONICAL, this::open)).as("the client's own stays in use")
			.isSameAs(dialled);

		this.table.lost(dialled, new NodeUnreachableException(CANONICAL, "lost"));

		assertThat(this.table.isFailed(CANONICAL)).isFalse();
		assertThat(this.reconnects).isEmpty();
		assertThat(this.table.connectionFor(CANONICAL, this::open)).isSameAs(accepted);
		assertThat(this.table.describe()).singleElement().satisfies((row) -> assertThat(row.inbound()).isTrue());

		this.table.acceptedLost(CANONICAL, accepted, null);
		assertThat(accepted.state()).isEqualTo(NodeConnection.State.CLOSED);
		assertThat(this.table.isFailed(CANONICAL)).isTrue();
	}

	@Test
	void aNodesConnectionLostAfterTheClientsOwnClosedNamesWhyTheClientsClosed() {
		NodeConnection dialled = this.table.connectionFor(CANONICAL, this::open);
		this.table.handshaken(dialled, CANONICAL);
		NodeConnection accepted = acceptedFrom(CANONICAL);
		this.table.lost(dialled, new NodeUnreachableException(CANONICAL, "its byte stream broke (frame too long)"));

		this.table.acceptedLost(CANONICAL, accepted, null);

		assertThat(this.table.failureOf(CANONICAL)).hasMessage("Connection from node " + CANONICAL
				+ " was lost after the client's own connection to it closed: its byte stream broke (frame too long)");

		NodeConnection again = this.table.newConnection(CANONICAL);
		open(again);
		this.table.handshaken(again, CANONICAL);
		NodeConnection acceptedAgain = acceptedFrom(CANONICAL);
		this.table.lost(again, new NodeUnreachableException(CANONICAL, "reset by peer"));
		this.table.acceptedLost(CANONICAL, acceptedAgain, null);
		assertThat(this.table.failureOf(CANONICAL)).as("each fallback names its own reason")
			.hasMessageEndingWith("closed: reset by peer");

		NodeConnection third = this.table.newConnection(CANONICAL);
		open(third);
		this.table.handshaken(third, CANONICAL);
		NodeConnection acceptedThird = acceptedFrom(CANONICAL);
		this.table.acceptedLost(CANONICAL, acceptedThird, null);
		this.table.lost(third, new NodeUnreachableException(CANONICAL, "refused"));
		assertThat(this.table.failureOf(CANONICAL)).as("a reconnection forgets the earlier reason").hasMessage("refused");
	}

	@Test
	void aConnectionFromANodeServesItWhenTheClientHasNone() {
		NodeConnection accepted = acceptedFrom(OTHER);
		assertThat(this.table.connectionFor(OTHER, this::open)).isSameAs(accepted);
		assertThat(this.opened).isEmpty();
		assertThat(this.events).containsExactly("connected " + OTHER);
		NodeConnection newer = acceptedFrom(OTHER);
		assertThat(accepted.state()).as("replaced by the newer").isEqualTo(NodeConnection.State.CLOSED);
		assertThat(newer.state()).isEqualTo(NodeConnection.State.READY);
	}

	@Test
	void aLossTheTableMovedOnFromLeavesTheCurrentConnectionAlone() {
		NodeConnection old = this.table.connectionFor(CANONICAL, this::open);
		this.table.lost(old, new NodeUnreachableException(CANONICAL, "refused"));
		this.table.retain(Set.of(), Set.of());
		NodeConnection current = this.table.connectionFor(CANONICAL, this::open);
		this.table.handshaken(current, CANONICAL);

		this.table.lostIfCurrent(old, new NodeUnreachableException(CANONICAL, "late news"));

		assertThat(current.state()).isEqualTo(NodeConnection.State.READY);
		assertThat(this.table.isFailed(CANONICAL)).isFalse();
	}

	@Test
	void closingStopsReconnectingClosesEveryConnectionAndRefusesAcceptedOnes() {
		NodeConnection ready = this.table.connectionFor(CANONICAL, this::open);
		this.table.handshaken(ready, CANONICAL);
		NodeConnection failed = this.table.connectionFor(OTHER, this::open);
		this.table.lost(failed, new NodeUnreachableException(OTHER, "refused"));

		this.table.close();

		assertThat(this.table.isClosed()).isTrue();
		assertThat(ready.state()).isEqualTo(NodeConnection.State.CLOSED);
		EmbeddedChannel channel = (EmbeddedChannel) ready.channel();
		channel.runPendingTasks();
		assertThat(channel.isOpen()).as("closed once its accepted frames are written").isFalse();
		assertThat(this.reconnects).singleElement().satisfies((loop) -> assertThat(loop.isDisposed()).isTrue());
		assertThat(this.table.isFailed(OTHER)).isFalse();
		assertThat(this.table.describe()).isEmpty();
		NodeConnection late = this.table.newConnection(OTHER);
		open(late);
		late.ready(OTHER);
		this.table.accepted(OTHER, late);
		assertThat(late.state()).isEqualTo(NodeConnection.State.CLOSED);
		this.table.lost(late, new ClientClosedException("closed"));
		assertThat(this.reconnects).as("no new reconnect loop once closed").hasSize(1);
	}

	private void open(NodeConnection connection) {
		connection.attach(new EmbeddedChannel());
		this.opened.add(connection);
	}

	private NodeConnection acceptedFrom(NodeAddress node) {
		NodeConnection connection = this.table.newConnection(node);
		connection.attach(new EmbeddedChannel());
		connection.ready(node);
		this.table.accepted(node, connection);
		return connection;
	}

	/** A reconnect loop that only records whether it was stopped. */
	private static final class Loop implements Disposable {

		final NodeAddress node;

		final AtomicInteger attempts;

		private volatile boolean disposed;

		Loop(NodeAddress node, AtomicInteger attempts) {
			this.node = node;
			this.attempts = attempts;
		}

		@Override
		public void dispose() {
			this.disposed = true;
		}

		@Override
		public boolean isDisposed() {
			return this.disposed;
		}

	}

}
