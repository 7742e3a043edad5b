package io.casty.client.it;

import java.time.Duration;

import io.casty.client.CastyClient;
import io.casty.client.ClusterUnavailableException;
import io.casty.testkit.CastyTestCluster;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A topology snapshot grows with the allocated shards; one above the client's frame limit
 * must say so, not pass for a lost connection.
 */
class OversizedSnapshotIntegrationTests {

	@Test
	void aSnapshotOverTheFrameLimitNamesTheLimitInTheClustersUnavailability() {
		// 500 allocations: a snapshot of about 90 KB, over a 16 KiB limit
		try (CastyTestCluster cluster = Counters.cluster(2).shardedType("wide", 500, (id) -> (context, message) -> {
		}).noFailureDetection().start()) {
			cluster.allocateAllShards("wide");
			try (CastyClient client = ClientLeakGuard.track(CastyClient
				.start(Counters.options(cluster).codec((codec) -> codec.maxFrameSize(16 * 1024)).build()))) {
				assertThatExceptionOfType(ClusterUnavailableException.class)
					.isThrownBy(() -> client.awaitTopology(Duration.ofSeconds(2)))
					.withMessageMatching("(?s).*a frame of \\d{5} bytes \\(length prefix included\\) is over the maximum"
							+ " frame size of 16384 bytes.*");
			}
		}
	}

}
