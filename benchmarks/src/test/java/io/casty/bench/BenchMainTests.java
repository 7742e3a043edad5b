package io.casty.bench;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the benchmark in its quick mode against a one-node test cluster and checks the report's
 * shape and exact totals; figures are never asserted.
 */
class BenchMainTests {

	@Test
	void quickTestkitRunReportsEveryFigureWithExactTotals() {
		Map<String, Object> report = BenchMain.run("testkit", "--quick", "--nodes", "1", "--warmup-asks-at-one", "50",
				"--warmup-passes", "2", "--jit-quiet-s", "3");

		JsonNode json = JsonMapper.builder().build().valueToTree(report);
		assertThat(json.path("ok").asBoolean()).isTrue();
		JsonNode run = json.path("median");
		JsonNode tell = run.path("testkit_1").path("tell");
		assertThat(tell.path("observed_total").asLong()).isEqualTo(tell.path("expected_total").asLong());
		assertThat(tell.path("observed_total").asLong()).isEqualTo(BenchConfig.QUICK.tells());
		assertThat(tell.path("usage").has("client_alloc_bytes_per_msg")).isTrue();
		assertThat(tell.path("usage").has("client_cpu_ms_per_1000")).isTrue();
		for (String inFlight : new String[] { "1", "16" }) {
			JsonNode ask = run.path("testkit_1").path("ask").path(inFlight);
			assertThat(ask.path("ok").asBoolean()).as("ask @%s", inFlight).isTrue();
			assertThat(ask.path("errors").asLong()).isZero();
			assertThat(ask.path("latency_ms").has("p999")).isTrue();
			assertThat(run.path("raw_echo").path(inFlight).path("ok").asBoolean()).isTrue();
			assertThat(run.path("ratio_1").has("ask_vs_raw_echo_at_" + inFlight)).isTrue();
		}
		assertThat(run.path("testkit_1").has("first_topology_ms")).isTrue();
		JsonNode warmupAtOne = run.path("testkit_1").path("warmup_ask_1");
		assertThat(warmupAtOne.size()).as("one warm-up run at 1 in flight per pass").isEqualTo(2);
		for (String name : new String[] { "pass_1", "pass_2" }) {
			JsonNode pass = warmupAtOne.path(name);
			assertThat(pass.path("concurrency").asInt()).isEqualTo(1);
			assertThat(pass.path("n").asInt()).isEqualTo(50);
			assertThat(pass.path("ok").asBoolean()).isTrue();
		}
		JsonNode quiet = run.path("testkit_1").path("jit_quiet");
		assertThat(quiet.path("quiet").isBoolean()).isTrue();
		assertThat(quiet.path("waited_ms").asDouble()).as("at least the quiet window, whichever way it ended")
			.isGreaterThanOrEqualTo(JitQuiet.WINDOW.toMillis());
		if (java.nio.file.Files.isReadable(java.nio.file.Path.of("/proc/stat"))) {
			assertThat(run.path("machine_steal_cores").isNumber()).as("steal time on Linux").isTrue();
		}
		assertThat(run.path("frames").path("ask_frame_bytes").asInt()).isPositive();
		assertThat(run.path("raw_one_way").path("ok").asBoolean()).isTrue();
		assertThat(Table.render(report)).contains("testkit_1", "ask @16", "echo @1");
	}

}
