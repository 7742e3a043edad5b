package io.casty.spring.boot.autoconfigure.entity;

import io.casty.client.protocol.messages.TopologySnapshot;
import io.casty.spring.boot.autoconfigure.CastyClientAutoConfiguration;
import io.casty.spring.boot.autoconfigure.entity.fixtures.CounterMsg;
import io.casty.spring.boot.autoconfigure.entity.fixtures.GreeterMsg;
import org.junit.jupiter.api.Test;

import org.springframework.aot.AotDetector;
import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.javapoet.ClassName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ahead-of-time processing of an application on the starter: the bean definitions can be
 * written as code (no instance supplier), and the message types get reflection hints.
 */
class CastyAotTests {

	@Test
	void whenAnApplicationWithEntityTypesIsProcessedAheadOfTimeThenEveryMessageTypeGetsHints() {
		assertThat(AotDetector.useGeneratedArtifacts()).isFalse();
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
			TestPropertyValues.of("casty.client.contact-points=127.0.0.1:1").applyTo(context);
			context.register(Application.class);
			DefaultGenerationContext generation = new DefaultGenerationContext(
					new ClassNameGenerator(ClassName.get(CastyAotTests.class)), new InMemoryGeneratedFiles());

			new ApplicationContextAotGenerator().processAheadOfTime(context, generation);

			RuntimeHints hints = generation.getRuntimeHints();
			for (Class<?> type : new Class<?>[] { CounterMsg.class, CounterMsg.Add.class, CounterMsg.Get.class,
					GreeterMsg.class }) {
				assertThat(RuntimeHintsPredicates.reflection().onType(type)).as(type.getName()).accepts(hints);
			}
			assertThat(generation.getGeneratedFiles()).isNotNull();
		}
	}

	@Test
	void whenAotServicesAreLoadedThenTheProtocolHintsRegistrarIsAmongThemAndCoversTheProtocolMessages() {
		RuntimeHints hints = new RuntimeHints();
		AotServices.factories().load(RuntimeHintsRegistrar.class).forEach((r) -> r.registerHints(hints, null));
		assertThat(RuntimeHintsPredicates.reflection().onType(TopologySnapshot.class)).accepts(hints);
	}

	@Configuration(proxyBeanMethods = false)
	@AutoConfigurationPackage(basePackageClasses = CounterMsg.class)
	@ImportAutoConfiguration(CastyClientAutoConfiguration.class)
	static class Application {

	}

}
