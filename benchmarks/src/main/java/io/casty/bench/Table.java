package io.casty.bench;

import java.util.Map;

/**
 * The readable form of a report: one row per measurement of the median run.
 *
 * @since 0.1.0
 */
final class Table {

	private static final String ROW = "%-22s %12s %9s %9s %9s %11s %10s %10s %10s %5s%n";

	private Table() {
	}

	@SuppressWarnings("unchecked")
	static String render(Map<String, Object> report) {
		Map<String, Object> median = (Map<String, Object>) report.get("median");
		StringBuilder out = new StringBuilder();
		out.append(String.format("Casty client benchmark, mode %s, %s, median of %d run(s)%n", report.get("mode"),
				report.get("measured_at"), ((java.util.List<?>) report.get("runs")).size()));
		out.append(String.format("machine %s; load before %s, after %s%n", report.get("machine"),
				median.get("load_before"), report.get("load_after")));
		out.append(String.format(ROW, "run", "msgs/s", "p50 ms", "p99 ms", "p999 ms", "cli CPU ms", "cli B/msg",
				"all B/msg", "srv CPU ms", "ok"));
		for (Map.Entry<String, Object> entry : median.entrySet()) {
			String key = entry.getKey();
			if (!(entry.getValue() instanceof Map)) {
				continue;
			}
			Map<String, Object> section = (Map<String, Object>) entry.getValue();
			if (key.startsWith("testkit_") || key.equals("contact") || key.equals(CastyCompare.PYTHON)
					|| key.startsWith("java_")) {
				out.append(String.format("%s: %s members, first topology %s ms%s%n", key, section.get("members"),
						section.get("first_topology_ms"), section.containsKey("cluster_start_ms")
								? ", cluster start " + section.get("cluster_start_ms") + " ms" : ""));
				Object warnings = section.get("node_unreachable_warnings");
				if (warnings instanceof Number n && n.doubleValue() > 0) {
					out.append(String.format("  (the nodes logged 'Node unreachable' %s time(s) during this client's turn:"
							+ " Casty's failure detector fired, the nodes stalled; see the runs)%n", warnings));
				}
				row(out, "  tell", (Map<String, Object>) section.get("tell"));
				Map<String, Object> asks = (Map<String, Object>) section.get("ask");
				asks.forEach((inFlight, ask) -> row(out, "  ask @" + inFlight, (Map<String, Object>) ask));
			}
			else if (key.equals("raw_one_way")) {
				out.append("raw Reactor Netty loopback, frames ").append(median.get("frames")).append(System.lineSeparator());
				row(out, "  one-way frames", section);
			}
			else if (key.equals("raw_echo")) {
				section.forEach((inFlight, echo) -> row(out, "  echo @" + inFlight, (Map<String, Object>) echo));
			}
			else if (key.startsWith("ratio_java_")) {
				out.append(String.format("%s (this client / Python ClusterClient): %s%n", key, section));
			}
			else if (key.startsWith("ratio_")) {
				out.append(String.format("%s (client / raw): %s%n", key, section));
			}
		}
		if ("compare".equals(report.get("mode"))) {
			sideBySide(out, median);
		}
		out.append("cli CPU ms = client threads' CPU per 1,000 messages; B/msg = bytes allocated per message "
				+ "(client threads / all threads); srv CPU ms = server threads' (test nodes or echo server) CPU per 1,000 messages");
		return out.toString();
	}

	/** Python's ClusterClient and each lane count of this client in columns. */
	@SuppressWarnings("unchecked")
	private static void sideBySide(StringBuilder out, Map<String, Object> median) {
		java.util.List<String> clients = median.keySet()
			.stream()
			.filter((k) -> k.equals(CastyCompare.PYTHON) || k.startsWith("java_"))
			.toList();
		out.append(String.format("%nside by side (medians; java_N = this client with N connections per node, java_default with its defaults)%n"));
		StringBuilder header = new StringBuilder(String.format("%-16s", ""));
		clients.forEach((c) -> header.append(String.format(" %12s", c)));
		clients.stream().filter((c) -> !c.equals(CastyCompare.PYTHON)).forEach((c) -> header.append(String.format(" %12s", c + "/py")));
		out.append(header).append(System.lineSeparator());
		Map<String, Object> python = (Map<String, Object>) median.get(CastyCompare.PYTHON);
		java.util.List<String[]> metrics = new java.util.ArrayList<>();
		metrics.add(new String[] { "tells/s", "tell", "per_sec" });
		metrics.add(new String[] { "tell CPU ms/1k", "tell", "usage", "client_cpu_ms_per_1000" });
		((Map<String, Object>) python.get("ask")).keySet().forEach((level) -> {
			metrics.add(new String[] { "ask @" + level + " /s", "ask", level, "per_sec" });
			metrics.add(new String[] { "ask @" + level + " p50 ms", "ask", level, "latency_ms", "p50" });
			metrics.add(new String[] { "ask @" + level + " p99 ms", "ask", level, "latency_ms", "p99" });
			metrics.add(new String[] { "ask @" + level + " CPU ms/1k", "ask", level, "usage", "client_cpu_ms_per_1000" });
		});
		for (String[] metric : metrics) {
			String[] path = java.util.Arrays.copyOfRange(metric, 1, metric.length);
			StringBuilder line = new StringBuilder(String.format("%-16s", metric[0]));
			clients.forEach((c) -> line.append(String.format(" %12s", value((Map<String, Object>) median.get(c), path))));
			Object base = value(python, path);
			clients.stream().filter((c) -> !c.equals(CastyCompare.PYTHON)).forEach((c) -> {
				Object v = value((Map<String, Object>) median.get(c), path);
				line.append(String.format(" %12s", (v instanceof Number a && base instanceof Number b && b.doubleValue() > 0)
						? ThreadUsage.round(a.doubleValue() / b.doubleValue()) : "-"));
			});
			out.append(line).append(System.lineSeparator());
		}
		out.append("(ratio of medians here; the ratio_java_N lines are medians of ratios paired within each run;"
				+ " CPU ms/1k = the client's CPU per 1,000 messages: Java's I/O and calling threads, Python's whole process)")
			.append(System.lineSeparator());
	}

	@SuppressWarnings("unchecked")
	private static Object value(Map<String, Object> map, String... path) {
		Object value = map;
		for (String key : path) {
			if (!(value instanceof Map)) {
				return "-";
			}
			value = ((Map<String, Object>) value).get(key);
		}
		return (value != null) ? value : "-";
	}

	@SuppressWarnings("unchecked")
	private static void row(StringBuilder out, String label, Map<String, Object> run) {
		Map<String, Object> latency = (Map<String, Object>) run.get("latency_ms");
		Map<String, Object> usage = (Map<String, Object>) run.get("usage");
		out.append(String.format(ROW, label, run.get("per_sec"), get(latency, "p50"), get(latency, "p99"),
				get(latency, "p999"), get(usage, "client_cpu_ms_per_1000"), get(usage, "client_alloc_bytes_per_msg"),
				get(usage, "all_threads_alloc_bytes_per_msg"), get(usage, "server_cpu_ms_per_1000"), run.get("ok")));
	}

	private static Object get(Map<String, Object> map, String key) {
		return (map != null && map.get(key) != null) ? map.get(key) : "-";
	}

}
