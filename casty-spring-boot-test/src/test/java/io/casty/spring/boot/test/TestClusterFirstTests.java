package io.casty.spring.boot.test;

import io.casty.client.CastyClient;
import io.casty.client.CastyClientOptions;
import io.casty.spring.boot.autoconfigure.CastyConnectionDetails;
import io.casty.spring.boot.test.app.CartApplication.Carts;
import io.casty.testkit.CastyTestCluster;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * First test-cluster class: the context starts one test cluster, hosting the application's
 * embedded cart entities, and the client connects to it rather than to the configured
 * contact point or the embedded development cluster.
 */
@CartTestClusterTest
@Order(4)
class TestClusterFirstTests {

	@Autowired
	private ApplicationContext context;

	@Autowired
	private CastyTestCluster cluster;

	@Autowired
	private CastyClient client;

	@Autowired
	private CastyClientOptions options;

	@Autowired
	private Carts carts;

	@Test
	void whenTheTestClusterIsOnThenItIsTheOnlyClusterAndTheClientUsesIt() {
		CartTestClusterTest.FIRST.set(this.context);
		assertThat(this.context.getBeansOfType(CastyTestCluster.class)).containsOnlyKeys("castyTestCluster");
		assertThat(this.cluster.nodes()).hasSize(2);
		assertThat(this.context.getBean(CastyConnectionDetails.class).getContactPoints())
			.isEqualTo(this.cluster.contactPoints());
		assertThat(this.options.contactPoints()).isEqualTo(this.cluster.contactPoints());
		assertThat(this.options.systemName()).isEqualTo(this.cluster.systemName());
		assertThat(this.client.isRunning()).isTrue();
		assertThat(this.carts.add("test-cluster", 2)).isEqualTo(2);
	}

}
