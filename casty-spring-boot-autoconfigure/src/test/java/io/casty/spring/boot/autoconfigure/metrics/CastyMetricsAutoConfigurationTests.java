package io.casty.spring.boot.autoconfigure.metrics;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import io.casty.client.CastyClientListener;
import io.casty.client.CastyClientOptions;
import io.casty.client.EntityRef;
import io.casty.client.NodeAddress;
import io.casty.client.protocol.messages.Member;
import io.casty.client.protocol.messages.MemberStatus;
import io.casty.client.protocol.messages.TopologySnapshot;
import io.casty.client.topology.TopologyView;
import io.casty.spring.boot.autoconfigure.CastyClientAutoConfiguration;
import io.casty.spring.boot.autoconfigure.entity.fixtures.CounterMsg;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CastyMetricsAutoConfiguration} and {@link MicrometerCastyClientListener}.
 */
class CastyMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(CastyClientAutoConfiguration.class, CastyMetricsAutoConfiguration.class))
		.withPropertyValues("casty.client.contact-points=127.0.0.1:1");

	@Test
	void whenMeterRegistryExistsThenListenerIsWiredIntoOptionsAndGaugesAreBound() {
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			assertThat(context).hasSingleBean(MicrometerCastyClientListener.class)
				.hasSingleBean(CastyClientMeters.class);
			assertThat(context.getBean(CastyClientOptions.class).listener())
				.isSameAs(context.getBean(MicrometerCastyClientListener.class));
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("casty.client.asks.pending").gauge().value()).isZero();
			assertThat(registry.get("casty.client.buffered").gauge()).isNotNull();
			assertThat(registry.get("casty.client.connections.active").gauge()).isNotNull();
			assertThat(registry.get("casty.client.members").tag("status", "up").gauge()).isNotNull();
		});
	}

	@Test
	void whenNoMeterRegistryBeanExistsThenNoListener() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(MicrometerCastyClientListener.class);
			assertThat(context.getBean(CastyClientOptions.class).listener()).isSameAs(CastyClientListener.NONE);
		});
	}

	@Test
	void whenMicrometerIsMissingThenNoListener() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(MicrometerCastyClientListener.class));
	}

	@Test
	void whenObservationRegistryExistsThenEntityRefAsksAreObserved() {
		this.contextRunner.withUserConfiguration(EntityPackageConfiguration.class)
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withBean(ObservationRegistry.class, ObservationRegistry::create)
			.run((context) -> assertThat(context.getBean("castyEntityRef.counter", EntityRef.class))
				.isInstanceOf(ObservedEntityRef.class));
	}

	@Test
	void whenEventsArriveThenMetersCountThemWithBoundedTags() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		MicrometerCastyClientListener listener = new MicrometerCastyClientListener(registry);
		listener.messageSent("counter");
		listener.messageSent("counter");
		listener.messageDropped("counter", "buffer-timeout");
		listener.askCompleted("counter", CastyClientListener.AskOutcome.SUCCESS, java.time.Duration.ofMillis(3));
		listener.cacheMiss("counter");
		listener.lateReply();
		listener.bufferRejected("counter");
		listener.inboundDropped("unknown-target");
		assertThat(registry.get("casty.client.messages.sent").tag("target", "counter").counter().count()).isEqualTo(2);
		assertThat(registry.get("casty.client.messages.dropped").tags("target", "counter", "reason", "buffer-timeout")
			.counter()
			.count()).isEqualTo(1);
		assertThat(registry.get("casty.client.asks").tags("target", "counter", "outcome", "success").timer().count())
			.isEqualTo(1);
		assertThat(registry.get("casty.client.shard.cache.misses").tag("type", "counter").counter().count())
			.isEqualTo(1);
		assertThat(registry.get("casty.client.replies.late").counter().count()).isEqualTo(1);
		assertThat(registry.get("casty.client.buffer.rejected").counter().count()).isEqualTo(1);
		assertThat(registry.get("casty.client.inbound.dropped").tag("reason", "unknown-target").counter().count())
			.isEqualTo(1);
	}

	@Test
	void whenNodeLeavesTheTopologyThenItsMetersAreRemoved() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		MicrometerCastyClientListener listener = new MicrometerCastyClientListener(registry);
		NodeAddress a = new NodeAddress("127.0.0.1", 25520);
		NodeAddress b = new NodeAddress("127.0.0.1", 25521);
		listener.topologyUpdated(view(a, b));
		listener.connectionOpened(a);
		listener.connectionOpened(b);
		listener.nodeEvicted(b, "cluster-marked-unavailable");
		listener.connectionClosed(b);
		assertThat(registry.find("casty.client.connections.opened").tag("node", b.toString()).counter()).isNotNull();
		listener.topologyUpdated(view(a));
		assertThat(registry.find("casty.client.connections.opened").tag("node", b.toString()).meters()).isEmpty();
		assertThat(registry.find("casty.client.connections.closed").tag("node", b.toString()).meters()).isEmpty();
		assertThat(registry.find("casty.client.evictions").tag("node", b.toString()).meters()).isEmpty();
		assertThat(registry.get("casty.client.connections.opened").tag("node", a.toString()).counter().count())
			.isEqualTo(1);
		assertThat(registry.get("casty.client.topology.updates").counter().count()).isEqualTo(2);
	}

	private static TopologyView view(NodeAddress... nodes) {
		Set<Member> members = new java.util.HashSet<>();
		for (NodeAddress node : nodes) {
			members.add(new Member(node, MemberStatus.UP, Set.of(), node.toString()));
		}
		return TopologyView.of(new TopologySnapshot(members, nodes[0], Map.of(), 1, Set.of(), Set.of()), nodes[0],
				Instant.now());
	}

	@Configuration(proxyBeanMethods = false)
	@AutoConfigurationPackage(basePackageClasses = CounterMsg.class)
	static class EntityPackageConfiguration {

	}

}
