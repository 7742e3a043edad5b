package io.casty.spring.boot.autoconfigure.embedded;

import java.util.ArrayList;
import java.util.List;

import io.casty.spring.boot.autoconfigure.CastyClientProperties;
import io.casty.spring.boot.autoconfigure.CastyConnectionDetails;
import io.casty.spring.boot.autoconfigure.InvalidCastyConfigurationException;
import io.casty.spring.boot.autoconfigure.entity.CastyEntities;
import io.casty.spring.boot.autoconfigure.entity.CastyEntityDefinition;
import io.casty.testkit.CastyTestCluster;
import io.casty.testkit.distributed.TestStructures;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Starts the in-JVM cluster that hosts an application's {@link CastyEmbeddedEntity} and
 * {@link CastyEmbeddedService} beans and the distributed structures listed under
 * {@code casty.client.embedded.distributed}, with the system name, serializer and
 * compression of {@code casty.client.*} and {@code casty.client.embedded.nodes} nodes. The
 * one recipe of the embedded development cluster and of the test support's
 * {@code @AutoConfigureCastyTestCluster}.
 *
 * @since 0.1.0
 */
public final class CastyEmbeddedClusters {

	private CastyEmbeddedClusters() {
	}

	/**
	 * Starts a cluster; the caller closes it.
	 * @param properties the client's properties
	 * @param declared the declared entity types, whose message types the nodes decode
	 * @param entities the entity types the nodes host
	 * @param services the services the nodes host
	 * @return the started cluster
	 * @throws io.casty.spring.boot.autoconfigure.InvalidCastyConfigurationException if a
	 * hosted entity type has another shard count than the declared one, or is hosted under
	 * another name, or the nodes cannot register a message type
	 */
	public static CastyTestCluster start(CastyClientProperties properties, ObjectProvider<CastyEntities> declared,
			ObjectProvider<CastyEmbeddedEntity> entities, ObjectProvider<CastyEmbeddedService> services) {
		CastyTestCluster.Builder builder = CastyTestCluster.builder()
			.nodes(properties.getEmbedded().getNodes())
			.systemName(properties.getSystemName())
			.format(properties.getSerializer())
			.compression(properties.getCompression(), properties.getCompressionLevel());
		List<CastyEntityDefinition> definitions = new ArrayList<>();
		declared.ifAvailable((d) -> definitions.addAll(d.definitions()));
		EmbeddedEntityCheck.check(definitions, entities.orderedStream().toList());
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
		try {
			return builder.start();
		}
		catch (IllegalArgumentException ex) {
			// the nodes' codec rejects a message type: the same fix as the client's rejection
			throw new InvalidCastyConfigurationException("Invalid Casty message type: " + ex.getMessage(),
					InvalidCastyConfigurationException.MESSAGE_TYPE_ACTION, ex);
		}
	}

	/**
	 * The connection details of a cluster: its nodes' bound addresses and system name.
	 * @param cluster the started cluster
	 * @return the details
	 */
	public static CastyConnectionDetails connectionDetails(CastyTestCluster cluster) {
		return new EmbeddedCastyConnectionDetails(cluster);
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

}
