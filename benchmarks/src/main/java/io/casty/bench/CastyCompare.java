package io.casty.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code compare} mode: Casty's own Python {@code ClusterClient} and this client, side by
 * side in one run, against the same real Casty cluster. Each run starts a fresh cluster of
 * {@code casty_bench} nodes, lets it settle, runs {@code client_bench.py} and this client
 * (once per {@code --connections-per-node} value, by default once with its default settings,
 * {@code 0}) with the same counts, in alternating order
 * from run to run, then stops the nodes.
 *
 * @since 0.1.0
 */
final class CastyCompare {

	static final String PYTHON = "python";

	private CastyCompare() {
	}

	static Map<String, Object> run(BenchMain.Options options, Path scripts, int index) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("load_before", BenchMain.loadAverage());
		int nodes = options.nodes.get(0);
		String castySrc = java.util.Objects.requireNonNull(options.castySrc);
		List<String> order = new ArrayList<>();
		order.add(PYTHON);
		for (int lanes : options.lanes) {
			order.add(javaKey(lanes));
		}
		if (index % 2 == 1) {
			Collections.reverse(order);
		}
		Map<String, Map<String, Object>> results = new LinkedHashMap<>();
		try (PythonCluster cluster = PythonCluster.start(scripts, options.python, castySrc, nodes, options.system,
				Duration.ofSeconds(120))) {
			System.err.println("casty-bench: node logs of run " + (index + 1) + " in " + cluster.logDir());
			Thread.sleep(options.settleSeconds * 1000L);
			for (String who : order) {
				int warningsBefore = cluster.unreachableWarnings();
				long stealBefore = BenchMain.stealMillis();
				long cpuBefore = cluster.cpuMillis();
				long start = System.nanoTime();
				Map<String, Object> result = who.equals(PYTHON)
						? fromPython(cluster.runPythonClient(scripts, options.python, castySrc, options.system,
								options.config))
						: BenchMain.clientRun(options, cluster.contacts(), lanesOf(who));
				long cpuAfter = cluster.cpuMillis();
				long wallMs = (System.nanoTime() - start) / 1_000_000;
				result.put("wall_ms", wallMs);
				long stealAfter = BenchMain.stealMillis();
				if (stealBefore >= 0 && stealAfter >= 0 && wallMs > 0) {
					// cores the hypervisor took from this VM during the turn (Linux steal time)
					result.put("machine_steal_cores", ThreadUsage.round((double) (stealAfter - stealBefore) / wallMs));
				}
				if (cpuBefore >= 0 && cpuAfter >= 0) {
					result.put("nodes_cpu_ms", cpuAfter - cpuBefore);
				}
				// Casty's failure detector firing on one machine means the nodes stalled
				result.put("node_unreachable_warnings", cluster.unreachableWarnings() - warningsBefore);
				results.put(who, result);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
		out.put("order", String.join(" ", order));
		out.put(PYTHON, results.get(PYTHON));
		for (int lanes : options.lanes) {
			out.put(javaKey(lanes), results.get(javaKey(lanes)));
		}
		for (int lanes : options.lanes) {
			out.put("ratio_" + javaKey(lanes), ratios(results.get(javaKey(lanes)), results.get(PYTHON)));
		}
		return out;
	}

	/** {@code java_N}, or {@code java_default} for 0 (the client's default: chosen from the nodes). */
	static String javaKey(int lanes) {
		return (lanes == 0) ? "java_default" : "java_" + lanes;
	}

	static int lanesOf(String key) {
		return key.equals("java_default") ? 0 : Integer.parseInt(key.substring("java_".length()));
	}

	/** The script's result in the shape of this client's: tell, ask by level, members, ok. */
	@SuppressWarnings("unchecked")
	static Map<String, Object> fromPython(Map<String, Object> script) {
		Map<String, Object> out = new LinkedHashMap<>();
		if (script.get("error") != null) {
			throw new IllegalStateException("client_bench.py failed: " + script.get("error"));
		}
		Object members = script.get("members");
		out.put("members", (members instanceof List<?> list) ? list.size() : members);
		Object snapshot = script.get("first_snapshot_s");
		if (snapshot instanceof Number n) {
			out.put("first_topology_ms", ThreadUsage.round(n.doubleValue() * 1000));
		}
		Map<String, Object> tell = new LinkedHashMap<>((Map<String, Object>) script.get("tell"));
		out.put("tell", tell);
		Map<String, Object> asks = new LinkedHashMap<>();
		((Map<String, Object>) script.get("ask")).forEach((level, value) -> {
			Map<String, Object> ask = new LinkedHashMap<>((Map<String, Object>) value);
			ask.remove("first_errors");
			asks.put(level, ask);
		});
		out.put("ask", asks);
		out.put("ok", Boolean.TRUE.equals(script.get("ok")));
		return out;
	}

	/**
	 * This client's figures over Python's, paired within one run: throughput ratios above 1
	 * and latency ratios below 1 favour this client.
	 */
	@SuppressWarnings("unchecked")
	static Map<String, Object> ratios(Map<String, Object> java, Map<String, Object> python) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("tell_per_sec", ratio(BenchMain.number(java, "tell", "per_sec"),
				BenchMain.number(python, "tell", "per_sec")));
		cpuRatio(out, "tell_cpu_per_1000", (Map<String, Object>) java.get("tell"), (Map<String, Object>) python.get("tell"));
		Map<String, Object> javaAsks = (Map<String, Object>) java.get("ask");
		Map<String, Object> pythonAsks = (Map<String, Object>) python.get("ask");
		for (String level : javaAsks.keySet()) {
			if (!pythonAsks.containsKey(level)) {
				continue;
			}
			out.put("ask_" + level + "_per_sec", ratio(BenchMain.number(javaAsks, level, "per_sec"),
					BenchMain.number(pythonAsks, level, "per_sec")));
			cpuRatio(out, "ask_" + level + "_cpu_per_1000", (Map<String, Object>) javaAsks.get(level),
					(Map<String, Object>) pythonAsks.get(level));
			for (String percentile : List.of("p50", "p99")) {
				out.put("ask_" + level + "_" + percentile, ratio(BenchMain.number(javaAsks, level, "latency_ms", percentile),
						BenchMain.number(pythonAsks, level, "latency_ms", percentile)));
			}
		}
		return out;
	}

	/** Client CPU per 1,000 messages, Java over Python (below 1 favours Java), when both report it. */
	@SuppressWarnings("unchecked")
	private static void cpuRatio(Map<String, Object> out, String key, Map<String, Object> java,
			Map<String, Object> python) {
		if (java.get("usage") instanceof Map<?, ?> j && python.get("usage") instanceof Map<?, ?> p
				&& j.get("client_cpu_ms_per_1000") instanceof Number a
				&& p.get("client_cpu_ms_per_1000") instanceof Number b) {
			out.put(key, ratio(a.doubleValue(), b.doubleValue()));
		}
	}

	private static double ratio(double a, double b) {
		return (b > 0) ? ThreadUsage.round(a / b) : Double.NaN;
	}

}
