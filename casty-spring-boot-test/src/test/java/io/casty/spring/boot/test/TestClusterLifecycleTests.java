package io.casty.spring.boot.test;

import java.util.List;

import io.casty.client.NodeAddress;
import io.casty.spring.boot.autoconfigure.CastyConnectionDetails;
import io.casty.spring.boot.test.app.CartApplication;
import io.casty.spring.boot.test.app.CartApplication.Carts;
import io.casty.spring.boot.test.autoconfigure.AutoConfigureCastyTestCluster;
import io.casty.testkit.CastyTestCluster;
import io.casty.testkit.TestNode;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AutoConfigureCastyTestCluster} on a configuration class outside the test framework,
 * as {@code SpringApplication.from(...).with(...)} uses it: the test cluster wins over the
 * application's own {@link CastyConnectionDetails} bean and closes with the context.
 */
class TestClusterLifecycleTests {

	@Test
	void whenTheContextClosesThenItsTestClusterStops() {
		CastyTestCluster cluster;
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CartApplication.class,
				WithTestCluster.class, ElsewhereDetails.class)
			.web(WebApplicationType.NONE)
			.properties("casty.client.embedded.nodes=1", "casty.client.topology.poll-interval=200ms")
			.run()) {
			cluster = context.getBean(CastyTestCluster.class);
			assertThat(cluster.nodes()).hasSize(1).allMatch(TestNode::isRunning);
			assertThat(context.getBean(CastyConnectionDetails.class).getContactPoints())
				.isEqualTo(cluster.contactPoints());
			assertThat(context.getBean(Carts.class).add("closing", 4)).isEqualTo(4);
		}
		assertThat(cluster.nodes()).noneMatch(TestNode::isRunning);
	}

	@TestConfiguration(proxyBeanMethods = false)
	@AutoConfigureCastyTestCluster
	static class WithTestCluster {

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class ElsewhereDetails {

		@Bean
		CastyConnectionDetails elsewhere() {
			return () -> List.of(new NodeAddress("127.0.0.1", 1));
		}

	}

}
