package io.casty.client.transport;

import java.util.stream.IntStream;

import io.casty.client.CastyClientOptions;
import io.casty.client.NodeAddress;
import io.casty.client.SocketOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

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
		assertThat(base.build().socket().connectionsPerNode()).isEqualTo(SocketOptions.DEFAULT_CONNECTIONS_PER_NODE);
		assertThatIllegalArgumentException().isThrownBy(() -> base.socket((s) -> s.connectionsPerNode(0)).build())
			.withMessageContaining("connectionsPerNode must be 1-16");
		assertThatIllegalArgumentException().isThrownBy(() -> base.socket((s) -> s.connectionsPerNode(17)).build())
			.withMessageContaining("connectionsPerNode must be 1-16");
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

}
