package io.casty.client.protocol.messages;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.casty.client.NodeAddress;
import io.casty.client.protocol.codec.MessageCodec;
import io.casty.client.protocol.codec.MessageTypeRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TopologySnapshotTests {

	private static final NodeAddress A = new NodeAddress("127.0.0.1", 25601);

	private static final NodeAddress B = new NodeAddress("127.0.0.1", 25602);

	@Test
	void equalAllocationsOfADecodedSnapshotShareOneInstanceAndKeepTheirOrderAndEncoding() {
		Map<String, Map<Long, ShardAllocation>> tables = new LinkedHashMap<>();
		for (String type : List.of("counter", "profile")) {
			Map<Long, ShardAllocation> shards = new LinkedHashMap<>();
			for (long shard = 9; shard >= 0; shard--) {
				shards.put(shard, new ShardAllocation((shard % 2 == 0) ? A : B,
						(shard == 4) ? List.of(B) : List.of()));
			}
			tables.put(type, shards);
		}
		TopologySnapshot original = new TopologySnapshot(Set.of(new Member(A, MemberStatus.UP, Set.of(), "node-1")), A,
				tables, 7, Set.of(), Set.of());
		MessageCodec codec = new MessageCodec(MessageTypeRegistry.withProtocolTypes());
		byte[] payload = codec.encode(original);

		TopologySnapshot decoded = codec.decode(payload, TopologySnapshot.class);

		assertThat(decoded).isEqualTo(original);
		assertThat(decoded.shardAllocations().get("counter").keySet()).containsExactly(9L, 8L, 7L, 6L, 5L, 4L, 3L, 2L,
				1L, 0L);
		ShardAllocation onA = decoded.shardAllocations().get("counter").get(0L);
		assertThat(decoded.shardAllocations().get("counter").get(2L)).isSameAs(onA);
		assertThat(decoded.shardAllocations().get("profile").get(8L)).isSameAs(onA);
		assertThat(decoded.shardAllocations().get("profile").get(1L))
			.isSameAs(decoded.shardAllocations().get("counter").get(3L));
		assertThat(decoded.shardAllocations().get("counter").get(4L)).isNotSameAs(onA)
			.isEqualTo(new ShardAllocation(A, List.of(B)));
		assertThat(codec.encode(decoded)).isEqualTo(payload);
	}

}
