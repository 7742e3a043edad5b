package io.casty.client.topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import io.casty.client.NodeAddress;
import io.casty.client.protocol.messages.ShardAllocation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardRoutesTests {

	private static final NodeAddress A = new NodeAddress("127.0.0.1", 25701);

	private static final NodeAddress B = new NodeAddress("127.0.0.1", 25702);

	private static final NodeAddress DOWN = new NodeAddress("127.0.0.1", 25703);

	@Test
	void everyShardOfADenseTypeRoutesToItsPrimaryAndShardsOnUnavailableNodesToNone() {
		Map<Long, ShardAllocation> allocations = new LinkedHashMap<>();
		for (long shard = 99; shard >= 0; shard--) {
			allocations.put(shard, allocation((shard % 3 == 0) ? A : (shard % 3 == 1) ? B : DOWN));
		}
		ShardRoutes routes = ShardRoutes.of(allocations, Set.of(DOWN));
		for (long shard = 0; shard < 100; shard++) {
			NodeAddress expected = (shard % 3 == 0) ? A : (shard % 3 == 1) ? B : null;
			assertThat(routes.route(shard)).isEqualTo(expected);
			assertThat(routes.get(shard)).isEqualTo(expected);
			assertThat(routes.containsKey(shard)).isEqualTo(expected != null);
		}
		assertThat(routes).hasSize(67).isEqualTo(expected(allocations, Set.of(DOWN)));
		assertThat(routes.route(100)).isNull();
		assertThat(routes.route(-1)).isNull();
		assertThat(routes.route(Long.MAX_VALUE)).isNull();
		assertThat(routes.get(3)).as("an Integer key is not a shard").isNull();
	}

	@Test
	void aDenseTypeIteratesInShardOrderAndCannotBeChanged() {
		Map<Long, ShardAllocation> allocations = new HashMap<>();
		allocations.put(7L, allocation(B));
		allocations.put(2L, allocation(A));
		allocations.put(5L, allocation(A));
		ShardRoutes routes = ShardRoutes.of(allocations, Set.of());
		assertThat(new ArrayList<>(routes.keySet())).containsExactly(2L, 5L, 7L);
		assertThat(new ArrayList<>(routes.values())).containsExactly(A, A, B);
		assertThatThrownBy(() -> routes.put(1L, A)).isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(() -> routes.entrySet().iterator().next().setValue(B))
			.isInstanceOf(UnsupportedOperationException.class);
	}

	@Test
	void sparseOrNegativeShardNumbersAreRoutedAllTheSame() {
		Random random = new Random(16);
		for (int trial = 0; trial < 200; trial++) {
			Map<Long, ShardAllocation> allocations = new HashMap<>();
			int count = random.nextInt(40);
			long range = switch (trial % 4) {
				case 0 -> 50;
				case 1 -> 5_000;
				case 2 -> Integer.MAX_VALUE;
				default -> Long.MAX_VALUE;
			};
			for (int i = 0; i < count; i++) {
				long shard = (trial % 4 == 3) ? random.nextLong() : (long) (random.nextDouble() * range);
				allocations.put(shard, allocation(List.of(A, B, DOWN).get(random.nextInt(3))));
			}
			ShardRoutes routes = ShardRoutes.of(allocations, Set.of(DOWN));
			Map<Long, NodeAddress> expected = expected(allocations, Set.of(DOWN));
			assertThat(routes).isEqualTo(expected).hasSameHashCodeAs(expected);
			for (Long shard : allocations.keySet()) {
				assertThat(routes.route(shard)).isEqualTo(expected.get(shard));
			}
			long absent = (trial % 2 == 0) ? random.nextInt(100) : random.nextLong();
			if (!allocations.containsKey(absent)) {
				assertThat(routes.route(absent)).isNull();
			}
		}
	}

	@Test
	void noAllocationsRouteNothing() {
		ShardRoutes routes = ShardRoutes.of(Map.of(), Set.of());
		assertThat(routes).isEmpty();
		assertThat(routes.route(0)).isNull();
	}

	private static Map<Long, NodeAddress> expected(Map<Long, ShardAllocation> allocations, Set<NodeAddress> unavailable) {
		Map<Long, NodeAddress> expected = new HashMap<>();
		allocations.forEach((shard, allocation) -> {
			if (!unavailable.contains(allocation.primary())) {
				expected.put(shard, allocation.primary());
			}
		});
		return expected;
	}

	private static ShardAllocation allocation(NodeAddress primary) {
		return new ShardAllocation(primary, List.of());
	}

}
