package io.casty.testkit;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The builder's settings become one checked, immutable configuration.
 */
class ClusterConfigTests {

	@Test
	void portsDefaultToEphemeralOnePerNodeAndTheConfigurationIsDetachedFromTheBuilder() {
		CastyTestCluster.Builder builder = CastyTestCluster.builder().nodes(3).shardedType("t", 8, (id) -> (ctx, m) -> {
		});
		ClusterConfig config = builder.toConfig();
		builder.nodes(1).pushInterval(Duration.ofSeconds(9)).shardedType("u", 2, (id) -> (ctx, m) -> {
		});
		assertThat(config.nodes()).isEqualTo(3);
		assertThat(config.ports()).containsExactly(0, 0, 0);
		assertThat(config.pushInterval()).isEqualTo(CastyTestCluster.DEFAULT_PUSH_INTERVAL);
		assertThat(config.shardedTypes()).containsOnlyKeys("t");
	}

	@Test
	void aCopyIsIndependentOfItsOriginal() {
		CastyTestCluster.Builder original = CastyTestCluster.builder().nodes(2).systemName("a");
		CastyTestCluster.Builder copy = original.copy().systemName("b").ports(1, 2);
		assertThat(original.toConfig().systemName()).isEqualTo("a");
		assertThat(original.toConfig().ports()).containsExactly(0, 0);
		assertThat(copy.toConfig().systemName()).isEqualTo("b");
		assertThat(copy.toConfig().ports()).containsExactly(1, 2);
	}

	@Test
	void portsServicesAndHostingNodesMustMatchTheNodeCount() {
		assertThatIllegalArgumentException().isThrownBy(() -> CastyTestCluster.builder().nodes(2).ports(1).toConfig())
			.withMessageContaining("1 ports given for 2 nodes");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CastyTestCluster.builder().nodes(2).service("s", "/s", 2, (ctx, m) -> {
			}).toConfig())
			.withMessageContaining("Service 's' is on node 2 but the cluster has nodes 0-1");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CastyTestCluster.builder()
				.nodes(2)
				.shardedType("t", 4, 0, java.util.Set.of(3), (id) -> (ctx, m) -> {
				})
				.toConfig())
			.withMessageContaining("Shard type 't' is hosted on node 3 but the cluster has nodes 0-1");
	}

}
