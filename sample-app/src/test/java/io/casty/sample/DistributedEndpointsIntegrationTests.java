package io.casty.sample;

import java.util.Map;

import io.casty.client.distributed.CastyDistributed;
import io.casty.client.distributed.Permit;
import io.casty.sample.embedded.SampleTestCluster;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The counter, map and lock endpoints over HTTP, on the embedded cluster hosting the
 * structures listed in application.yml.
 */
@Import(SampleTestCluster.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DistributedEndpointsIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private CastyDistributed distributed;

	private RestClient http() {
		return RestClient.create("http://localhost:" + this.port);
	}

	@Test
	void visitsSettingsAndReports() {
		Map<?, ?> first = http().post().uri("/visits").retrieve().body(Map.class);
		Map<?, ?> second = http().post().uri("/visits").retrieve().body(Map.class);
		assertThat(((Number) second.get("visits")).longValue()).isEqualTo(((Number) first.get("visits")).longValue() + 1);

		Map<?, ?> put = http().put().uri("/settings/theme").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("value", "dark")).retrieve().body(Map.class);
		assertThat(put.get("previous")).isNull();
		assertThat(http().get().uri("/settings/theme").retrieve().body(Map.class).get("value")).isEqualTo("dark");
		HttpStatusCode missing = http().get().uri("/settings/nothing-here").exchange((req, res) -> res.getStatusCode());
		assertThat(missing.value()).isEqualTo(404);

		assertThat(http().post().uri("/reports/daily").retrieve().body(Map.class).get("report")).isEqualTo("daily");
		try (Permit held = this.distributed.lock("reports").lock()) {
			HttpStatusCode busy = http().post().uri("/reports/daily").exchange((req, res) -> res.getStatusCode());
			assertThat(busy.value()).isEqualTo(409);
		}
		assertThat(http().post().uri("/reports/daily").exchange((req, res) -> res.getStatusCode()).value()).isEqualTo(200);
	}

}
