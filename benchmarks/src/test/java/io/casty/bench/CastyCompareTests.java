package io.casty.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The compare mode's pieces that need no Python, and (only when {@code CASTY_SRC} is set) a
 * quick compare against real Casty nodes.
 */
class CastyCompareTests {

	private static final String SCRIPT_OUTPUT = """
			{"contact": ["127.0.0.1:25811"], "system": "casty-bench", "first_snapshot_s": 0.024,
			 "members": ["127.0.0.1:25811=up", "127.0.0.1:25812=up", "127.0.0.1:25813=up"],
			 "tell": {"n": 5000, "entities": 64, "per_sec": 2500.0, "expected_total": 5000, "observed_total": 5000, "ok": true,
			          "usage": {"client_cpu_ms": 700.0, "client_cpu_ms_per_1000": 140.0}},
			 "ask": {"1": {"n": 300, "per_sec": 500.0, "latency_ms": {"p50": 2.0, "p99": 10.0, "p999": 16.0}, "errors": 0,
			               "first_errors": [], "ok": true},
			         "64": {"n": 2000, "per_sec": 1000.0, "latency_ms": {"p50": 40.0, "p99": 160.0, "p999": 170.0},
			                "errors": 0, "first_errors": [], "ok": true}},
			 "ok": true}
			""";

	@Test
	@SuppressWarnings("unchecked")
	void pythonResultsTakeTheShapeOfOursAndRatiosArePairedPerLevel() {
		Map<String, Object> python = CastyCompare.fromPython(BenchMain.JSON.readValue(SCRIPT_OUTPUT, Map.class));
		assertThat(python.get("members")).isEqualTo(3);
		assertThat(python.get("first_topology_ms")).isEqualTo(24.0);
		assertThat(python.get("ok")).isEqualTo(true);
		assertThat((Map<String, Object>) ((Map<String, Object>) python.get("ask")).get("64")).doesNotContainKey("first_errors");

		Map<String, Object> java = new LinkedHashMap<>();
		java.put("tell", Map.of("per_sec", 7500.0, "usage", Map.of("client_cpu_ms_per_1000", 7.0)));
		Map<String, Object> asks = new LinkedHashMap<>();
		asks.put("1", Map.of("per_sec", 750.0, "latency_ms", Map.of("p50", 1.0, "p99", 12.0)));
		asks.put("64", Map.of("per_sec", 2500.0, "latency_ms", Map.of("p50", 20.0, "p99", 80.0)));
		asks.put("256", Map.of("per_sec", 2600.0, "latency_ms", Map.of("p50", 90.0, "p99", 200.0)));
		java.put("ask", asks);

		Map<String, Object> ratios = CastyCompare.ratios(java, python);
		assertThat(ratios).containsEntry("tell_per_sec", 3.0)
			.containsEntry("ask_1_per_sec", 1.5)
			.containsEntry("ask_1_p50", 0.5)
			.containsEntry("ask_1_p99", 1.2)
			.containsEntry("ask_64_per_sec", 2.5)
			.containsEntry("ask_64_p99", 0.5)
			.containsEntry("tell_cpu_per_1000", 0.05)
			.doesNotContainKey("ask_64_cpu_per_1000")
			.doesNotContainKey("ask_256_per_sec");
	}

	@Test
	@SuppressWarnings("unchecked")
	void aFailedScriptIsReportedNotMeasured() {
		assertThatIllegalStateException()
			.isThrownBy(() -> CastyCompare.fromPython(BenchMain.JSON.readValue("{\"ok\": false, \"error\": \"no casty\"}",
					Map.class)))
			.withMessageContaining("no casty");
	}

	@Test
	void compareDefaultsToThreeNodesTheClientsDefaultConnectionsAndItsOwnCounts() {
		BenchMain.Options options = BenchMain.Options.parse("compare", "--casty-src", "/somewhere");
		assertThat(options.nodes).containsExactly(3);
		assertThat(options.lanes).containsExactly(0);
		assertThat(CastyCompare.javaKey(0)).isEqualTo("java_default");
		assertThat(CastyCompare.lanesOf(CastyCompare.javaKey(0))).isZero();
		assertThat(CastyCompare.lanesOf(CastyCompare.javaKey(4))).isEqualTo(4);
		assertThat(options.config.concurrency()).containsExactly(1, 16, 64);
		assertThat(options.config).isEqualTo(BenchConfig.COMPARE);
		assertThat(options.skipRaw).isTrue();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchMain.Options.parse("contact", "--contact", "h:1", "--connections-per-node", "1,4"))
			.withMessageContaining("one --connections-per-node value");
	}

	@Test
	@EnabledIfEnvironmentVariable(named = "CASTY_SRC", matches = ".+")
	void quickCompareAgainstRealCastyChecksBothClientsTotals() {
		String python = (System.getenv("CASTY_PYTHON") != null) ? System.getenv("CASTY_PYTHON") : "python3";
		Map<String, Object> report = BenchMain.run("compare", "--quick", "--python", python, "--settle-s", "1",
				"--connections-per-node", "1,2");
		JsonNode run = JsonMapper.builder().build().valueToTree(report).path("median");
		for (String client : List.of("python", "java_1", "java_2")) {
			JsonNode tell = run.path(client).path("tell");
			assertThat(tell.path("observed_total").asLong()).as(client).isEqualTo(tell.path("expected_total").asLong());
			assertThat(run.path(client).path("ask").path("16").path("ok").asBoolean()).as(client).isTrue();
			assertThat(run.path(client).has("node_unreachable_warnings")).as(client).isTrue();
		}
		assertThat(run.path("ratio_java_2").has("ask_16_per_sec")).isTrue();
		assertThat(report.get("ok")).isEqualTo(true);
	}

}
