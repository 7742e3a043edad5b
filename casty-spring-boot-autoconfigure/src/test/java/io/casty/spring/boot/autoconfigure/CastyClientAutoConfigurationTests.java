package io.casty.spring.boot.autoconfigure;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.casty.client.BufferOptions;
import io.casty.client.CastyClient;
import io.casty.client.CastyClientListener;
import io.casty.client.CastyClientOptions;
import io.casty.client.CodecOptions;
import io.casty.client.EntityRef;
import io.casty.client.ListenOptions;
import io.casty.client.NodeAddress;
import io.casty.client.ReconnectOptions;
import io.casty.client.ServiceLookup;
import io.casty.client.ShardLocationOptions;
import io.casty.client.SocketOptions;
import io.casty.client.StuckNodeOptions;
import io.casty.client.TopologyOptions;
import io.casty.client.protocol.codec.Compression;
import io.casty.client.protocol.codec.PayloadFormat;
import io.casty.client.topology.TopologyCache;
import io.casty.spring.boot.autoconfigure.embedded.CastyEmbeddedAutoConfiguration;
import io.casty.spring.boot.autoconfigure.embedded.CastyEmbeddedEntity;
import io.casty.spring.boot.autoconfigure.entity.CastyEntities;
import io.casty.spring.boot.autoconfigure.entity.fixtures.CounterMsg;
import io.casty.spring.boot.autoconfigure.entity.fixtures.GreeterMsg;
import io.casty.spring.boot.autoconfigure.entity.fixtures.unscanned.ProfileMsg;
import io.casty.testkit.CastyTestCluster;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CastyClientAutoConfiguration}.
 */
class CastyClientAutoConfigurationTests {

