package io.casty.client.routing;

import java.util.HexFormat;

import io.casty.client.protocol.GoldenVectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ShardHashTests {

	@Test
	void matchesEveryRowComputedByCasty() {
		JsonNode rows = GoldenVectors.read("vectors/entity_shard.json").get("rows");
		assertThat(rows.size()).isGreaterThanOrEqualTo(54);
		boolean sawHugeShardCount = false;
		for (JsonNode row : rows.values()) {
			String entityId = row.get("entity_id").stringValue();
			long numShards = row.get("num_shards").longValue();
			sawHugeShardCount |= numShards >= 1_000_000_000_000L;
			assertThat(HexFormat.of().formatHex(entityId.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
				.isEqualTo(row.get("entity_id_utf8_hex").stringValue());
			assertThat(ShardHash.prefix(entityId)).as(entityId).isEqualTo(row.get("first4_u32").longValue());
			assertThat(ShardHash.shardOf(entityId, numShards)).as("%s mod %d", entityId, numShards)
				.isEqualTo(row.get("shard").longValue());
		}
		assertThat(sawHugeShardCount).isTrue();
	}

	@Test
	void rejectsShardCountsBelowOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> ShardHash.shardOf("a", 0)).withMessageContaining("at least 1");
	}

}
