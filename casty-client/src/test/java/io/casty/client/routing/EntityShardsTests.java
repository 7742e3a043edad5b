package io.casty.client.routing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EntityShardsTests {

	@Test
	void cachedShardsEqualTheHashEvenWhenSlotsAreShared() {
		// 16 slots for 5,000 ids: almost every lookup replaces or hits a shared slot
		EntityShards shards = new EntityShards(100, 16);
		for (int round = 0; round < 3; round++) {
			for (int i = 0; i < 5_000; i++) {
				String id = (i % 2 == 0) ? "user-" + i : "order-" + (i * 7919);
				assertThat(shards.shardOf(id)).as(id).isEqualTo(ShardHash.shardOf(id, 100));
			}
		}
		for (int i = 0; i < 100; i++) {
			String id = "same-" + (i % 3);
			assertThat(shards.shardOf(new String(id.toCharArray()))).isEqualTo(ShardHash.shardOf(id, 100));
		}
	}

	@Test
	void sizeMustBeAPowerOfTwo() {
		assertThatIllegalArgumentException().isThrownBy(() -> new EntityShards(10, 1000));
	}

}
