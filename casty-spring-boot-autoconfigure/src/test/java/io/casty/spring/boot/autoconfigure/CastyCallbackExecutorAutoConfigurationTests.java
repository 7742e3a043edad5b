package io.casty.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.casty.client.CastyClient;
import io.casty.client.CastyClientOptions;
import io.casty.client.EntityRef;
import io.casty.client.NodeAddress;
import io.casty.spring.boot.autoconfigure.embedded.CastyEmbeddedAutoConfiguration;
import io.casty.spring.boot.autoconfigure.entity.fixtures.CounterMsg;
import io.casty.testkit.CastyTestCluster;
import io.casty.testkit.EntityBehavior;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the futures of asks complete in a Spring application ({@code casty.client.callback-executor}).
 */
class CastyCallbackExecutorAutoConfigurationTests {

	/** The node holds each Get until the test has chained its callback, so the callback runs at completion. */
	private static volatile CountDownLatch release = new CountDownLatch(0);

	private static CastyTestCluster cluster;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CastyEmbeddedAutoConfiguration.class,
				CastyClientAutoConfiguration.class))
		.withPropertyValues("casty.client.contact-points=" + String.join(",",
				cluster.contactPoints().stream().map(NodeAddress::toString).toList()),
				"casty.client.system-name=" + cluster.systemName())
		.withBean(CastyClientOptionsCustomizer.class, () -> (builder) -> builder.messageTypes(CounterMsg.class));

	@BeforeAll
	static void startCluster() {
		EntityBehavior holding = (context, message) -> {
			if (message instanceof CounterMsg.Get get) {
				try {
					release.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				context.tell(get.replyTo(), 1);
			}
		};
		cluster = CastyTestCluster.builder()
			.nodes(1)
			.messageTypes(CounterMsg.class)
			.shardedType("counter", 16, (id) -> holding)
			.start();
	}

	@AfterAll
	static void stopCluster() {
		cluster.close();
	}

	@Test
	void whenNothingIsSetThenAskCallbacksRunOnTheCallbackPoolNotOnAnIoThread() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBean(CastyCallbackExecutor.class)).hasToString(
					"CastyCallbackExecutor[pool of " + Math.max(2, Runtime.getRuntime().availableProcessors()) + "]");
			assertThat(callbackThread(context.getBean(CastyClient.class))).startsWith("casty-callback-")
				.doesNotStartWith("casty-client-nio");
		});
	}

	@Test
	void whenIoThreadIsChosenThenAskCallbacksRunOnTheClientsIoThreads() {
		this.contextRunner.withPropertyValues("casty.client.callback-executor=io-thread").run((context) -> {
			assertThat(context.getBean(CastyClientOptions.class).callbackExecutor())
				.isSameAs(CastyClientOptions.DEFAULT_CALLBACK_EXECUTOR);
			assertThat(callbackThread(context.getBean(CastyClient.class))).startsWith("casty-client-nio");
		});
	}

	@Test
	void whenPoolSizeIsSetThenThePoolHasThatManyThreads() {
		this.contextRunner
			.withPropertyValues("casty.client.callback-executor=pool", "casty.client.callback-pool-size=3")
			.run((context) -> {
				assertThat(context.getBean(CastyCallbackExecutor.class)).hasToString("CastyCallbackExecutor[pool of 3]");
				assertThat(callbackThread(context.getBean(CastyClient.class))).startsWith("casty-callback-");
			});
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void whenVirtualThreadsAreEnabledThenAskCallbacksRunOnVirtualThreads() {
		this.contextRunner.withPropertyValues("spring.threads.virtual.enabled=true").run((context) -> {
			assertThat(context.getBean(CastyCallbackExecutor.class)).hasToString("CastyCallbackExecutor[virtual threads]");
			CompletableFuture<Boolean> virtual = heldAsk(context.getBean(CastyClient.class),
					() -> (Boolean) Thread.class.getMethod("isVirtual").invoke(Thread.currentThread()));
			assertThat(virtual).succeedsWithin(Duration.ofSeconds(20)).isEqualTo(true);
		});
	}

	@Test
	@EnabledForJreRange(max = JRE.JAVA_20)
	void whenVirtualThreadsAreEnabledOnAJvmWithoutThemThenThePoolIsUsedAndAskingForThemFails() {
		this.contextRunner.withPropertyValues("spring.threads.virtual.enabled=true").run((context) -> {
			assertThat(context.getBean(CastyCallbackExecutor.class).toString()).contains("pool of");
			assertThat(callbackThread(context.getBean(CastyClient.class))).startsWith("casty-callback-");
		});
		this.contextRunner.withPropertyValues("casty.client.callback-executor=virtual").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().isInstanceOf(UnsupportedOperationException.class);
			assertThat(context.getStartupFailure()).hasStackTraceContaining(
					"casty.client.callback-executor is virtual, but this JVM has no virtual threads");
		});
	}

	@Test
	void whenTheContextClosesThenThePoolIsShutDown() {
		CastyCallbackExecutor[] executor = new CastyCallbackExecutor[1];
		this.contextRunner.run((context) -> executor[0] = context.getBean(CastyCallbackExecutor.class));
		assertThat(((java.util.concurrent.ExecutorService) executor[0].executor()).isShutdown()).isTrue();
	}

	private static String callbackThread(CastyClient client) throws Exception {
		return heldAsk(client, () -> Thread.currentThread().getName()).get(20, TimeUnit.SECONDS);
	}

	/** Asks a held counter, chains {@code callback} before the reply is released, and returns what it saw. */
	private static <T> CompletableFuture<T> heldAsk(CastyClient client, java.util.concurrent.Callable<T> callback) {
		client.awaitTopology(Duration.ofSeconds(20));
		CountDownLatch latch = new CountDownLatch(1);
		release = latch;
		EntityRef<CounterMsg> counters = client.entityRef("counter", 16, CounterMsg.class);
		CompletableFuture<T> seen = counters.ask("held", CounterMsg.Get::new, Integer.class).thenApply((reply) -> {
			try {
				return callback.call();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		latch.countDown();
		return seen;
	}

}
