package io.casty.spring.boot.autoconfigure.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import io.casty.client.ActorRef;
import io.casty.client.BufferOverflowException;
import io.casty.client.CastyClient;
import io.casty.client.CastyClientListener;
import io.casty.client.CastyTimeoutException;
import io.casty.client.NodeUnreachableException;
import io.casty.client.ReplyType;
import io.casty.client.CastyClientOptions;
import io.casty.client.EntityRef;
import io.casty.client.NodeAddress;
import io.casty.client.protocol.messages.Member;
import io.casty.client.protocol.messages.MemberStatus;
import io.casty.client.protocol.messages.TopologySnapshot;
import io.casty.client.topology.TopologyCache;
import io.casty.client.topology.TopologyView;
import io.casty.spring.boot.autoconfigure.CastyClientAutoConfiguration;
import io.casty.spring.boot.autoconfigure.entity.fixtures.CounterMsg;
import io.casty.testkit.CastyTestCluster;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

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
		listener.askCompleted("counter", CastyClientListener.AskOutcome.SUCCESS, Duration.ofMillis(3));
		listener.cacheMiss("counter");
		listener.lateReply();
		listener.bufferRejected("counter");
		listener.inboundDropped("unknown-target");
		assertThat(registry.get("casty.client.messages.sent").tag("target", "counter").counter().count()).isEqualTo(2);
		assertThat(registry.get("casty.client.messages.dropped").tags("target", "counter", "reason", "buffer-timeout")
			.counter()
			.count()).isEqualTo(1);
		// asks are timed by their observation only
		assertThat(registry.find("casty.client.asks").meters()).isEmpty();
		assertThat(registry.find("casty.client.ask").meters()).isEmpty();
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

	@Test
	void whenAnEventRepeatsThenTheListenerReusesTheCounterItRegisteredFirst() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		MicrometerCastyClientListener listener = new MicrometerCastyClientListener(registry);
		listener.messageSent("counter");
		Counter first = registry.get("casty.client.messages.sent").tag("target", "counter").counter();
		// a listener that built its meter per event would register a new one here
		registry.remove(first);
		listener.messageSent("counter");
		listener.messageSent("counter");
		assertThat(registry.find("casty.client.messages.sent").meters()).isEmpty();
		assertThat(first.count()).isEqualTo(3);
	}

	@Test
	void whenANodeRejoinsThenItsCountersAreRegisteredAgain() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		MicrometerCastyClientListener listener = new MicrometerCastyClientListener(registry);
		NodeAddress a = new NodeAddress("127.0.0.1", 25520);
		NodeAddress b = new NodeAddress("127.0.0.1", 25521);
		listener.topologyUpdated(view(a, b));
		listener.connectionOpened(b);
		listener.topologyUpdated(view(a));
		assertThat(registry.find("casty.client.connections.opened").tag("node", b.toString()).meters()).isEmpty();
		listener.topologyUpdated(view(a, b));
		listener.connectionOpened(b);
		assertThat(registry.get("casty.client.connections.opened").tag("node", b.toString()).counter().count())
			.isEqualTo(1);
	}

	@Test
	void whenEachNodeHasFourConnectionsThenConnectionsActiveCountsThemAll() {
		try (CastyTestCluster cluster = CastyTestCluster.builder()
			.nodes(3)
			.messageTypes(CounterMsg.class)
			.shardedType("counter", 16, (id) -> (context, message) -> {
				if (message instanceof CounterMsg.Get get) {
					context.tell(get.replyTo(), 0);
				}
			})
			.start()) {
			this.contextRunner.withUserConfiguration(EntityPackageConfiguration.class)
				.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
				.withPropertyValues("casty.client.contact-points=" + cluster.contactPoints().get(0),
						"casty.client.system-name=" + cluster.systemName(), "casty.client.connections-per-node=4")
				.run((context) -> {
					CastyClient client = context.getBean(CastyClient.class);
					client.awaitTopology(Duration.ofSeconds(10));
					cluster.allocateAllShards("counter");
					@SuppressWarnings("unchecked")
					EntityRef<CounterMsg> counters = context.getBean("castyEntityRef.counter", EntityRef.class);
					// lanes connect on first use: entities spread over the 3 nodes and the 4 lanes
					await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
						for (int i = 0; i < 64; i++) {
							counters.ask("entity-" + i, CounterMsg.Get::new, Integer.class).get();
						}
						assertThat(client.connections().connections()).hasSize(12);
					});
					Gauge active = context.getBean(MeterRegistry.class).get("casty.client.connections.active").gauge();
					await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(active.value()).isEqualTo(12));
					assertThat(client.connectedNodes()).hasSize(3);
				});
		}
	}

	@Test
	void whenAClientAsksThroughAnEntityRefThenOneObservationTimesItWithShardTypeAndOutcome() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		List<CastyAskObservationContext> stopped = new CopyOnWriteArrayList<>();
		ObservationRegistry observations = observationsInto(meters, stopped);
		FakeRef delegate = new FakeRef();
		ObservedEntityRef<CounterMsg> ref = new ObservedEntityRef<>(delegate, observations, null, meters);

		delegate.next = CompletableFuture.completedFuture(7);
		assertThat(ref.ask("alice", CounterMsg.Get::new, Integer.class).join()).isEqualTo(7);
		delegate.next = CompletableFuture.failedFuture(new CastyTimeoutException("no reply"));
		assertThat(ref.ask("bob", CounterMsg.Get::new, Integer.class)).isCompletedExceptionally();
		delegate.thrown = new BufferOverflowException("full");
		assertThatExceptionOfType(BufferOverflowException.class)
			.isThrownBy(() -> ref.ask("carol", CounterMsg.Get::new, Integer.class));

		assertThat(meters.get("casty.client.ask").tags("casty.shard.type", "counter", "outcome", "success")
			.timer()
			.count()).isEqualTo(1);
		assertThat(meters.get("casty.client.ask").tags("casty.shard.type", "counter", "outcome", "timeout")
			.timer()
			.count()).isEqualTo(1);
		assertThat(meters.get("casty.client.ask").tags("casty.shard.type", "counter", "outcome", "rejected")
			.timer()
			.count()).isEqualTo(1);
		// the entity id is for spans only
		assertThat(meters.getMeters()).allSatisfy((meter) -> assertThat(meter.getId().getTag("casty.entity.id")).isNull());
		assertThat(stopped).extracting(CastyAskObservationContext::getEntityId).containsExactly("alice", "bob", "carol");
		assertThat(stopped.get(0).getHighCardinalityKeyValue("casty.entity.id").getValue()).isEqualTo("alice");
		assertThat(stopped.get(0).getContextualName()).isEqualTo("casty ask counter");
		assertThat(stopped.get(1).getError()).isInstanceOf(CastyTimeoutException.class);
	}

	@Test
	void whenAClientTellsThenTellsAreCountedByOutcome() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		FakeRef delegate = new FakeRef();
		ObservedEntityRef<CounterMsg> ref = new ObservedEntityRef<>(delegate, ObservationRegistry.NOOP, null, meters);
		ref.tell("alice", new CounterMsg.Add(1));
		ref.tell("alice", new CounterMsg.Add(2));
		delegate.thrown = new NodeUnreachableException("gone");
		assertThatExceptionOfType(NodeUnreachableException.class)
			.isThrownBy(() -> ref.tell("bob", new CounterMsg.Add(3)));
		assertThat(delegate.told).hasSize(3);
		assertThat(meters.get("casty.client.tells").tags("casty.shard.type", "counter", "outcome", "success")
			.counter()
			.count()).isEqualTo(2);
		assertThat(meters.get("casty.client.tells").tags("casty.shard.type", "counter", "outcome", "unreachable")
			.counter()
			.count()).isEqualTo(1);
		assertThat(meters.find("casty.client.tell").meters()).isEmpty();
	}

	@Test
	void whenAnObservationConventionBeanExistsThenAsksUseIt() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		this.contextRunner.withUserConfiguration(EntityPackageConfiguration.class)
			.withBean(MeterRegistry.class, () -> meters)
			.withBean(CastyAskObservationConvention.class, () -> new DefaultCastyAskObservationConvention() {

				@Override
				public String getName() {
					return "shop.cart.ask";
				}

				@Override
				public KeyValues getLowCardinalityKeyValues(CastyAskObservationContext context) {
					return super.getLowCardinalityKeyValues(context).and("region", "eu-west-1");
				}

			})
			.run((context) -> {
				@SuppressWarnings("unchecked")
				EntityRef<CounterMsg> ref = context.getBean("castyEntityRef.counter", EntityRef.class);
				// no node answers: the ask fails, and is timed under the convention's name
				assertThat(ref.ask("alice", CounterMsg.Get::new, Integer.class, Duration.ofMillis(200)))
					.failsWithin(Duration.ofSeconds(10));
				assertThat(meters.get("shop.cart.ask").tags("region", "eu-west-1", "casty.shard.type", "counter").timers())
					.hasSize(1);
				assertThat(meters.find("casty.client.ask").meters()).isEmpty();
			});
	}

	@Test
	void whenOnlyAMeterRegistryExistsThenAsksAreStillTimed() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		this.contextRunner.withUserConfiguration(EntityPackageConfiguration.class)
			.withBean(MeterRegistry.class, () -> meters)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(ObservationRegistry.class);
				@SuppressWarnings("unchecked")
				EntityRef<CounterMsg> ref = context.getBean("castyEntityRef.counter", EntityRef.class);
				assertThat(ref).isInstanceOf(ObservedEntityRef.class);
				assertThat(ref.ask("alice", CounterMsg.Get::new, Integer.class, Duration.ofMillis(200)))
					.failsWithin(Duration.ofSeconds(10));
				assertThat(meters.get("casty.client.ask").tag("casty.shard.type", "counter").timer().count())
					.isEqualTo(1);
			});
	}

	@Test
	void whenTheClientAsksAnActorRefThenTheAskIsTimedLikeEntityAsks() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		List<ActorRef<?>> started = new CopyOnWriteArrayList<>();
		this.contextRunner.withUserConfiguration(EntityPackageConfiguration.class)
			.withBean(MeterRegistry.class, () -> meters)
			// a listener of the application's own: the client gets a composite of both
			.withBean(CastyClientListener.class, () -> new CastyClientListener() {

				@Override
				public AskEnd actorAskStarted(ActorRef<?> target) {
					started.add(target);
					return AskEnd.NONE;
				}

			})
			.run((context) -> {
				assertThat(context).doesNotHaveBean(ObservationRegistry.class);
				CastyClient client = context.getBean(CastyClient.class);
				ActorRef<CounterMsg> service = ActorRef.parse("casty://casty@127.0.0.1:1/user/counter-service");
				// no node answers: the ask fails, and is timed as an ask without a shard type
				assertThat(client.ask(service, CounterMsg.Get::new, Integer.class, Duration.ofMillis(200)))
					.failsWithin(Duration.ofSeconds(10));
				assertThat(started).containsExactly(service);
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(meters.get("casty.client.ask")
						.tag("casty.shard.type", CastyAskObservationContext.NO_SHARD_TYPE)
						.timer()
						.count()).isEqualTo(1));
				assertThat(meters.find("casty.client.ask").tag("casty.shard.type", "counter").meters()).isEmpty();
			});
	}

	@Test
	void whenTheClientAsksAnActorRefThenTheObservationUsesTheConventionAndNamesTheActorForSpans() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		List<CastyAskObservationContext> stopped = new CopyOnWriteArrayList<>();
		ObservationRegistry observations = observationsInto(meters, stopped);
		this.contextRunner.withBean(MeterRegistry.class, () -> meters)
			.withBean(ObservationRegistry.class, () -> observations)
			.withBean(CastyAskObservationConvention.class, () -> new DefaultCastyAskObservationConvention() {

				@Override
				public String getName() {
					return "shop.ask";
				}

			})
			.run((context) -> {
				ActorRef<CounterMsg> service = ActorRef.parse("casty://casty@127.0.0.1:1/user/counter-service");
				assertThat(context.getBean(CastyClient.class)
					.ask(service, CounterMsg.Get::new, new ReplyType<Integer>() {
					}, Duration.ofMillis(200))).failsWithin(Duration.ofSeconds(10));
				await().atMost(Duration.ofSeconds(10)).until(() -> stopped.size() == 1);
				CastyAskObservationContext ask = stopped.get(0);
				assertThat(ask.getActor()).isEqualTo(service);
				assertThat(ask.getEntityId()).isNull();
				assertThat(ask.getOutcome()).isNotNull().isNotEqualTo(CastyClientListener.AskOutcome.SUCCESS);
				assertThat(ask.getError()).isNotNull();
				assertThat(ask.getContextualName()).isEqualTo("casty ask actor");
				assertThat(ask.getHighCardinalityKeyValue("casty.actor").getValue()).isEqualTo(service.uri());
				assertThat(meters.get("shop.ask").tag("casty.shard.type", "none").timer().count()).isEqualTo(1);
				// the actor's path is for spans only
				assertThat(meters.getMeters())
					.allSatisfy((meter) -> assertThat(meter.getId().getTag("casty.actor")).isNull());
			});
	}

	@Test
	void whenOnlyAnObservationRegistryExistsThenAsksToActorRefsAreObservedForSpans() {
		List<CastyAskObservationContext> stopped = new CopyOnWriteArrayList<>();
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(recordingStops(stopped));
		this.contextRunner.withBean(ObservationRegistry.class, () -> observations).run((context) -> {
			assertThat(context).doesNotHaveBean(MeterRegistry.class);
			assertThat(context).doesNotHaveBean(MicrometerCastyClientListener.class);
			ActorRef<CounterMsg> service = ActorRef.parse("casty://casty@127.0.0.1:1/user/counter-service");
			assertThat(context.getBean(CastyClient.class)
				.ask(service, CounterMsg.Get::new, Integer.class, Duration.ofMillis(200)))
				.failsWithin(Duration.ofSeconds(10));
			await().atMost(Duration.ofSeconds(10)).until(() -> stopped.size() == 1);
			CastyAskObservationContext ask = stopped.get(0);
			assertThat(ask.getActor()).isEqualTo(service);
			assertThat(ask.getError()).isNotNull();
			assertThat(ask.getHighCardinalityKeyValue("casty.actor").getValue()).isEqualTo(service.uri());
		});
	}

	@Test
	void whenNeitherRegistryExistsThenRefsAreNotWrapped() {
		this.contextRunner.withUserConfiguration(EntityPackageConfiguration.class)
			.run((context) -> assertThat(context.getBean("castyEntityRef.counter", EntityRef.class))
				.isNotInstanceOf(ObservedEntityRef.class));
	}

	/** A ref that records tells and answers asks with a prepared future. */
	static final class FakeRef implements EntityRef<CounterMsg> {

		final List<CounterMsg> told = new ArrayList<>();

		@Nullable CompletableFuture<?> next;

		@Nullable RuntimeException thrown;

		@Override
		public String shardType() {
			return "counter";
		}

		@Override
		public int numShards() {
			return 16;
		}

		@Override
		public void tell(String entityId, CounterMsg message) {
			this.told.add(message);
			if (this.thrown != null) {
				throw this.thrown;
			}
		}

		@Override
		@SuppressWarnings("unchecked")
		public <R> CompletableFuture<R> ask(String entityId, Function<ActorRef<R>, ? extends CounterMsg> factory,
				ReplyType<R> replyType) {
			if (this.thrown != null) {
				throw this.thrown;
			}
			return (CompletableFuture<R>) java.util.Objects.requireNonNull(this.next);
		}

		@Override
		public <R> CompletableFuture<R> ask(String entityId, Function<ActorRef<R>, ? extends CounterMsg> factory,
				ReplyType<R> replyType, Duration timeout) {
			return ask(entityId, factory, replyType);
		}

		@Override
		public long shardOf(String entityId) {
			return 0;
		}

		@Override
		public Optional<NodeAddress> ownerOf(String entityId) {
			return Optional.empty();
		}

	}

	private static TopologyView view(NodeAddress... nodes) {
		Set<Member> members = new java.util.HashSet<>();
		for (NodeAddress node : nodes) {
			members.add(new Member(node, MemberStatus.UP, Set.of(), node.toString()));
		}
		return TopologyCache.viewOf(new TopologySnapshot(members, nodes[0], Map.of(), 1, Set.of(), Set.of()), nodes[0],
				Instant.now());
	}

	/**
	 * An observation registry that times observations into {@code meters} and collects the
	 * contexts of the ask observations it stops into {@code stopped}.
	 */
	private static ObservationRegistry observationsInto(SimpleMeterRegistry meters,
			List<CastyAskObservationContext> stopped) {
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
		observations.observationConfig().observationHandler(recordingStops(stopped));
		return observations;
	}

	/**
	 * A handler that collects the contexts of the ask observations it sees stop.
	 */
	private static ObservationHandler<CastyAskObservationContext> recordingStops(
			List<CastyAskObservationContext> stopped) {
		return new ObservationHandler<>() {

			@Override
			public void onStop(CastyAskObservationContext context) {
				stopped.add(context);
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return context instanceof CastyAskObservationContext;
			}

		};
	}

	@Configuration(proxyBeanMethods = false)
	@AutoConfigurationPackage(basePackageClasses = CounterMsg.class)
	static class EntityPackageConfiguration {

	}

}
