package io.casty.spring.boot.autoconfigure.distributed;


import io.casty.client.CastyClient;
import io.casty.client.distributed.CastyDistributed;
import io.casty.client.distributed.CastyLock;
import io.casty.client.distributed.Permit;
import io.casty.client.distributed.StructureNotHostedException;
import io.casty.spring.boot.autoconfigure.CastyClientAutoConfiguration;
import io.casty.spring.boot.autoconfigure.embedded.CastyEmbeddedAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@link CastyDistributed} bean and the embedded cluster's structures.
 */
class CastyDistributedAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CastyEmbeddedAutoConfiguration.class,
				CastyClientAutoConfiguration.class, CastyDistributedAutoConfiguration.class));

	@Test
	void whenEmbeddedStructuresAreListedThenTheDistributedBeanUsesThem() {
		this.contextRunner
			.withPropertyValues("casty.client.embedded.enabled=true", "casty.client.embedded.nodes=2",
					"casty.client.embedded.distributed.counters=hits,views", "casty.client.embedded.distributed.locks=report",
					"casty.client.embedded.distributed.maps=profiles",
					"casty.client.embedded.distributed.semaphores.pool=2")
			.run((context) -> {
				CastyDistributed distributed = context.getBean(CastyDistributed.class);
				assertThat(distributed).isSameAs(context.getBean(CastyClient.class).distributed());
				assertThat(distributed.counter("hits").increment(4).get()).isEqualTo(4);
				assertThat(distributed.counter("views").get().get()).isZero();
				assertThat(distributed.map("profiles", String.class, String.class).put("ada", "x").get()).isNull();
				CastyLock lock = distributed.lock("report");
				try (Permit held = lock.lock()) {
					assertThat(lock.tryLock()).isEmpty();
				}
				try (Permit first = distributed.semaphore("pool").acquirePermit();
						Permit second = distributed.semaphore("pool").acquirePermit()) {
					assertThat(distributed.semaphore("pool").tryAcquirePermit()).isEmpty();
				}
				distributed.systemBarrier("boot").arrive(1).get();
				assertThatThrownBy(() -> distributed.queue("jobs", String.class).size().join())
					.hasCauseInstanceOf(StructureNotHostedException.class);
			});
	}

	@Test
	void whenTheUserDefinesTheBeanThenTheAutoConfigurationBacksOff() {
		this.contextRunner.withPropertyValues("casty.client.embedded.enabled=true", "casty.client.embedded.nodes=1")
			.withBean("myDistributed", CastyDistributed.class, () -> null)
			.run((context) -> assertThat(context).doesNotHaveBean("castyDistributed"));
	}

	@Test
	void whenNoClientIsConfiguredThenNoDistributedBean() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(CastyClient.class))
			.run((context) -> assertThat(context).doesNotHaveBean(CastyDistributed.class));
	}


}
