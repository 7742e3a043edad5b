package io.casty.spring.boot.autoconfigure.entity;

import java.util.List;

import io.casty.client.protocol.messages.ProtocolMessages;
import io.casty.client.protocol.messages.TopologySnapshot;
import io.casty.spring.boot.autoconfigure.CastyClientAutoConfiguration;
import io.casty.spring.boot.autoconfigure.CastyConfigurationFailureAnalyzer;
import io.casty.spring.boot.autoconfigure.InvalidCastyConfigurationException;
import io.casty.spring.boot.autoconfigure.entity.fixtures.CounterMsg;
import io.casty.spring.boot.autoconfigure.entity.invalid.BasketMsg;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link CastyMessageTypeGraph} and the start-up check built on it.
 */
class CastyMessageTypeGraphTests {

	@Test
	void whenTheGraphIsWalkedThenPermittedSubtypesAndReplyTypesAreReached() {
		CastyMessageTypeGraph graph = CastyMessageTypeGraph.of(List.of(BasketMsg.class));
		assertThat(graph.types()).contains(BasketMsg.class, BasketMsg.GetContents.class, BasketMsg.Contents.class,
				BasketMsg.Line.class);
	}

	@Test
	void whenANestedReplyRecordLacksTheAnnotationThenValidationNamesItsPath() {
		CastyMessageTypeGraph graph = CastyMessageTypeGraph.of(List.of(BasketMsg.class));
		assertThatExceptionOfType(InvalidCastyConfigurationException.class).isThrownBy(graph::validate)
			.withMessageContaining(BasketMsg.Line.class.getName())
			.withMessageContaining("GetContents.replyTo<0>.lines<0>");
	}

	@Test
	void whenEveryRecordIsAnnotatedThenValidationPasses() {
		CastyMessageTypeGraph.of(List.of(CounterMsg.class)).validate();
		CastyMessageTypeGraph protocol = CastyMessageTypeGraph.of(ProtocolMessages.TYPES);
		assertThat(protocol.types()).contains(TopologySnapshot.class);
	}

	@Test
	void whenAnApplicationDeclaresSuchATypeThenStartupFailsWithTheAnalyzersExplanation() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CastyClientAutoConfiguration.class))
			.withPropertyValues("casty.client.contact-points=127.0.0.1:1")
			.withUserConfiguration(InvalidPackage.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				InvalidCastyConfigurationException cause = findCause(context.getStartupFailure());
				assertThat(cause).isNotNull();
				FailureAnalysis analysis = new CastyConfigurationFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("BasketMsg$Line", "has no @CastyMessage");
				assertThat(analysis.getAction()).contains("@CastyMessage(");
			});
	}

	private static InvalidCastyConfigurationException findCause(Throwable failure) {
		Throwable current = failure;
		while (current != null) {
			if (current instanceof InvalidCastyConfigurationException invalid) {
				return invalid;
			}
			current = current.getCause();
		}
		return null;
	}

	@Configuration(proxyBeanMethods = false)
	@AutoConfigurationPackage(basePackageClasses = BasketMsg.class)
	static class InvalidPackage {

	}

}
