package io.casty.client.transport;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import io.casty.client.CastyClientOptions;
import io.casty.client.CastyException;
import io.casty.client.ClientClosedException;
import io.casty.client.ListenOptions;
import io.casty.client.NodeAddress;
import io.casty.client.NodeUnreachableException;
import io.casty.client.SocketOptions;
import io.casty.client.protocol.EncodedMessage;
import io.casty.client.protocol.MessageEncoder;
import io.casty.client.protocol.TrackingAllocator;
import io.casty.client.protocol.codec.MessageCodec;
import io.casty.client.protocol.codec.MessageTypeRegistry;
import org.junit.jupiter.api.Test;
import reactor.netty.resources.LoopResources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

class ConnectionManagerTests {

	@Test
	void oneLaneTakesEveryKey() {
		assertThat(ConnectionManager.laneOf("anything", 1)).isZero();
	}

	@Test
	void aKeyAlwaysGetsTheSameLaneAndKeysSpreadOverAllLanes() {
		int lanes = 4;
		int[] counts = new int[lanes];
		for (int i = 0; i < 4000; i++) {
			String key = "entity-" + i;
			int lane = ConnectionManager.laneOf(key, lanes);
			assertThat(ConnectionManager.laneOf(new String(key.toCharArray()), lanes)).isEqualTo(lane);
			counts[lane]++;
		}
		assertThat(IntStream.of(counts).min().getAsInt()).as("least used of %s", java.util.Arrays.toString(counts))
			.isGreaterThan(800);
	}