	private static final String UNREACHABLE = "casty.client.contact-points=127.0.0.1:1";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CastyEmbeddedAutoConfiguration.class,
				CastyClientAutoConfiguration.class));

	@Test
	void whenOnlyContactPointsAreSetThenOptionsCarryTheCoreDefaults() {
		this.contextRunner.withPropertyValues(UNREACHABLE).run((context) -> {
			assertThat(context).hasSingleBean(CastyClient.class)
				.hasSingleBean(CastyClientLifecycle.class)
				.hasSingleBean(TopologyCache.class)
				.hasSingleBean(ServiceLookup.class)
				.hasSingleBean(PropertiesCastyConnectionDetails.class);
			CastyClientOptions options = context.getBean(CastyClientOptions.class);
			assertThat(options.contactPoints()).containsExactly(new NodeAddress("127.0.0.1", 1));
			assertThat(options.systemName()).isEqualTo(CastyClientOptions.DEFAULT_SYSTEM_NAME);
			assertThat(options.listen().host()).isEqualTo(ListenOptions.DEFAULT_HOST);
			assertThat(options.listen().port()).isEqualTo(ListenOptions.DEFAULT_PORT);
			assertThat(options.listen().enabled()).isTrue();
			assertThat(options.codec().format()).isEqualTo(PayloadFormat.JSON);
			assertThat(options.codec().compression()).isEqualTo(Compression.NONE);
			assertThat(options.codec().compressionLevel()).isEqualTo(Compression.DEFAULT_LEVEL);
			assertThat(options.askTimeout()).isEqualTo(CastyClientOptions.DEFAULT_ASK_TIMEOUT);
			assertThat(options.socket().connectTimeout()).isEqualTo(SocketOptions.DEFAULT_CONNECT_TIMEOUT);
			assertThat(options.socket().handshakeTimeout()).isEqualTo(SocketOptions.DEFAULT_HANDSHAKE_TIMEOUT);
			assertThat(options.reconnect().minBackoff()).isEqualTo(ReconnectOptions.DEFAULT_MIN_BACKOFF);
			assertThat(options.reconnect().maxBackoff()).isEqualTo(ReconnectOptions.DEFAULT_MAX_BACKOFF);
			assertThat(options.reconnect().jitter()).isEqualTo(ReconnectOptions.DEFAULT_JITTER);
			assertThat(options.topology().pollInterval()).isEqualTo(TopologyOptions.DEFAULT_POLL_INTERVAL);
			assertThat(options.topology().timeout()).isEqualTo(TopologyOptions.DEFAULT_TIMEOUT);
			assertThat(options.shardLocation().timeout()).isEqualTo(ShardLocationOptions.DEFAULT_TIMEOUT);
			assertThat(options.buffer().maxPerShard()).isEqualTo(BufferOptions.DEFAULT_MAX_PER_SHARD);
			assertThat(options.buffer().maxPerType()).isEqualTo(BufferOptions.DEFAULT_MAX_PER_TYPE);
			assertThat(options.buffer().timeout()).isEqualTo(BufferOptions.DEFAULT_TIMEOUT);
			assertThat(options.maxPendingAsks()).isEqualTo(CastyClientOptions.DEFAULT_MAX_PENDING_ASKS);
			assertThat(options.socket().maxPendingWriteBytes()).isEqualTo(SocketOptions.DEFAULT_MAX_PENDING_WRITE_BYTES);
			assertThat(options.codec().maxFrameSize()).isEqualTo(CodecOptions.DEFAULT_MAX_FRAME_SIZE);
			assertThat(options.socket().ioThreads()).isEqualTo(SocketOptions.DEFAULT_IO_THREADS);
			assertThat(options.socket().connectionsPerNode()).isEqualTo(SocketOptions.DEFAULT_CONNECTIONS_PER_NODE);
			assertThat(options.tls().sslContext()).isNull();
			assertThat(options.listener()).isSameAs(CastyClientListener.NONE);
		});
	}

	@Test
	void whenConnectionPropertiesAreSetThenOptionsCarryThem() {
		this.contextRunner
			.withPropertyValues("casty.client.contact-points=10.0.0.5:25520, node-b:25521",
					"casty.client.system-name=shop", "casty.client.client-host=0.0.0.0",
					"casty.client.client-port=25600", "casty.client.advertised-host=app.example.com",
					"casty.client.advertised-port=30600", "casty.client.listen=false")
			.run((context) -> {
				CastyClientOptions options = context.getBean(CastyClientOptions.class);
				assertThat(options.contactPoints()).containsExactly(new NodeAddress("10.0.0.5", 25520),
						new NodeAddress("node-b", 25521));
				assertThat(options.systemName()).isEqualTo("shop");
				assertThat(options.listen().host()).isEqualTo("0.0.0.0");
				assertThat(options.listen().port()).isEqualTo(25600);
				assertThat(options.listen().advertisedHost()).isEqualTo("app.example.com");
				assertThat(options.listen().advertisedPort()).isEqualTo(30600);
				assertThat(options.listen().enabled()).isFalse();
			});
	}

	@Test
	void whenCodecPropertiesAreSetThenOptionsCarryThem() {
		this.contextRunner
			.withPropertyValues(UNREACHABLE, "casty.client.serializer=msgpack", "casty.client.compression=gzip",
					"casty.client.compression-level=9", "casty.client.max-frame-size=2MB")
			.run((context) -> {
				CastyClientOptions options = context.getBean(CastyClientOptions.class);
				assertThat(options.codec().format()).isEqualTo(PayloadFormat.MSGPACK);
				assertThat(options.codec().compression()).isEqualTo(Compression.GZIP);
				assertThat(options.codec().compressionLevel()).isEqualTo(9);
				assertThat(options.codec().maxFrameSize()).isEqualTo(2 * 1024 * 1024);
			});
	}

	@Test
	void whenConnectionGuardPropertiesAreSetThenOptionsCarryThem() {
		this.contextRunner
			.withPropertyValues(UNREACHABLE, "casty.client.frame-timeout=3s", "casty.client.max-accepted-connections=8",
					"casty.client.stuck-node.ask-timeouts=5", "casty.client.stuck-node.write-timeout=4s")
			.run((context) -> {
				CastyClientOptions options = context.getBean(CastyClientOptions.class);
				assertThat(options.codec().frameTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(options.listen().maxAcceptedConnections()).isEqualTo(8);
				assertThat(options.stuckNode().askTimeouts()).isEqualTo(5);
				assertThat(options.stuckNode().writeTimeout()).isEqualTo(Duration.ofSeconds(4));
			});
	}

	@Test
	void whenTimeoutAndLimitPropertiesAreSetThenOptionsCarryThem() {
		this.contextRunner
			.withPropertyValues(UNREACHABLE, "casty.client.ask-timeout=7s", "casty.client.connect-timeout=300ms",
					"casty.client.handshake-timeout=400ms", "casty.client.reconnect.min-backoff=50ms",
					"casty.client.reconnect.max-backoff=1m", "casty.client.reconnect.jitter=0.1",
					"casty.client.topology.poll-interval=500ms", "casty.client.topology.timeout=3s",
					"casty.client.shard-location.timeout=250ms", "casty.client.buffer.max-per-shard=10",
					"casty.client.buffer.max-per-type=20", "casty.client.buffer.max-bytes-per-type=1MB",
					"casty.client.buffer.timeout=4s",
					"casty.client.max-pending-asks=30", "casty.client.max-pending-write-bytes=4096",
					"casty.client.io-threads=1", "casty.client.connections-per-node=3", "casty.client.allocator=adaptive")
			.run((context) -> {
				CastyClientOptions options = context.getBean(CastyClientOptions.class);
				assertThat(options.askTimeout()).isEqualTo(Duration.ofSeconds(7));
				assertThat(options.socket().connectTimeout()).isEqualTo(Duration.ofMillis(300));
				assertThat(options.socket().handshakeTimeout()).isEqualTo(Duration.ofMillis(400));
				assertThat(options.reconnect().minBackoff()).isEqualTo(Duration.ofMillis(50));
				assertThat(options.reconnect().maxBackoff()).isEqualTo(Duration.ofMinutes(1));
				assertThat(options.reconnect().jitter()).isEqualTo(0.1);
				assertThat(options.topology().pollInterval()).isEqualTo(Duration.ofMillis(500));
				assertThat(options.topology().timeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(options.shardLocation().timeout()).isEqualTo(Duration.ofMillis(250));
				assertThat(options.buffer().maxPerShard()).isEqualTo(10);
				assertThat(options.buffer().maxPerType()).isEqualTo(20);
				assertThat(options.buffer().maxBytesPerType()).isEqualTo(1024 * 1024);
				assertThat(options.buffer().timeout()).isEqualTo(Duration.ofSeconds(4));
				assertThat(options.maxPendingAsks()).isEqualTo(30);
				assertThat(options.socket().maxPendingWriteBytes()).isEqualTo(4096);
				assertThat(options.socket().ioThreads()).isEqualTo(1);
				assertThat(options.socket().connectionsPerNode()).isEqualTo(3);
				assertThat(options.socket().allocator()).isEqualTo(io.casty.client.SocketOptions.Allocator.ADAPTIVE);
			});
	}

	@Test
	void whenShardLocationPropertiesAreSetThenOptionsCarryThem() {
		this.contextRunner
			.withPropertyValues(UNREACHABLE, "casty.client.shard-location.timeout=300ms",
					"casty.client.shard-location.retry-min-backoff=20ms",
					"casty.client.shard-location.retry-max-backoff=2s", "casty.client.shard-location.retry-jitter=0.25")
			.run((context) -> {
				ShardLocationOptions shardLocation = context.getBean(CastyClientOptions.class).shardLocation();
				assertThat(shardLocation.timeout()).isEqualTo(Duration.ofMillis(300));
				assertThat(shardLocation.retryMinBackoff()).isEqualTo(Duration.ofMillis(20));
				assertThat(shardLocation.retryMaxBackoff()).isEqualTo(Duration.ofSeconds(2));
				assertThat(shardLocation.retryJitter()).isEqualTo(0.25);
			});
	}

	@Test
	void whenShardLocationPropertyIsInvalidThenStartupFailureNamesTheProperty() {
		this.contextRunner.withPropertyValues(UNREACHABLE, "casty.client.shard-location.retry-min-backoff=0ms")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription())
					.isEqualTo("casty.client.shard-location.retry-min-backoff must be positive, was 0s");
				assertThat(analysis.getAction()).contains("casty.client.shard-location.retry-min-backoff");
			});
		this.contextRunner.withPropertyValues(UNREACHABLE, "casty.client.shard-location.retry-jitter=1.5")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(analyze(context.getStartupFailure()).getDescription())
					.isEqualTo("casty.client.shard-location.retry-jitter must be between 0 and 1, was 1.5");
			});
	}

	@Test
	void whenIoThreadsIsZeroOrUnsetThenTheCoreDefaultApplies() {
		this.contextRunner.withPropertyValues(UNREACHABLE)
			.run((context) -> assertThat(context.getBean(CastyClientOptions.class).socket().ioThreads())
				.isEqualTo(SocketOptions.DEFAULT_IO_THREADS));
		this.contextRunner.withPropertyValues(UNREACHABLE, "casty.client.io-threads=0")
			.run((context) -> assertThat(context.getBean(CastyClientOptions.class).socket().ioThreads())
				.isEqualTo(SocketOptions.DEFAULT_IO_THREADS));
		this.contextRunner.withPropertyValues(UNREACHABLE, "casty.client.io-threads=-1").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(analyze(context.getStartupFailure()).getDescription())
				.isEqualTo("casty.client.io-threads must be 0 (one per processor, at most 4) or more, was -1");
		});
	}

	@Test
	void whenUserDefinesConnectionDetailsThenPropertiesBackOff() {
		this.contextRunner.withPropertyValues(UNREACHABLE)
			.withBean(CastyConnectionDetails.class, () -> new CastyConnectionDetails() {

				@Override
				public List<NodeAddress> getContactPoints() {
					return List.of(new NodeAddress("127.0.0.1", 2));
				}

				@Override
				public String getSystemName() {
					return "from-details";
				}

			})
			.run((context) -> {
				assertThat(context).doesNotHaveBean(PropertiesCastyConnectionDetails.class);
				CastyClientOptions options = context.getBean(CastyClientOptions.class);
				assertThat(options.contactPoints()).containsExactly(new NodeAddress("127.0.0.1", 2));
				assertThat(options.systemName()).isEqualTo("from-details");
			});
	}

	@Test
	void whenUserDefinesOptionsThenTheyAreUsed() {
		CastyClientOptions mine = CastyClientOptions.builder().contactPoints("127.0.0.1:3").systemName("mine").build();
		this.contextRunner.withBean(CastyClientOptions.class, () -> mine).run((context) -> {
			assertThat(context.getBean(CastyClientOptions.class)).isSameAs(mine);
			assertThat(context.getBean(CastyClient.class).options()).isSameAs(mine);
		});
	}

	@Test
	void whenUserDefinesClientThenItIsUsedAndStartedWithTheContext() {
		CastyClient mine = CastyClient.create(CastyClientOptions.builder().contactPoints("127.0.0.1:4").build());
		this.contextRunner.withPropertyValues(UNREACHABLE).withBean(CastyClient.class, () -> mine).run((context) -> {
			assertThat(context.getBean(CastyClient.class)).isSameAs(mine);
			assertThat(context.getBean(TopologyCache.class)).isSameAs(mine.topology());
			assertThat(mine.isRunning()).isTrue();
		});
		assertThat(mine.isRunning()).isFalse();
	}

	@Test
	void whenContextStartsAndClosesThenClientStartsAndCloses() {
		AtomicReference<CastyClient> client = new AtomicReference<>();
		this.contextRunner.withPropertyValues(UNREACHABLE).run((context) -> {
			client.set(context.getBean(CastyClient.class));
			assertThat(client.get().isRunning()).isTrue();
			assertThat(context.getBean(CastyClientLifecycle.class).getPhase())
				.isLessThan(org.springframework.context.SmartLifecycle.DEFAULT_PHASE - 2048);
		});
		assertThat(client.get().isRunning()).isFalse();
	}

	@Test
	void whenCustomizersAndListenersExistThenTheyAreAppliedInOrder() {
		List<String> calls = new ArrayList<>();
		CastyClientListener listener = new CastyClientListener() {
		};
		this.contextRunner.withPropertyValues(UNREACHABLE, "casty.client.ask-timeout=1s")
			.withUserConfiguration(CustomizerConfiguration.class)
			.withBean("calls", List.class, () -> calls)
			.withBean(CastyClientListener.class, () -> listener)
			.run((context) -> {
				CastyClientOptions options = context.getBean(CastyClientOptions.class);
				assertThat(calls).containsExactly("first", "second");
				assertThat(options.askTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(options.listener()).isSameAs(listener);
			});
	}

	@Test
	void whenNoContactPointsThenStartupFailureExplainsWhatToSet() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).isEqualTo("No Casty contact points are configured");
			assertThat(analysis.getAction()).contains("Set casty.client.contact-points to host:port of at least one "
					+ "Casty node, e.g. casty.client.contact-points=127.0.0.1:25520");
		});
	}

	@Test
	void whenContactPointIsMalformedThenStartupFailureNamesIt() {
		this.contextRunner.withPropertyValues("casty.client.contact-points=127.0.0.1:25520,node-b").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("'node-b'").contains("is not host:port");
			assertThat(analysis.getAction()).contains("host:port").contains("casty.client.contact-points=");
		});
	}

	@Test
	void whenOptionValueIsInvalidThenStartupFailureNamesIt() {
		this.contextRunner.withPropertyValues(UNREACHABLE, "casty.client.compression-level=12").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).isEqualTo("casty.client.compression-level must be 0-9, was 12");
			assertThat(analysis.getAction()).contains("casty.client.compression-level");
		});
	}

	@Test
	void whenDurationPropertyIsInvalidThenStartupFailureNamesThePropertyAndTheValueAsWritten() {
		this.contextRunner.withPropertyValues(UNREACHABLE, "casty.client.ask-timeout=-1s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(analyze(context.getStartupFailure()).getDescription())
				.isEqualTo("casty.client.ask-timeout must be positive, was -1s");
		});
		this.contextRunner.withPropertyValues(UNREACHABLE, "casty.client.reconnect.max-backoff=0ms").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(analyze(context.getStartupFailure()).getDescription())
				.isEqualTo("casty.client.reconnect.max-backoff must be positive, was 0s");
		});
	}

	@Test
	void whenCustomizerSetsAnInvalidValueThenStartupFailureNamesTheOptionAndTheCustomizer() {
		this.contextRunner.withPropertyValues(UNREACHABLE)
			.withBean(CastyClientOptionsCustomizer.class,
					() -> (builder) -> builder.socket((socket) -> socket.ioThreads(0)))
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("socket.ioThreads must be at least 1, was 0");
				assertThat(analysis.getAction()).contains("CastyClientOptionsCustomizer");
			});
	}

	@Test
	void whenFailureAnalyzersAreLoadedThenCastysIsRegistered() {
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
			.load(FailureAnalyzer.class, null, SpringFactoriesLoader.FailureHandler.handleMessage((message, ex) -> {
			// Boot's own analyzers need constructor arguments this plain lookup does not give
		}));
		assertThat(analyzers).hasAtLeastOneElementOfType(CastyConfigurationFailureAnalyzer.class);
	}

	@Test
	void whenCastyEntityTypesAreInTheApplicationPackagesThenEntityRefBeansAreInjectableByType() {
		this.contextRunner.withPropertyValues(UNREACHABLE)
			.withUserConfiguration(EntityPackageConfiguration.class, TwoRefsConsumerConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				TwoRefsConsumer consumer = context.getBean(TwoRefsConsumer.class);
				assertThat(consumer.counters.shardType()).isEqualTo("counter");
				assertThat(consumer.counters.numShards()).isEqualTo(16);
				assertThat(consumer.greeters.shardType()).isEqualTo("greeter");
				assertThat(consumer.greeters.numShards()).isEqualTo(8);
				assertThat(context.getBeanNamesForType(
						ResolvableType.forClassWithGenerics(EntityRef.class, CounterMsg.class)))
					.containsExactly("castyEntityRef.counter");
				assertThat(context.getBean(CastyClientOptions.class).messageTypes()).contains(CounterMsg.class,
						GreeterMsg.class);
				assertThat(consumer.counters.shardOf("alice")).isBetween(0L, 15L);
			});
	}

	@Test
	void whenEntitiesAreDeclaredByPropertiesThenEntityRefBeansExistAndOverrideShards() {
		this.contextRunner
			.withPropertyValues(UNREACHABLE, "casty.client.entities.profile.shards=32",
					"casty.client.entities.profile.message-type=" + ProfileMsg.class.getName(),
					"casty.client.entities.counter.shards=64")
			.withUserConfiguration(EntityPackageConfiguration.class)
			.run((context) -> {
				EntityRef<ProfileMsg> profiles = context.<EntityRef<ProfileMsg>>getBeanProvider(
						ResolvableType.forClassWithGenerics(EntityRef.class, ProfileMsg.class)).getObject();
				assertThat(profiles.shardType()).isEqualTo("profile");
				assertThat(profiles.numShards()).isEqualTo(32);
				EntityRef<CounterMsg> counters = context.<EntityRef<CounterMsg>>getBeanProvider(
						ResolvableType.forClassWithGenerics(EntityRef.class, CounterMsg.class)).getObject();
				assertThat(counters.numShards()).isEqualTo(64);
				assertThat(context.getBean(CastyEntities.class).definitions()).hasSize(3);
			});
	}

	@Test
	void whenEntityPropertyNamesAnUnknownClassThenStartupFailureExplains() {
		this.contextRunner
			.withPropertyValues(UNREACHABLE, "casty.client.entities.orders.shards=4",
					"casty.client.entities.orders.message-type=com.example.Missing")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("com.example.Missing");
				assertThat(analysis.getAction()).contains("casty.client.entities.orders.message-type");
			});
	}

	@Test
	void whenClusterIsReachableThenInjectedEntityRefAsksWork() {
		try (CastyTestCluster cluster = CastyTestCluster.builder()
			.nodes(2)
			.messageTypes(CounterMsg.class)
			.shardedType("counter", 16, (id) -> counterBehavior())
			.start()) {
			String contacts = String.join(",", cluster.contactPoints().stream().map(NodeAddress::toString).toList());
			this.contextRunner
				.withPropertyValues("casty.client.contact-points=" + contacts,
						"casty.client.system-name=" + cluster.systemName())
				.withUserConfiguration(EntityPackageConfiguration.class, TwoRefsConsumerConfiguration.class)
				.run((context) -> {
					EntityRef<CounterMsg> counters = context.getBean(TwoRefsConsumer.class).counters;
					counters.tell("alice", new CounterMsg.Add(5));
					counters.tell("alice", new CounterMsg.Add(2));
					Integer total = counters.ask("alice", CounterMsg.Get::new, Integer.class).get();
					assertThat(total).isEqualTo(7);
				});
		}
	}

	@Test
	void whenEmbeddedClusterIsEnabledThenClientConnectsToIt() {
		this.contextRunner
			.withPropertyValues("casty.client.embedded.enabled=true", "casty.client.embedded.nodes=2",
					"casty.client.system-name=dev")
			.withUserConfiguration(EntityPackageConfiguration.class, TwoRefsConsumerConfiguration.class)
			.withBean(CastyEmbeddedEntity.class, () -> CastyEmbeddedEntity.of("counter", 16, (id) -> counterBehavior()))
			.run((context) -> {
				CastyTestCluster cluster = context.getBean(CastyTestCluster.class);
				assertThat(cluster.nodes()).hasSize(2);
				assertThat(cluster.systemName()).isEqualTo("dev");
				assertThat(context.getBean(CastyClientOptions.class).contactPoints())
					.containsExactlyElementsOf(cluster.contactPoints());
				EntityRef<CounterMsg> counters = context.getBean(TwoRefsConsumer.class).counters;
				counters.tell("bob", new CounterMsg.Add(3));
				assertThat(counters.ask("bob", CounterMsg.Get::new, Integer.class).get()).isEqualTo(3);
			});
	}

	@Test
	void whenEmbeddedIsNotEnabledThenNoClusterStarts() {
		this.contextRunner.withPropertyValues(UNREACHABLE)
			.run((context) -> assertThat(context).doesNotHaveBean(CastyTestCluster.class));
	}

	@Test
	void whenTestkitIsMissingThenEmbeddedClusterBacksOff() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(CastyTestCluster.class))
			.withPropertyValues(UNREACHABLE, "casty.client.embedded.enabled=true")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean("castyEmbeddedCluster");
				assertThat(context).hasSingleBean(PropertiesCastyConnectionDetails.class);
			});
	}

	@Test
	void whenMetadataIsGeneratedThenDefaultsMatchTheCoreConstants() throws Exception {
		Map<String, JsonNode> defaults = new HashMap<>();
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			JsonNode metadata = new ObjectMapper().readTree(in);
			for (JsonNode property : metadata.get("properties")) {
				if (property.has("defaultValue")) {
					defaults.put(property.get("name").asString(), property.get("defaultValue"));
				}
			}
		}
		assertThat(defaults.get("casty.client.system-name").asString()).isEqualTo(CastyClientOptions.DEFAULT_SYSTEM_NAME);
		assertThat(defaults.get("casty.client.client-host").asString()).isEqualTo(ListenOptions.DEFAULT_HOST);
		assertThat(defaults.get("casty.client.client-port").asInt()).isEqualTo(ListenOptions.DEFAULT_PORT);
		assertThat(defaults.get("casty.client.compression-level").asInt()).isEqualTo(Compression.DEFAULT_LEVEL);
		assertDuration(defaults, "ask-timeout", CastyClientOptions.DEFAULT_ASK_TIMEOUT);
		assertDuration(defaults, "connect-timeout", SocketOptions.DEFAULT_CONNECT_TIMEOUT);
		assertDuration(defaults, "handshake-timeout", SocketOptions.DEFAULT_HANDSHAKE_TIMEOUT);
		assertDuration(defaults, "shard-location.timeout", ShardLocationOptions.DEFAULT_TIMEOUT);
		assertDuration(defaults, "shard-location.retry-min-backoff", ShardLocationOptions.DEFAULT_RETRY_MIN_BACKOFF);
		assertDuration(defaults, "shard-location.retry-max-backoff", ShardLocationOptions.DEFAULT_RETRY_MAX_BACKOFF);
		assertThat(defaults.get("casty.client.shard-location.retry-jitter").asDouble())
			.isEqualTo(ShardLocationOptions.DEFAULT_RETRY_JITTER);
		assertDuration(defaults, "reconnect.min-backoff", ReconnectOptions.DEFAULT_MIN_BACKOFF);
		assertDuration(defaults, "reconnect.max-backoff", ReconnectOptions.DEFAULT_MAX_BACKOFF);
		assertDuration(defaults, "topology.poll-interval", TopologyOptions.DEFAULT_POLL_INTERVAL);
		assertDuration(defaults, "topology.timeout", TopologyOptions.DEFAULT_TIMEOUT);
		assertDuration(defaults, "buffer.timeout", BufferOptions.DEFAULT_TIMEOUT);
		assertThat(defaults.get("casty.client.reconnect.jitter").asDouble())
			.isEqualTo(ReconnectOptions.DEFAULT_JITTER);
		assertThat(defaults.get("casty.client.buffer.max-per-shard").asInt())
			.isEqualTo(BufferOptions.DEFAULT_MAX_PER_SHARD);
		assertThat(defaults.get("casty.client.buffer.max-per-type").asInt())
			.isEqualTo(BufferOptions.DEFAULT_MAX_PER_TYPE);
		assertThat(DataSize.parse(defaults.get("casty.client.buffer.max-bytes-per-type").asString()).toBytes())
			.isEqualTo(BufferOptions.DEFAULT_MAX_BYTES_PER_TYPE);
		assertThat(defaults.get("casty.client.max-pending-asks").asInt())
			.isEqualTo(CastyClientOptions.DEFAULT_MAX_PENDING_ASKS);
		assertThat(defaults.get("casty.client.max-pending-write-bytes").asInt())
			.isEqualTo(SocketOptions.DEFAULT_MAX_PENDING_WRITE_BYTES);
		assertThat(DataSize.parse(defaults.get("casty.client.max-frame-size").asString()).toBytes())
			.isEqualTo(CodecOptions.DEFAULT_MAX_FRAME_SIZE);
		assertDuration(defaults, "frame-timeout", CodecOptions.DEFAULT_FRAME_TIMEOUT);
		assertDuration(defaults, "stuck-node.write-timeout", StuckNodeOptions.DEFAULT_WRITE_TIMEOUT);
		assertThat(defaults.get("casty.client.max-accepted-connections").asInt())
			.isEqualTo(ListenOptions.DEFAULT_MAX_ACCEPTED_CONNECTIONS);
		assertThat(defaults.get("casty.client.stuck-node.ask-timeouts").asInt())
			.isEqualTo(StuckNodeOptions.DEFAULT_ASK_TIMEOUTS);
	}

	private static void assertDuration(Map<String, JsonNode> defaults, String name, Duration expected) {
		assertThat(DurationStyle.detectAndParse(defaults.get("casty.client." + name).asString())).as(name)
			.isEqualTo(expected);
	}

	private static FailureAnalysis analyze(Throwable failure) {
		FailureAnalysis analysis = new CastyConfigurationFailureAnalyzer().analyze(failure);
		assertThat(analysis).as("failure analysis of %s", failure).isNotNull();
		return analysis;
	}

	static io.casty.testkit.EntityBehavior counterBehavior() {
		int[] total = { 0 };
		return (context, message) -> {
			if (message instanceof CounterMsg.Add add) {
				total[0] += add.amount();
			}
			else if (message instanceof CounterMsg.Get get) {
				context.tell(get.replyTo(), total[0]);
			}
		};
	}

	@Configuration(proxyBeanMethods = false)
	@AutoConfigurationPackage(basePackageClasses = CounterMsg.class)
	static class EntityPackageConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoRefsConsumerConfiguration {

		@Bean
		TwoRefsConsumer twoRefsConsumer(EntityRef<CounterMsg> counters, EntityRef<GreeterMsg> greeters) {
			return new TwoRefsConsumer(counters, greeters);
		}

	}

	record TwoRefsConsumer(EntityRef<CounterMsg> counters, EntityRef<GreeterMsg> greeters) {
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		@Bean
		@Order(Ordered.LOWEST_PRECEDENCE)
		CastyClientOptionsCustomizer second(List<String> calls) {
			return (builder) -> {
				calls.add("second");
				builder.askTimeout(Duration.ofSeconds(3));
			};
		}

		@Bean
		@Order(Ordered.HIGHEST_PRECEDENCE)
		CastyClientOptionsCustomizer first(List<String> calls) {
			return (builder) -> {
				calls.add("first");
				builder.askTimeout(Duration.ofSeconds(2));
			};
		}

	}

}
