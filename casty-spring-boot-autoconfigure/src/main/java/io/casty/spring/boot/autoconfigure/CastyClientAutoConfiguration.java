package io.casty.spring.boot.autoconfigure;

import java.util.List;

import io.casty.client.CastyClient;
import io.casty.client.CastyClientListener;
import io.casty.client.CastyClientOptions;
import io.casty.client.ServiceLookup;
import io.casty.client.topology.TopologyCache;
import io.casty.spring.boot.autoconfigure.entity.CastyEntities;
import io.casty.spring.boot.autoconfigure.entity.CastyEntityRefRegistrar;
import io.casty.spring.boot.autoconfigure.entity.CastyMessageTypeGraph;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * for the Casty client: options from {@code casty.client.*} and the
 * {@link CastyConnectionDetails}, the {@link CastyClient} with its lifecycle, its topology
 * cache and service lookup, and an {@code EntityRef<M>} bean per declared entity type.
 * Every {@link CastyClientListener} bean receives the client's events.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = SslAutoConfiguration.class)
@ConditionalOnClass(CastyClient.class)
@EnableConfigurationProperties(CastyClientProperties.class)
@Import(CastyEntityRefRegistrar.class)
public final class CastyClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CastyConnectionDetails castyConnectionDetails(CastyClientProperties properties,
			ObjectProvider<SslBundles> sslBundles) {
		return new PropertiesCastyConnectionDetails(properties, sslBundles.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	CastyCallbackExecutor castyCallbackExecutor(CastyClientProperties properties, Environment environment) {
		return CastyClientOptionsMapper.callbackExecutor(properties, environment);
	}

	@Bean
	@ConditionalOnMissingBean
	CastyClientOptions castyClientOptions(CastyClientProperties properties, CastyConnectionDetails connectionDetails,
			CastyCallbackExecutor callbackExecutor, ObjectProvider<CastyEntities> entities,
			ObjectProvider<CastyClientListener> listeners, ObjectProvider<CastyClientOptionsCustomizer> customizers) {
		CastyClientOptions.Builder builder = new CastyClientOptionsMapper(properties).builder(connectionDetails,
				callbackExecutor);
		entities.ifAvailable((declared) -> {
			// fail at start-up, naming the path, rather than on the first ask that needs the type
			CastyMessageTypeGraph.of(List.of(declared.messageTypes())).validate();
			builder.messageTypes(declared.messageTypes());
		});
		builder.listener(CompositeCastyClientListener.of(listeners.orderedStream().toList()));
		try {
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			return builder.build();
		}
		catch (InvalidCastyConfigurationException ex) {
			throw ex;
		}
		catch (IllegalArgumentException ex) {
			// a customizer's value, or settings that depend on each other (connections per node and ports)
			throw new InvalidCastyConfigurationException("Invalid Casty client configuration: " + ex.getMessage(),
					"Correct the matching casty.client.* property (connections-per-node, client-port, advertised-port, "
							+ "advertised-host, listen) or the CastyClientOptionsCustomizer that set it.",
					ex);
		}
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	CastyClient castyClient(CastyClientOptions options) {
		// every registered type, also those a customizer added, before any node is asked
		CastyMessageTypeGraph.of(options.messageTypes()).validate();
		try {
			return CastyClient.create(options);
		}
		catch (IllegalArgumentException ex) {
			// the codec rejects a message type: a configuration error the failure analyzer explains
			throw new InvalidCastyConfigurationException("Invalid Casty message type: " + ex.getMessage(),
					InvalidCastyConfigurationException.MESSAGE_TYPE_ACTION, ex);
		}
	}

	@Bean
	@ConditionalOnMissingBean
	CastyClientLifecycle castyClientLifecycle(CastyClient client) {
		return new CastyClientLifecycle(client);
	}

	@Bean
	@ConditionalOnMissingBean
	TopologyCache castyTopologyCache(CastyClient client) {
		return client.topology();
	}

	@Bean
	@ConditionalOnMissingBean
	ServiceLookup castyServiceLookup(CastyClient client) {
		return client.services();
	}

}