	@Test
	void connectionsPerNodeIsValidated() {
		CastyClientOptions.Builder base = CastyClientOptions.builder()
			.contactPoints(java.util.List.of(new NodeAddress("127.0.0.1", 25520)))
			.systemName("c");
		assertThat(base.build().socket().connectionsPerNode()).isEqualTo(SocketOptions.DEFAULT_CONNECTIONS_PER_NODE)
			.isZero();
		assertThat(base.socket((s) -> s.connectionsPerNode(0)).build().socket().connectionsPerNode()).isZero();
		assertThatIllegalArgumentException().isThrownBy(() -> base.socket((s) -> s.connectionsPerNode(-1)).build())
			.withMessageContaining("connectionsPerNode must be 0 (chosen from the nodes) or 1-16");
		assertThatIllegalArgumentException().isThrownBy(() -> base.socket((s) -> s.connectionsPerNode(17)).build())
			.withMessageContaining("connectionsPerNode must be 0 (chosen from the nodes) or 1-16");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> base.socket((s) -> s.connectionsPerNode(4)).listen((l) -> l.port(65534)).build())
			.withMessageContaining("consecutive ports");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> base.socket((s) -> s.connectionsPerNode(2))
				.listen((l) -> l.port(0).enabled(false).advertisedHost("gw"))
				.build())
			.withMessageContaining("one identity per connection");
		assertThat(base.socket((s) -> s.connectionsPerNode(2))
			.listen((l) -> l.enabled(false).advertisedHost("gw").advertisedPort(7000))
			.build()
			.socket()
			.connectionsPerNode()).isEqualTo(2);
	}

	@Test
	void lanesAreTheSetCountElseFourUnlessTheListenOptionsPinTheIdentity() {
		SocketOptions chosen = SocketOptions.defaults();
		ListenOptions listen = ListenOptions.defaults();
		assertThat(ConnectionManager.lanesFor(chosen, listen)).isEqualTo(SocketOptions.CONNECTIONS_PER_CASTY_NODE)
			.isEqualTo(4);
		assertThat(ConnectionManager.lanesFor(chosen.mutate().connectionsPerNode(1).build(), listen)).isEqualTo(1);
		assertThat(ConnectionManager.lanesFor(chosen.mutate().connectionsPerNode(7).build(), listen)).isEqualTo(7);
		// the user gave one port: the client takes no more
		assertThat(ConnectionManager.lanesFor(chosen, listen.mutate().port(25900).build())).isEqualTo(1);
		assertThat(ConnectionManager.lanesFor(chosen, listen.mutate().advertisedPort(7000).build())).isEqualTo(1);
		assertThat(ConnectionManager.lanesFor(chosen, listen.mutate().enabled(false).advertisedHost("gw").build()))
			.isEqualTo(1);
		assertThat(ConnectionManager.lanesFor(chosen.mutate().connectionsPerNode(3).build(),
				listen.mutate().port(25900).build())).isEqualTo(3);
	}

	@Test
	void chosenLanesStayZeroUntilTheFirstNodeAnswersThenSpreadUnlessItDeclaredPipelinedReads() {
		NodeAddress node = new NodeAddress("127.0.0.1", 25520);
		withManager(SocketOptions.DEFAULT_CONNECTIONS_PER_NODE, (manager) -> {
			assertThat(manager.laneCount()).isEqualTo(4);
			assertThat(manager.lanesInUse()).isEqualTo(1);
			assertThat(IntStream.range(0, 200).map((i) -> manager.laneOf("e" + i))).containsOnly(0);
			manager.answered(node, false);
			assertThat(manager.lanesInUse()).isEqualTo(4);
			assertThat(IntStream.range(0, 200).map((i) -> manager.laneOf("f" + i) - ConnectionManager.laneOf("f" + i, 4)))
				.containsOnly(0);
			assertThat(IntStream.range(0, 200).map((i) -> manager.laneOf("f" + i)).distinct()).hasSize(4);
			// the first answer decides: a later node declaring otherwise changes no key's lane
			manager.answered(node, true);
			assertThat(manager.lanesInUse()).isEqualTo(4);
		});
		withManager(SocketOptions.DEFAULT_CONNECTIONS_PER_NODE, (manager) -> {
			manager.answered(node, true);
			assertThat(manager.lanesInUse()).isEqualTo(1);
			assertThat(IntStream.range(0, 200).map((i) -> manager.laneOf("e" + i))).containsOnly(0);
			manager.answered(node, false);
			assertThat(manager.lanesInUse()).isEqualTo(1);
		});
	}

	@Test
	void keysSentToWhileTheSpreadIsChosenKeepLaneZeroSoTheirMessagesStayInOrder() {
		NodeAddress node = new NodeAddress("127.0.0.1", 25520);
		withManager(SocketOptions.DEFAULT_CONNECTIONS_PER_NODE, (manager) -> {
			// keys whose lane among 4 is not 0: before the fix their next message took another connection
			List<String> early = IntStream.range(0, 200)
				.mapToObj((i) -> "early-" + i)
				.filter((key) -> ConnectionManager.laneOf(key, 4) != 0)
				.toList();
			assertThat(early).isNotEmpty();
			early.forEach((key) -> assertThat(manager.laneOf(key)).isZero());

			manager.answered(node, false);

			assertThat(manager.lanesInUse()).isEqualTo(4);
			assertThat(early).allSatisfy((key) -> assertThat(manager.laneOf(key)).as(key).isZero());
			assertThat(manager.laneOf("later")).isEqualTo(ConnectionManager.laneOf("later", 4));
		});
	}

	@Test
	void moreKeysThanItRemembersWhileChoosingKeepOneConnectionPerNode() {
		withManager(SocketOptions.DEFAULT_CONNECTIONS_PER_NODE, (manager) -> {
			for (int i = 0; i <= ConnectionManager.MAX_KEYS_WHILE_CHOOSING; i++) {
				assertThat(manager.laneOf("k" + i)).isZero();
			}

			manager.answered(new NodeAddress("127.0.0.1", 25520), false);

			assertThat(manager.lanesInUse()).isEqualTo(1);
			assertThat(IntStream.range(0, 200).map((i) -> manager.laneOf("other" + i))).containsOnly(0);
		});
	}

	@Test
	void aSetCountSpreadsFromTheStartWhateverTheNodesDeclare() {
		withManager(3, (manager) -> {
			assertThat(manager.lanesInUse()).isEqualTo(3);
			manager.answered(new NodeAddress("127.0.0.1", 25520), true);
			assertThat(manager.lanesInUse()).isEqualTo(3);
			assertThat(IntStream.range(0, 200).map((i) -> manager.laneOf("e" + i)).distinct()).hasSize(3);
		});
	}

	private static void withManager(int connectionsPerNode, java.util.function.Consumer<ConnectionManager> test) {
		CastyClientOptions options = CastyClientOptions.builder()
			.contactPoints(java.util.List.of(new NodeAddress("127.0.0.1", 25520)))
			.systemName("c")
			.socket((s) -> s.connectionsPerNode(connectionsPerNode))
			.build();
		LoopResources loops = LoopResources.create("cm-test", 1, 1, true, false);
		try (ConnectionManager manager = new ConnectionManager(options, loops, (from, frame) -> {
		}, new ConnectionEvents() {
			@Override
			public void nodeConnected(NodeAddress node) {
			}

			@Override
			public void nodeFailed(NodeAddress node, Throwable cause) {
			}
		})) {
			test.accept(manager);
		}
		finally {
			loops.disposeLater().block(java.time.Duration.ofSeconds(5));
		}
	}

	@Test
	void aMessageTheConnectionsCannotWriteIsReleasedWhetherItWasAcceptedOrRefused() throws IOException {
		TrackingAllocator allocator = new TrackingAllocator();
		MessageEncoder encoder = new MessageEncoder(new MessageCodec(MessageTypeRegistry.withProtocolTypes()),
				allocator);
		NodeAddress nobody;
		try (ServerSocket socket = new ServerSocket(0)) {
			nobody = new NodeAddress("127.0.0.1", socket.getLocalPort());
		}
		CastyClientOptions options = CastyClientOptions.builder()
			.contactPoints(List.of(nobody))
			.systemName("c")
			.listen((l) -> l.enabled(false))
			.socket((s) -> s.connectionsPerNode(1))
			.build();
		LoopResources loops = LoopResources.create("lane-tests", 1, true);
		List<CastyException> failures = new CopyOnWriteArrayList<>();
		ConnectionManager manager = new ConnectionManager(options, loops, (from, frame) -> {
		}, new ConnectionEvents() {
			@Override
			public void nodeConnected(NodeAddress node) {
			}

			@Override
			public void nodeFailed(NodeAddress node, Throwable cause) {
			}
		});
		try {
			manager.start();
			manager.send(nobody, "/user", encoder.encode("accepted while connecting"), failures::add);
			await().atMost(Duration.ofSeconds(20)).until(() -> !failures.isEmpty() && manager.isFailed(nobody));
			assertThat(allocator.unreleasedCount()).as("the queued frame is released").isZero();

			EncodedMessage refused = encoder.encode("refused");
			assertThatExceptionOfType(NodeUnreachableException.class)
				.isThrownBy(() -> manager.send(nobody, "/user", refused, SendFailure.IGNORE));
			assertThat(refused.isEnded()).isTrue();
		}
		finally {
			manager.close();
			loops.disposeLater().block(Duration.ofSeconds(10));
		}
		EncodedMessage late = encoder.encode("after close");
		assertThatExceptionOfType(ClientClosedException.class)
			.isThrownBy(() -> manager.send(nobody, "/user", late, SendFailure.IGNORE));
		assertThat(allocator.allocatedCount()).isEqualTo(3);
		assertThat(allocator.unreleasedCount()).isZero();
	}

}
