package io.casty.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Runs the {@code topology-scale} mode on one tiny cell and checks that every figure is
 * reported and every allocation change reached the client; figures are never asserted.
 */
class TopologyScaleIntegrationTests {

	@Test
	void tinyCellReportsEveryFigureAndRoutesEveryChange(@TempDir Path dir) throws Exception {
		Map<String, Object> report = BenchMain.topologyScale("--cells", "2x3x40", "--idle-s", "0.5", "--changes", "3",
				"--decode-samples", "2");

		JsonNode json = JsonMapper.builder().build().valueToTree(report);
		assertThat(json.path("ok").asBoolean()).isTrue();
		assertThat(json.path("push_interval_ms").asLong()).isEqualTo(TopologyScale.CASTY_PUSH_INTERVAL.toMillis());
		JsonNode cell = json.path("cells").path(0);
		assertThat(cell.path("cell").asString()).isEqualTo("2x3x40");
		assertThat(cell.path("allocations").asLong()).isEqualTo(120);
		assertThat(cell.path("complete").asBoolean()).isTrue();
		assertThat(cell.path("snapshot_bytes").asLong()).isGreaterThan(120 * 100);
		assertThat(cell.path("decode_ms").isNumber()).isTrue();
		assertThat(cell.path("decode_samples").asInt()).isEqualTo(2);
		assertThat(cell.path("idle").path("client_cpu_pct_of_core").isNumber()).isTrue();
		assertThat(cell.path("idle").path("snapshots_received").asLong()).isPositive();
		JsonNode heap = cell.path("heap");
		assertThat(heap.path("view_bytes").asLong()).isGreaterThan(heap.path("allocations_bytes").asLong());
		assertThat(heap.path("allocations_bytes").asLong()).isPositive();
		assertThat(cell.path("change_to_route").path("changes").asInt()).isEqualTo(3);
		assertThat(cell.path("change_to_route").path("ok").asBoolean()).isTrue();
		assertThat(TopologyScale.render(report)).contains("2x3x40", "idle CPU%");

		Path png = dir.resolve("scale.png");
		TopologyScalePlot.write(Map.of("before", report, "after", report), png);
		byte[] bytes = Files.readAllBytes(png);
		assertThat(bytes).hasSizeGreaterThan(1000);
		assertThat(new String(bytes, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
	}

	@Test
	void defaultCellsCoverEveryNodeCountAndLeaveOutTheLargest() {
		assertThat(TopologyScale.DEFAULT_CELLS).hasSize(12)
			.contains(new TopologyScale.Cell(10, 10, 1_000), new TopologyScale.Cell(10, 10, 10_000),
					new TopologyScale.Cell(3, 50, 1_000), new TopologyScale.Cell(30, 10, 1_000))
			.doesNotContain(new TopologyScale.Cell(10, 50, 10_000));
		assertThat(TopologyScale.Settings.parse("--cells", "3x1x100,10x10x1000").cells())
			.containsExactly(new TopologyScale.Cell(3, 1, 100), new TopologyScale.Cell(10, 10, 1_000));
		assertThatIllegalArgumentException().isThrownBy(() -> TopologyScale.Settings.parse("--cells", "1x1x100"));
		assertThatIllegalArgumentException().isThrownBy(() -> TopologyScale.Settings.parse("--cells", "3x100"));
	}

}
