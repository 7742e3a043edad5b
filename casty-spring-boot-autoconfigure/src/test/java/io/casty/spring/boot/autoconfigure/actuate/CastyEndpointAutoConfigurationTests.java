package io.casty.spring.boot.autoconfigure.actuate;

import java.time.Duration;
import java.util.Map;

import io.casty.client.CastyClient;
import io.casty.client.CastyMessage;
import io.casty.client.NodeAddress;
import io.casty.spring.boot.autoconfigure.CastyClientAutoConfiguration;
import io.casty.spring.boot.autoconfigure.entity.CastyEntities;
import io.casty.spring.boot.autoconfigure.entity.CastyEntityDefinition;
import io.casty.testkit.CastyTestCluster;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link CastyEndpointAutoConfiguration}.
 */
class CastyEndpointAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CastyClientAutoConfiguration.class, EndpointAutoConfiguration.class,
				CastyEndpointAutoConfiguration.class))
		.withPropertyValues("casty.client.contact-points=127.0.0.1:1");

	@Test
	void whenEndpointIsNotExposedThenItIsAbsent() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(CastyClient.class)
			.doesNotHaveBean(CastyEndpoint.class));
	}

	@Test
	void whenEndpointIsExposedOnTheWebThenItIsRegistered() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=casty")
			.run((context) -> assertThat(context).hasSingleBean(CastyEndpoint.class));
	}

	@Test
	void whenEndpointIsExposedButDisabledThenItIsAbsent() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=casty", "management.endpoint.casty.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(CastyEndpoint.class));
	}

	@Test
	void whenActuatorIsMissingThenEndpointIsAbsent() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.withPropertyValues("management.endpoints.web.exposure.include=casty")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CastyEndpoint.class));
	}

	@Test
	void whenThereIsNoClientThenEndpointIsAbsent() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(EndpointAutoConfiguration.class, CastyEndpointAutoConfiguration.class))
			.withPropertyValues("management.endpoints.web.exposure.include=casty")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CastyEndpoint.class));
	}

	@Test
	void whenUserDefinesAnEndpointThenAutoConfigurationBacksOff() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=casty")
			.withUserConfiguration(CustomEndpoint.class)
			.run((context) -> assertThat(context).getBean(CastyEndpoint.class)
				.isSameAs(context.getBean("customCastyEndpoint")));
	}

	@Test
	void whenNoTopologyArrivedThenTheEndpointSaysSoAndAnUndeclaredTypeNeedsAShardCount() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=casty").run((context) -> {
			CastyEndpoint endpoint = context.getBean(CastyEndpoint.class);
			CastyEndpoint.ClusterDescriptor cluster = endpoint.cluster();
			assertThat(cluster.topology().received()).isFalse();
			assertThat(cluster.topology().allocationEpoch()).isEqualTo(-1);
			assertThat(cluster.members()).isEmpty();
			assertThat(cluster.client().running()).isTrue();
			assertThat(cluster.client().contactPoints()).containsExactly("127.0.0.1:1");
			assertThat(endpoint.shardType("cart")).isNull();
			assertThatExceptionOfType(InvalidEndpointRequestException.class)
				.isThrownBy(() -> endpoint.entity("cart", "alice", null))
				.withMessageContaining("not declared");
			CastyEndpoint.EntityDescriptor entity = endpoint.entity("cart", "alice", 100);
			assertThat(entity.shard()).isBetween(0L, 99L);
			assertThat(entity.owner()).isNull();
		});
	}

	@Test
	void whenConnectedToAClusterThenMembersShardsServicesAndConnectionsAreDescribed() {
		try (CastyTestCluster cluster = CastyTestCluster.builder()
			.nodes(2)
			.shardedType("cart", 8, (id) -> (ctx, message) -> {
			})
			.service("pricing", "/pricing", 1, (ctx, message) -> {
			})
			.start()) {
			this.contextRunner
				.withPropertyValues("management.endpoints.web.exposure.include=casty",
						"casty.client.contact-points=" + cluster.contactPoints().get(0),
						"casty.client.system-name=" + cluster.systemName())
				.withBean(CastyEntities.class,
						() -> new CastyEntities(java.util.List.of(new CastyEntityDefinition("cart", 8, AddItem.class))))
				.run((context) -> {
					CastyEndpoint endpoint = context.getBean(CastyEndpoint.class);
					for (int shard = 0; shard < 8; shard++) {
						cluster.allocateShard("cart", shard, shard % 2);
					}
					await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
						CastyEndpoint.ClusterDescriptor described = endpoint.cluster();
						assertThat(described.members()).extracting(CastyEndpoint.MemberDescriptor::address)
							.containsExactlyElementsOf(cluster.contactPoints().stream().map(NodeAddress::toString).toList());
						assertThat(described.members()).allSatisfy((m) -> {
							assertThat(m.status()).isEqualTo("up");
							assertThat(m.reachable()).isTrue();
						});
						assertThat(described.topology().leader()).isEqualTo(cluster.leader().toString());
						assertThat(described.shardTypes().get("cart").allocated()).isEqualTo(8);
						assertThat(described.shardTypes().get("cart").perNode()).containsExactlyInAnyOrderEntriesOf(
								Map.of(cluster.node(0).address().toString(), 4, cluster.node(1).address().toString(), 4));
						assertThat(described.services().get("pricing").count()).isEqualTo(1);
						assertThat(described.services().get("pricing").instances()).singleElement()
							.satisfies((i) -> assertThat(i.node()).isEqualTo(cluster.node(1).address().toString()));
						assertThat(described.connections()).extracting(CastyEndpoint.ConnectionDescriptor::state)
							.containsOnly("open")
							.hasSize(2);
					});
					CastyEndpoint.ShardMapDescriptor map = endpoint.shardType("cart");
					assertThat(map.shards()).isEqualTo(8);
					assertThat(map.owners()).hasSize(8);
					for (int shard = 0; shard < 8; shard++) {
						assertThat(map.nodes().get(map.owners().get(shard)))
							.isEqualTo(cluster.node(shard % 2).address().toString());
					}
					CastyEndpoint.EntityDescriptor alice = endpoint.entity("cart", "alice", null);
					assertThat(alice.shard()).isEqualTo(cluster.shardOf("cart", "alice"));
					assertThat(alice.owner()).isEqualTo(cluster.node((int) alice.shard() % 2).address().toString());
					assertThat(alice.ownerReachable()).isTrue();
				});
		}
	}

	@CastyMessage("shop.messages.AddItem")
	record AddItem(String sku) {
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomEndpoint {

		@Bean
		CastyEndpoint customCastyEndpoint(CastyClient client) {
			return new CastyEndpoint(client, Map.of());
		}

	}

}
