package io.casty.spring.boot.test.autoconfigure;

import io.casty.client.CastyClient;
import io.casty.spring.boot.autoconfigure.CastyClientAutoConfiguration;
import io.casty.spring.boot.autoconfigure.CastyClientProperties;
import io.casty.spring.boot.autoconfigure.CastyConnectionDetails;
import io.casty.spring.boot.autoconfigure.embedded.CastyEmbeddedAutoConfiguration;
import io.casty.spring.boot.autoconfigure.embedded.CastyEmbeddedClusters;
import io.casty.spring.boot.autoconfigure.embedded.CastyEmbeddedEntity;
import io.casty.spring.boot.autoconfigure.embedded.CastyEmbeddedService;
import io.casty.spring.boot.autoconfigure.entity.CastyEntities;
import io.casty.testkit.CastyTestCluster;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Auto-configuration imported by {@link AutoConfigureCastyTestCluster}: the test cluster,
 * created before the embedded development cluster (which then backs off) and before the
 * client, and its {@link CastyConnectionDetails}, primary over any other.
 *
 * @since 0.1.0
 */
@AutoConfiguration(before = { CastyEmbeddedAutoConfiguration.class, CastyClientAutoConfiguration.class })
@ConditionalOnClass({ CastyClient.class, CastyTestCluster.class })
@EnableConfigurationProperties(CastyClientProperties.class)
public final class CastyTestClusterAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	CastyTestCluster castyTestCluster(CastyClientProperties properties, ObjectProvider<CastyEntities> declared,
			ObjectProvider<CastyEmbeddedEntity> entities, ObjectProvider<CastyEmbeddedService> services) {
		return CastyEmbeddedClusters.start(properties, declared, entities, services);
	}

	@Bean
	@Primary
	CastyConnectionDetails castyTestClusterConnectionDetails(CastyTestCluster cluster) {
		return CastyEmbeddedClusters.connectionDetails(cluster);
	}

}
