package io.casty.spring.boot.autoconfigure;

import java.time.Duration;

import io.casty.spring.boot.autoconfigure.embedded.CastyEmbeddedAutoConfiguration;
import io.casty.spring.boot.autoconfigure.embedded.CastyEmbeddedEntity;
import io.casty.spring.boot.autoconfigure.entity.fixtures.CounterMsg;
import io.casty.spring.boot.autoconfigure.entity.invalid.BasketMsg;
import io.casty.testkit.CastyTestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Start-up checks that fail (or warn) at once instead of an ask timing out later.
 */
@ExtendWith(OutputCaptureExtension.class)
class CastyFailFastTests {

	private static final String NO_TOPOLOGY = "No topology snapshot arrived from the Casty contact points";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CastyEmbeddedAutoConfiguration.class,
				CastyClientAutoConfiguration.class));

	@Test
	void whenAnEmbeddedEntityHasAnotherShardCountThanItsCastyEntityThenStartupFailsNamingBoth() {
		this.contextRunner.withPropertyValues("casty.client.embedded.enabled=true", "casty.client.embedded.nodes=1")
			.withUserConfiguration(EntityPackageConfiguration.class)
			.withBean(CastyEmbeddedEntity.class, () -> CastyEmbeddedEntity.of("counter", 50, (id) -> (c, m) -> {
			}))
			.run((context) -> {
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).isEqualTo("The embedded entity type 'counter' has 50 shards, "
						+ "but the client routes 'counter' over 16 shards (@CastyEntity " + CounterMsg.class.getName()
						+ " or casty.client.entities.counter)");
				assertThat(analysis.getAction()).contains("CastyEmbeddedEntity bean of 'counter'", "same shard count");
			});
	}

	@Test
	void whenTheShardCountPropertyOverridesTheAnnotationThenTheEmbeddedEntityIsCheckedAgainstIt() {
		this.contextRunner
			.withPropertyValues("casty.client.embedded.enabled=true", "casty.client.embedded.nodes=1",
					"casty.client.entities.counter.shards=50")
			.withUserConfiguration(EntityPackageConfiguration.class)
			.withBean(CastyEmbeddedEntity.class, () -> CastyEmbeddedEntity.of("counter", 50, (id) -> (c, m) -> {
			}))
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void whenAnEmbeddedEntityIsHostedUnderAnotherNameThanTheDeclaredOneThenStartupFailsNamingBoth() {
		this.contextRunner.withPropertyValues("casty.client.embedded.enabled=true", "casty.client.embedded.nodes=1")
			.withUserConfiguration(EntityPackageConfiguration.class)
			.withBean(CastyEmbeddedEntity.class, () -> CastyEmbeddedEntity.of("counters", 16, (id) -> (c, m) -> {
			}))
			.run((context) -> {
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("hosts the entity type 'counters'",
						"not the type 'counter' (@CastyEntity " + CounterMsg.class.getName());
				assertThat(analysis.getAction()).contains("Name the CastyEmbeddedEntity bean's type like the declared one");
			});
	}

	@Test
	void whenAMessageTypeLacksCastyMessageWithTheEmbeddedClusterThenTheAnalyzerExplains() {
		this.contextRunner.withPropertyValues("casty.client.embedded.enabled=true", "casty.client.embedded.nodes=1")
			.withUserConfiguration(InvalidPackageConfiguration.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("BasketMsg$Line", "has no @CastyMessage");
			});
	}

	@Test
	void whenACustomizerRegistersATypeWithAnUnannotatedRecordThenTheAnalyzerNamesThePath() {
		this.contextRunner.withPropertyValues("casty.client.contact-points=127.0.0.1:1")
			.withBean(CastyClientOptionsCustomizer.class, () -> (builder) -> builder.messageTypes(BasketMsg.class))
			.run((context) -> {
				Throwable failure = context.getStartupFailure();
				assertThat(failure).isInstanceOf(BeanCreationException.class);
				FailureAnalysis analysis = analyze(failure);
				assertThat(analysis.getDescription()).contains("BasketMsg$Line", "has no @CastyMessage",
						"path: " + BasketMsg.class.getName() + " > ");
				assertThat(analysis.getAction()).contains("@CastyMessage(");
			});
	}

	@Test
	void whenACustomizerRegistersAnUnannotatedRecordThenTheAnalyzerExplains() {
		this.contextRunner.withPropertyValues("casty.client.contact-points=127.0.0.1:1")
			.withBean(CastyClientOptionsCustomizer.class, () -> (builder) -> builder.messageTypes(Plain.class))
			.run((context) -> {
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains(Plain.class.getName());
				assertThat(analysis.getAction()).contains("@CastyMessage");
			});
	}

	@Test
	void whenNoTopologyArrivesWithinTheTopologyTimeoutThenOneWarningNamesContactPointsAndSystemName(
			CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("casty.client.contact-points=127.0.0.1:1", "casty.client.system-name=shop",
					"casty.client.topology.timeout=300ms")
			.run((context) -> {
				await().atMost(Duration.ofSeconds(10)).until(() -> output.getOut().contains(NO_TOPOLOGY));
				// still none a few timeouts later: the warning is not repeated
				await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
					.until(() -> occurrences(output.getOut(), NO_TOPOLOGY) == 1);
			});
		assertThat(output.getOut()).contains("[127.0.0.1:1] within 300 ms (casty.client.topology.timeout)",
				"casty.client.contact-points", "casty.client.system-name ('shop'");
	}

	@Test
	void whenATopologyArrivesInTimeThenNoWarning(CapturedOutput output) {
		try (CastyTestCluster cluster = CastyTestCluster.builder().nodes(1).start()) {
			this.contextRunner
				.withPropertyValues("casty.client.contact-points=" + cluster.contactPoints().get(0),
						"casty.client.system-name=" + cluster.systemName(), "casty.client.topology.timeout=2s")
				.run((context) -> {
					context.getBean(io.casty.client.CastyClient.class).awaitTopology(Duration.ofSeconds(10));
					// past the timeout, no warning came
					await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
						.until(() -> !output.getOut().contains(NO_TOPOLOGY));
				});
		}
	}

	private static int occurrences(String text, String part) {
		int count = 0;
		for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
			count++;
		}
		return count;
	}

	private static FailureAnalysis analyze(Throwable failure) {
		FailureAnalysis analysis = new CastyConfigurationFailureAnalyzer().analyze(failure);
		assertThat(analysis).as("failure analysis of %s", failure).isNotNull();
		return analysis;
	}

	/** A record a user forgot to annotate. */
	record Plain(String name) {
	}

	@Configuration(proxyBeanMethods = false)
	@AutoConfigurationPackage(basePackageClasses = CounterMsg.class)
	static class EntityPackageConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	@AutoConfigurationPackage(basePackageClasses = BasketMsg.class)
	static class InvalidPackageConfiguration {

	}

}
