package io.casty.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.casty.client.ClusterMember;
import io.casty.client.ConnectionsInfo;
import io.casty.client.NodeAddress;
import io.casty.client.ServiceInstanceInfo;
import io.casty.client.topology.TopologyView;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The topology as the tool prints it: one JSON tree (the {@code --json} output), which the
 * text output renders.
 *
 * @since 0.1.0
 */
final class TopologyDescription {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private TopologyDescription() {
	}

	/**
	 * Describes a view.
	 * @param view the view
	 * @param connections the client's connections, for reachability
	 * @param shardType the type whose whole map to include, or {@code null}
	 * @return the tree
	 */
	static ObjectNode describe(TopologyView view, ConnectionsInfo connections, @Nullable String shardType) {
		ObjectNode root = NODES.objectNode();
		NodeAddress leader = view.leader();
		root.put("allocationEpoch", view.allocationEpoch());
		root.put("leader", (leader != null) ? leader.toString() : null);
		ArrayNode members = root.putArray("members");
		Map<NodeAddress, ClusterMember> byAddress = new HashMap<>();
		view.members().forEach((m) -> byAddress.put(m.address(), m));
		for (ConnectionsInfo.MemberReachability reach : connections.members()) {
			ClusterMember member = byAddress.get(reach.node());
			if (member == null) {
				continue;
			}
			ObjectNode node = members.addObject();
			node.put("address", reach.node().toString());
			node.put("id", member.id());
			node.put("status", member.status().name().toLowerCase());
			ArrayNode roles = node.putArray("roles");
			member.roles().stream().sorted().forEach(roles::add);
			node.put("reachable", reach.reachable());
			if (reach.reason() != null) {
				node.put("reason", reach.reason());
			}
		}
		ObjectNode types = root.putObject("shardTypes");
		new TreeSet<>(view.shardTypes()).forEach((type) -> {
			Set<Long> shards = view.allocatedShards(type);
			ObjectNode node = types.putObject(type);
			node.put("allocated", shards.size());
			Map<String, Integer> perNode = new TreeMap<>();
			shards.forEach((shard) -> {
				NodeAddress owner = view.owner(type, shard);
				if (owner != null) {
					perNode.merge(owner.toString(), 1, Integer::sum);
				}
			});
			ObjectNode counts = node.putObject("perNode");
			perNode.forEach(counts::put);
		});
		ObjectNode services = root.putObject("services");
		Map<String, List<ServiceInstanceInfo>> byKey = new TreeMap<>();
		view.registry().forEach((e) -> byKey.computeIfAbsent(e.key(), (k) -> new ArrayList<>()).add(e));
		byKey.forEach((key, entries) -> {
			entries.sort((a, b) -> a.node().compareTo(b.node()));
			ArrayNode instances = services.putArray(key);
			for (ServiceInstanceInfo entry : entries) {
				instances.addObject()
					.put("node", entry.node().toString())
					.put("path", entry.path())
					.put("available", !view.unavailable().contains(entry.node()));
			}
		});
		if (shardType != null) {
			ObjectNode map = root.putObject("shardMap");
			map.put("shardType", shardType);
			ObjectNode owners = map.putObject("owners");
			new TreeSet<>(view.allocatedShards(shardType)).forEach((shard) -> {
				NodeAddress owner = view.owner(shardType, shard);
				owners.put(String.valueOf(shard), (owner != null) ? owner.toString() : null);
			});
		}
		return root;
	}

	/**
	 * Renders a description as text.
	 * @param d the description
	 * @param system the system name
	 * @param source the member that sent the snapshot
	 * @return the lines
	 */
	static List<String> render(JsonNode d, String system, @Nullable NodeAddress source) {
		List<String> lines = new ArrayList<>();
		lines.add("cluster " + system + "  via " + source + "  epoch " + d.get("allocationEpoch").asLong() + "  leader "
				+ text(d.get("leader")));
		List<String[]> rows = new ArrayList<>();
		rows.add(new String[] { "MEMBER", "ID", "STATUS", "ROLES", "REACHABLE" });
		for (JsonNode m : d.get("members")) {
			List<String> roles = new ArrayList<>();
			m.get("roles").forEach((r) -> roles.add(r.asString()));
			rows.add(new String[] { m.get("address").asString(), m.get("id").asString(), m.get("status").asString(),
					roles.isEmpty() ? "-" : String.join(",", roles),
					m.get("reachable").asBoolean() ? "yes" : "no: " + m.get("reason").asString() });
		}
		lines.addAll(table(rows));
		if (!d.get("shardTypes").isEmpty()) {
			rows = new ArrayList<>();
			rows.add(new String[] { "SHARD TYPE", "ALLOCATED", "PER NODE" });
			for (Map.Entry<String, JsonNode> type : d.get("shardTypes").properties()) {
				List<String> counts = new ArrayList<>();
				type.getValue().get("perNode").properties().forEach((e) -> counts.add(e.getKey() + "=" + e.getValue().asInt()));
				rows.add(new String[] { type.getKey(), type.getValue().get("allocated").asString(),
						counts.isEmpty() ? "-" : String.join(" ", counts) });
			}
			lines.addAll(table(rows));
		}
		if (!d.get("services").isEmpty()) {
			rows = new ArrayList<>();
			rows.add(new String[] { "SERVICE", "INSTANCES" });
			for (Map.Entry<String, JsonNode> service : d.get("services").properties()) {
				List<String> instances = new ArrayList<>();
				service.getValue().forEach((i) -> instances.add(i.get("node").asString() + i.get("path").asString()
						+ (i.get("available").asBoolean() ? "" : " (unavailable)")));
				rows.add(new String[] { service.getKey(), String.join(" ", instances) });
			}
			lines.addAll(table(rows));
		}
		JsonNode map = d.get("shardMap");
		if (map != null) {
			rows = new ArrayList<>();
			rows.add(new String[] { "SHARD", "NODE" });
			for (Map.Entry<String, JsonNode> shard : map.get("owners").properties()) {
				rows.add(new String[] { shard.getKey(), shard.getValue().isNull() ? "- (owner unavailable)"
						: shard.getValue().asString() });
			}
			if (rows.size() == 1) {
				lines.add("shard type " + map.get("shardType").asString() + ": no shard allocated yet");
			}
			else {
				lines.addAll(table(rows));
			}
		}
		return lines;
	}

