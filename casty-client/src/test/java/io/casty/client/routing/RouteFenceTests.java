package io.casty.client.routing;

import io.casty.client.NodeAddress;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RouteFenceTests {

	private static final NodeAddress A = new NodeAddress("127.0.0.1", 25701);

	private static final NodeAddress B = new NodeAddress("127.0.0.1", 25702);

	@Test
	void routesToANodeThatNeverLostAConnectionAreAlwaysUsable() {
		RouteFence fence = new RouteFence();
		assertThat(fence.confirms(A, 0)).isTrue();
		fence.connected(A);
		assertThat(fence.confirms(A, 0)).isTrue();
	}

	@Test
	void aRouteLearnedBeforeALossIsNeverUsableAgainAndOneLearnedAfterTheReconnectIs() {
		RouteFence fence = new RouteFence();
		long before = fence.stamp();
		fence.connectionLost(A);
		long duringOutage = fence.stamp();
		assertThat(fence.confirms(A, before)).isFalse();
		assertThat(fence.confirms(A, duringOutage)).isFalse();
		fence.connected(A);
		assertThat(fence.confirms(A, before)).isFalse();
		assertThat(fence.confirms(A, duringOutage)).isFalse();
		long afterReconnect = fence.stamp();
		assertThat(fence.confirms(A, afterReconnect)).isTrue();
		assertThat(fence.confirms(B, before)).isTrue();
	}

	@Test
	void furtherConnectionsOfTheSameReturnDoNotMoveTheFenceButANewLossDoes() {
		RouteFence fence = new RouteFence();
		fence.connectionLost(A);
		fence.connected(A);
		long afterFirstLane = fence.stamp();
		fence.connected(A);
		assertThat(fence.confirms(A, afterFirstLane)).isTrue();
		fence.connectionLost(A);
		fence.connected(A);
		assertThat(fence.confirms(A, afterFirstLane)).isFalse();
	}

}
