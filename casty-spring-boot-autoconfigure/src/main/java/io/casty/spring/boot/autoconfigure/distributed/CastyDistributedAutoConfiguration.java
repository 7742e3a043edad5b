package io.casty.spring.boot.autoconfigure.distributed;

import io.casty.client.CastyClient;
import io.casty.client.distributed.CastyDistributed;
import io.casty.spring.boot.autoconfigure.CastyClientAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * of the {@link CastyDistributed} bean: Casty's counters, maps, sets, queues, locks,
 * semaphores and barriers through the application's {@link CastyClient}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = CastyClientAutoConfiguration.class)
@ConditionalOnClass(CastyDistributed.class)
@ConditionalOnBean(CastyClient.class)
public final class CastyDistributedAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CastyDistributed castyDistributed(CastyClient client) {
		return client.distributed();
	}

}