	/**
	 * What changed between two descriptions, one line per change.
	 * @param before the earlier one
	 * @param after the later one
	 * @return the changes, empty if none
	 */
	static List<String> changes(JsonNode before, JsonNode after) {
		List<String> changes = new ArrayList<>();
		Map<String, JsonNode> old = byAddress(before);
		Map<String, JsonNode> now = byAddress(after);
		now.forEach((address, m) -> {
			JsonNode was = old.get(address);
			if (was == null) {
				changes.add("member " + address + " joined (" + m.get("status").asString() + ")");
				return;
			}
			if (!was.get("status").equals(m.get("status"))) {
				changes.add("member " + address + " " + was.get("status").asString() + " -> " + m.get("status").asString());
			}
			if (!was.get("reachable").equals(m.get("reachable"))) {
				changes.add("member " + address + (m.get("reachable").asBoolean() ? " reachable again"
						: " unreachable: " + m.get("reason").asString()));
			}
		});
		old.keySet().stream().filter((a) -> !now.containsKey(a)).forEach((a) -> changes.add("member " + a + " left"));
		if (!before.get("leader").equals(after.get("leader"))) {
			changes.add("leader " + text(before.get("leader")) + " -> " + text(after.get("leader")));
		}
		if (!before.get("allocationEpoch").equals(after.get("allocationEpoch"))) {
			changes.add("epoch " + before.get("allocationEpoch").asLong() + " -> " + after.get("allocationEpoch").asLong());
		}
		for (Map.Entry<String, JsonNode> type : after.get("shardTypes").properties()) {
			JsonNode was = before.get("shardTypes").get(type.getKey());
			if (was == null || !was.equals(type.getValue())) {
				List<String> counts = new ArrayList<>();
				type.getValue().get("perNode").properties().forEach((e) -> counts.add(e.getKey() + "=" + e.getValue().asInt()));
				changes.add("shards " + type.getKey() + ": " + type.getValue().get("allocated").asInt() + " allocated, "
						+ (counts.isEmpty() ? "none routable" : String.join(" ", counts)));
			}
		}
		if (!before.get("services").equals(after.get("services"))) {
			List<String> services = new ArrayList<>();
			after.get("services").properties().forEach((e) -> services.add(e.getKey() + "=" + e.getValue().size()));
			changes.add("services " + (services.isEmpty() ? "none" : String.join(" ", services)));
		}
		JsonNode mapBefore = before.get("shardMap");
		JsonNode mapAfter = after.get("shardMap");
		if (mapBefore != null && mapAfter != null && !mapBefore.equals(mapAfter)) {
			mapAfter.get("owners").properties().forEach((e) -> {
				JsonNode was = mapBefore.get("owners").get(e.getKey());
				if (was == null || !was.equals(e.getValue())) {
					changes.add("shard " + e.getKey() + " -> " + text(e.getValue()));
				}
			});
		}
		return changes;
	}

	private static Map<String, JsonNode> byAddress(JsonNode d) {
		Map<String, JsonNode> members = new TreeMap<>();
		d.get("members").forEach((m) -> members.put(m.get("address").asString(), m));
		return members;
	}

	private static String text(@Nullable JsonNode node) {
		return (node == null || node.isNull()) ? "none" : node.asString();
	}

	/** Left-aligned columns, two spaces apart. */
	static List<String> table(List<String[]> rows) {
		int columns = rows.get(0).length;
		int[] widths = new int[columns];
		for (String[] row : rows) {
			for (int i = 0; i < columns; i++) {
				widths[i] = Math.max(widths[i], row[i].length());
			}
		}
		List<String> lines = new ArrayList<>();
		for (String[] row : rows) {
			StringBuilder line = new StringBuilder();
			for (int i = 0; i < columns; i++) {
				line.append(row[i]);
				if (i < columns - 1) {
					line.append(" ".repeat(widths[i] - row[i].length() + 2));
				}
			}
			lines.add(line.toString());
		}
		return lines;
	}

}
