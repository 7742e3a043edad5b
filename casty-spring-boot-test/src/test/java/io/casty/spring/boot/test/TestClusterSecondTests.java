package io.casty.spring.boot.test;

import io.casty.client.CastyClient;
import io.casty.spring.boot.test.app.CartApplication.Carts;
import io.casty.testkit.CastyTestCluster;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Second test-cluster class, same configuration as the first: it gets the cached context
 * back, restarted, with the same cluster and the cart's items.
 */
@CartTestClusterTest
@Order(6)
class TestClusterSecondTests {

	@Autowired
	private ApplicationContext context;

	@Autowired
	private CastyTestCluster cluster;

	@Autowired
	private CastyClient client;

	@Autowired
	private Carts carts;

	@Test
	void whenTheCachedContextIsReusedThenItsTestClusterStillHostsTheCarts() {
		assertThat(this.context).isSameAs(CartTestClusterTest.FIRST.get());
		assertThat(this.client.isRunning()).isTrue();
		assertThat(this.cluster.nodes()).hasSize(2);
		assertThat(this.carts.add("test-cluster", 3)).isEqualTo(5);
	}

}
