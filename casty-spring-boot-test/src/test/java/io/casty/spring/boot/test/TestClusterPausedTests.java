package io.casty.spring.boot.test;

import io.casty.client.CastyClient;
import io.casty.testkit.CastyTestCluster;
import io.casty.testkit.TestNode;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Between the two test-cluster classes, another context is in use, so the framework pauses
 * the test-cluster context: its client stops, its cluster stays up with the cached context.
 */
@SpringJUnitConfig(OtherContextTests.Empty.class)
@Order(5)
class TestClusterPausedTests {

	@Test
	void whenTheTestClusterContextIsPausedThenItsClusterKeepsRunning() {
		ApplicationContext paused = CartTestClusterTest.FIRST.get();
		assertThat(paused).as("the first test-cluster class ran").isNotNull();
		assertThat(paused.getBean(CastyClient.class).isRunning()).isFalse();
		assertThat(paused.getBean(CastyTestCluster.class).nodes()).allMatch(TestNode::isRunning);
	}

}
