package io.casty.testkit;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;

import io.casty.client.protocol.Frame;
import io.casty.client.protocol.messages.GetShardLocation;
import io.casty.client.protocol.messages.ShardLocation;
import io.casty.client.protocol.messages.SubscribeTopology;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Emitted snapshots have the structure of those captured from real nodes: same {@code _type}
 * and enum names, same key order, the same markers in the same places.
 */
class SnapshotShapeIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void initialSnapshotHasTheShapeOfVector04AndAllocatedOneTheShapeOfVector17() {
		try (CastyTestCluster cluster = DemoMessages.wireDemo().start();
				RawCastyClient client = RawCastyClient.connect(cluster, 0)) {
			client.send("/_cluster/_topology", new SubscribeTopology(client.ref("/_topology_sub")));
			client.await(0, "/_topology_sub", Object.class);
			Frame.Message initial = client.messages("/_topology_sub").get(0);
			assertThat(shape(initial.payload())).isEqualTo(shape(Vectors.message("04-topology_snapshot_initial.bin").payload()));
			assertThat(initial.header().typeHint()).isEqualTo("casty.cluster.topology.TopologySnapshot");

			for (long shard = 0; shard < 6; shard++) {
				int mark = client.mark();
				client.send("/_coord-counter", new GetShardLocation(shard, client.ref("/_proxy-counter")));
				client.await(mark, "/_proxy-counter", ShardLocation.class);
				mark = client.mark();
				client.send("/_coord-profile", new GetShardLocation(shard, client.ref("/_proxy-profile")));
				client.await(mark, "/_proxy-profile", ShardLocation.class);
			}
			int mark = client.mark();
			client.send("/_cluster/_topology", new SubscribeTopology(client.ref("/_topology_sub")));
			client.await(mark, "/_topology_sub", Object.class);
			Frame.Message allocated = client.messages("/_topology_sub").get(client.count("/_topology_sub") - 1);
			assertThat(shape(allocated.payload()))
				.isEqualTo(shape(Vectors.message("17-topology_snapshot_3_nodes.bin").payload()));
			assertThat(new String(allocated.payload(), java.nio.charset.StandardCharsets.UTF_8))
				.contains("\"allocation_epoch\": 12, \"unreachable\": {\"__frozenset__\": []}");
		}
	}

	/**
	 * The structure of a JSON tree: objects keep their key order, arrays become the set of
	 * their distinct element structures, scalars their JSON type, except the values of
	 * {@code _type} and {@code __enum__}, which are kept.
	 */
	static String shape(byte[] payload) {
		return shape(JSON.readTree(payload));
	}

	private static String shape(JsonNode node) {
		if (node.isObject()) {
			StringBuilder sb = new StringBuilder("{");
			for (Map.Entry<String, JsonNode> field : node.properties()) {
				sb.append(field.getKey()).append(':');
				boolean named = field.getKey().equals("_type") || field.getKey().equals("__enum__");
				sb.append(named ? field.getValue().stringValue() : shape(field.getValue())).append(',');
			}
			return sb.append('}').toString();
		}
		if (node.isArray()) {
			TreeSet<String> elements = new TreeSet<>();
			for (Iterator<JsonNode> it = node.values().iterator(); it.hasNext();) {
				elements.add(shape(it.next()));
			}
			return "[" + String.join("|", elements) + "]";
		}
		if (node.isIntegralNumber()) {
			return "int";
		}
		return node.getNodeType().name().toLowerCase();
	}

}
