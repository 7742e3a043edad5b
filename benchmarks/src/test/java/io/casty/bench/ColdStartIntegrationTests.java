package io.casty.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.casty.testkit.CastyTestCluster;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the {@code cold-start} client in this JVM against a test cluster and checks the
 * result line it prints; figures are never asserted.
 */
class ColdStartIntegrationTests {

	@Test
	void clientPrintsFirstTopologyAndBothAskRatesAsOneResultLine() {
		PrintStream stdout = System.out;
		ByteArrayOutputStream captured = new ByteArrayOutputStream();
		try (CastyTestCluster cluster = BenchCluster.builder(2, new int[2], "casty-bench", "127.0.0.1").start()) {
			String contacts = String.join(",", cluster.contactPoints().stream().map(Object::toString).toList());
			System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
			ColdStart.main(new String[] { contacts, "casty-bench", "200" });
		}
		finally {
			System.setOut(stdout);
		}
		String line = captured.toString(StandardCharsets.UTF_8)
			.lines()
			.filter((l) -> l.startsWith(ColdStart.RESULT))
			.findFirst()
			.orElseThrow();
		JsonNode result = BenchMain.JSON.readTree(line.substring(ColdStart.RESULT.length()));
		assertThat(result.path("ok").asBoolean()).as(line).isTrue();
		for (String field : new String[] { "jvm_start_to_first_topology_ms", "main_to_first_topology_ms",
				"process_cpu_to_first_topology_ms", "classes_loaded_at_first_topology", "warm_to_first_rate" }) {
			assertThat(result.path(field).isNumber()).as(field).isTrue();
		}
		assertThat(result.path("first_asks").path("n").asInt()).isEqualTo(200);
		assertThat(result.path("warm_asks").path("errors").asInt()).isZero();
		Map<String, Object> report = Map.of("measured_at", "now", "load_before", "1", "load_after", "1", "default",
				Map.of("median", BenchMain.JSON.convertValue(result, Map.class)));
		assertThat(ColdStart.render(report)).contains("default", "warm/first");
	}

	@Test
	void javaFeatureIsReadFromTheShownPropertiesAndDecidesTheAheadOfTimeVariants() throws Exception {
		String shown = """
				Property settings:
				    java.runtime.version = 25.0.3+9-LTS
				    java.specification.version = 25
				    java.vm.specification.version = 25
				""";
		assertThat(ColdStart.specificationVersion(shown)).isEqualTo(25);
		assertThat(ColdStart.specificationVersion("    java.specification.version = 1.8\n")).isEqualTo(8);
		assertThat(ColdStart.specificationVersion("no such line")).isZero();
		// this JVM, asked as the mode asks a client JVM
		String java = ProcessHandle.current().info().command().orElseThrow();
		assertThat(ColdStart.javaFeature(java)).isEqualTo(Runtime.version().feature());
	}

}
