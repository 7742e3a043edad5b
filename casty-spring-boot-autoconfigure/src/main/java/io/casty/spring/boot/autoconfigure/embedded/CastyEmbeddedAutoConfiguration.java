package io.casty.spring.boot.autoconfigure.embedded;

import java.util.ArrayList;
import java.util.List;

import io.casty.client.CastyClient;
import io.casty.spring.boot.autoconfigure.CastyClientAutoConfiguration;
import io.casty.spring.boot.autoconfigure.CastyClientProperties;
import io.casty.spring.boot.autoconfigure.CastyConnectionDetails;
import io.casty.spring.boot.autoconfigure.entity.CastyEntities;
import io.casty.testkit.CastyTestCluster;
import io.casty.testkit.distributed.TestStructures;

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
		CastyTestCluster.Builder builder = CastyTestCluster.builder()
			.nodes(properties.getEmbedded().getNodes())
			.systemName(properties.getSystemName())
			.format(properties.getSerializer())
			.compression(properties.getCompression(), properties.getCompressionLevel());
		List<Class<?>> messageTypes = new ArrayList<>();
		declared.ifAvailable((d) -> messageTypes.addAll(List.of(d.messageTypes())));
		entities.orderedStream().forEach((entity) -> {
			messageTypes.addAll(entity.messageTypes());
			builder.shardedType(entity.type(), entity.shards(), entity.factory());
		});
		services.orderedStream().forEach((service) -> {
			messageTypes.addAll(service.messageTypes());
			builder.service(service.key(), service.path(), service.node(), service.behavior());
		});
		builder.messageTypes(messageTypes.stream().distinct().toArray(Class<?>[]::new));
		hostDistributedStructures(builder, properties.getEmbedded().getDistributed());
		return builder.start();
	}

	private static void hostDistributedStructures(CastyTestCluster.Builder builder,
			CastyClientProperties.Distributed distributed) {
		TestStructures structures = distributed.isTraps() ? TestStructures.faithful() : TestStructures.withoutTraps();
		distributed.getCounters().forEach((name) -> structures.counter(builder, name));
		distributed.getMaps().forEach((name) -> structures.map(builder, name));
		distributed.getSets().forEach((name) -> structures.set(builder, name));
		distributed.getQueues().forEach((name) -> structures.queue(builder, name));
		distributed.getLocks().forEach((name) -> structures.lock(builder, name));
		distributed.getSemaphores().forEach((name, permits) -> structures.semaphore(builder, name, permits));
		distributed.getBarriers().forEach((name) -> structures.barrier(builder, name));
		structures.systemBarrier(builder);
	}

	@Bean
	@ConditionalOnMissingBean
	CastyConnectionDetails castyEmbeddedConnectionDetails(CastyTestCluster cluster) {
		return new EmbeddedCastyConnectionDetails(cluster);
	}

}
