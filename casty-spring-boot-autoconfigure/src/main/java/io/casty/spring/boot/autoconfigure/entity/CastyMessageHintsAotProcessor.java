package io.casty.spring.boot.autoconfigure.entity;

import java.util.LinkedHashSet;
import java.util.Set;

import io.casty.client.CastyMessage;
import io.casty.client.protocol.messages.ProtocolMessages;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Registers reflection hints, at build time, for every type the codec reflects on at run
 * time: the {@link CastyEntity} message types the application declared, every
 * {@link CastyMessage} type in its packages (those a {@code CastyClientOptionsCustomizer}
 * registers included), everything reachable from them (see {@link CastyMessageTypeGraph}),
 * and Casty's own protocol messages ({@link ProtocolHints}, through
 * {@code META-INF/spring/aot.factories}). Without them a native image could not encode or
 * decode a single message.
 *
 * @since 0.1.0
 */
public class CastyMessageHintsAotProcessor implements BeanFactoryInitializationAotProcessor {

	@Override
	public @Nullable BeanFactoryInitializationAotContribution processAheadOfTime(
			ConfigurableListableBeanFactory beanFactory) {
		Set<Class<?>> roots = new LinkedHashSet<>();
		CastyEntities entities = beanFactory.getBeanProvider(CastyEntities.class).getIfAvailable();
		if (entities != null) {
			entities.definitions().forEach((definition) -> roots.add(definition.messageType()));
		}
		if (AutoConfigurationPackages.has(beanFactory)) {
			ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(
					false) {

				@Override
				protected boolean isCandidateComponent(
						org.springframework.beans.factory.annotation.AnnotatedBeanDefinition definition) {
					return definition.getMetadata().isIndependent();
				}

			};
			scanner.addIncludeFilter(new AnnotationTypeFilter(CastyMessage.class, false, false));
			scanner.addIncludeFilter(new AnnotationTypeFilter(CastyEntity.class, false, false));
			for (String basePackage : AutoConfigurationPackages.get(beanFactory)) {
				for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
					roots.add(ClassUtils.resolveClassName(candidate.getBeanClassName(), beanFactory.getBeanClassLoader()));
				}
			}
		}
		if (roots.isEmpty()) {
			return null;
		}
		Set<Class<?>> types = CastyMessageTypeGraph.of(roots).types();
		return (context, code) -> register(context.getRuntimeHints().reflection(), types);
	}

	static void register(ReflectionHints reflection, Iterable<Class<?>> types) {
		for (Class<?> type : types) {
			reflection.registerType(type, MemberCategory.INVOKE_DECLARED_CONSTRUCTORS,
					MemberCategory.INVOKE_DECLARED_METHODS, MemberCategory.ACCESS_DECLARED_FIELDS);
		}
	}

	/**
	 * Hints for the protocol messages every client exchanges with the nodes (topology, shard
	 * locations, the receptionist).
	 */
	public static class ProtocolHints implements RuntimeHintsRegistrar {

		@Override
		public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
			register(hints.reflection(), CastyMessageTypeGraph.of(ProtocolMessages.TYPES).types());
		}

	}

}
