package io.casty.spring.boot.autoconfigure.embedded;

import io.casty.client.CastyClient;
import io.casty.spring.boot.autoconfigure.CastyClientAutoConfiguration;
import io.casty.spring.boot.autoconfigure.CastyClientProperties;
import io.casty.spring.boot.autoconfigure.CastyConnectionDetails;
import io.casty.spring.boot.autoconfigure.entity.CastyEntities;
import io.casty.testkit.CastyTestCluster;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * of an in-JVM Casty-compatible cluster for development, when {@code casty-testkit} is on
 * the classpath and {@code casty.client.embedded.enabled=true}. It hosts the application's
 * {@link CastyEmbeddedEntity} and {@link CastyEmbeddedService} beans, the distributed
 * structures listed under {@code casty.client.embedded.distributed} (and the system barrier
 * every Casty node hosts), and its
 * {@link CastyConnectionDetails} point the client at it. The cluster starts when its bean
 * is created, before the client starts, and closes when its bean is destroyed, after the
 * client closed.
 *
 * @since 0.1.0
 */
@AutoConfiguration(before = CastyClientAutoConfiguration.class)
@ConditionalOnClass({ CastyClient.class, CastyTestCluster.class })
@ConditionalOnBooleanProperty("casty.client.embedded.enabled")
@EnableConfigurationProperties(CastyClientProperties.class)
public final class CastyEmbeddedAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	CastyTestCluster castyEmbeddedCluster(CastyClientProperties properties, ObjectProvider<CastyEntities> declared,
			ObjectProvider<CastyEmbeddedEntity> entities, ObjectProvider<CastyEmbeddedService> services) {
		return CastyEmbeddedClusters.start(properties, declared, entities, services);
	}

	@Bean
	@ConditionalOnMissingBean
	CastyConnectionDetails castyEmbeddedConnectionDetails(CastyTestCluster cluster) {
		return CastyEmbeddedClusters.connectionDetails(cluster);
	}

}
