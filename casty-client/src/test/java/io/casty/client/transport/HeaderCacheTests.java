package io.casty.client.transport;

import java.util.ArrayList;
import java.util.List;

import io.casty.client.NodeAddress;
import io.casty.client.protocol.CastyPaths;
import io.casty.client.protocol.FrameCodec;
import io.casty.client.protocol.MessageHeader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeaderCacheTests {

	private static final ClientIdentity ID = new ClientIdentity("127.0.0.1", 41234, "casty-test");

	private final HeaderCache cache = new HeaderCache();

	@Test
	void aHeaderNamesTheNodeThePathTheLanesSenderAndTheHint() {
		NodeAddress node = new NodeAddress("10.0.0.7", 25601);
		assertThat(this.cache.header(ID, node, "/_shard_region/counter", "casty.sharding.ShardEnvelope"))
			.isEqualTo(expected(node, "/_shard_region/counter", "casty.sharding.ShardEnvelope"));
	}

	@Test
	void theSameObjectsGetTheSameBytesAndEqualObjectsEqualBytes() {
		NodeAddress node = new NodeAddress("10.0.0.7", 25601);
		String path = "/_shard_region/counter";
		String hint = "casty.sharding.ShardEnvelope";
		byte[] first = this.cache.header(ID, node, path, hint);
		assertThat(this.cache.header(ID, node, path, hint)).isSameAs(first);
		byte[] again = this.cache.header(ID, new NodeAddress(new String("10.0.0.7"), 25601), new String(path),
				new String(hint));
		assertThat(again).isEqualTo(first);
	}

	@Test
	void manyMoreCombinationsThanRecentSlotsEachGetTheirOwnHeaderInAnyOrder() {
		List<Object[]> asked = new ArrayList<>();
		for (int n = 0; n < 5; n++) {
			for (int p = 0; p < 4; p++) {
				for (int h = 0; h < 3; h++) {
					asked.add(new Object[] { new NodeAddress("10.0.0." + n, 25601 + n), "/_shard_region/type-" + p,
							"module.Hint" + h });
				}
			}
		}
		assertThat(asked).hasSizeGreaterThan(3 * HeaderCache.RECENT_SLOTS);
		for (int round = 0; round < 3; round++) {
			for (int i = 0; i < asked.size(); i++) {
				Object[] a = asked.get((i * 7 + round * 13) % asked.size());
				NodeAddress node = (NodeAddress) a[0];
				assertThat(this.cache.header(ID, node, (String) a[1], (String) a[2]))
					.isEqualTo(expected(node, (String) a[1], (String) a[2]));
			}
		}
	}

	@Test
	void aForgottenNodesHeadersAreMadeAgainTheSame() {
		NodeAddress node = new NodeAddress("10.0.0.7", 25601);
		NodeAddress other = new NodeAddress("10.0.0.8", 25601);
		byte[] first = this.cache.header(ID, node, "/a", "builtins.int");
		byte[] kept = this.cache.header(ID, other, "/a", "builtins.int");
		this.cache.forget(node);
		byte[] again = this.cache.header(ID, node, "/a", "builtins.int");
		assertThat(again).isNotSameAs(first).isEqualTo(first);
		assertThat(this.cache.header(ID, other, "/a", "builtins.int")).isSameAs(kept);
	}

	private static byte[] expected(NodeAddress node, String path, String hint) {
		return FrameCodec.encodeHeader(new MessageHeader(
				CastyPaths.uri(ID.clusterName(), node.host(), node.port(), path), ID.senderUri(), hint));
	}

}
