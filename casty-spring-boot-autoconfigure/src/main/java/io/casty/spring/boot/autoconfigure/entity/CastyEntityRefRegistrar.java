package io.casty.spring.boot.autoconfigure.entity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.casty.client.EntityRef;
import io.casty.spring.boot.autoconfigure.CastyClientProperties;
import io.casty.spring.boot.autoconfigure.InvalidCastyConfigurationException;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConstructorArgumentValues;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.ResourceLoaderAware;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Registers one {@code EntityRef<M>} bean per entity type, typed by its message type so
 * that injection by generic type picks the right one, plus a {@link CastyEntities} bean.
 * Entity types are the {@link CastyEntity} types found in the auto-configuration packages
 * (interfaces included) and the {@code casty.client.entities.<type>} properties, which
 * override the annotations' shard counts.
 * <p>
 * Bean names are {@code castyEntityRef.<type>}; a bean definition already registered under
 * that name is left alone, so applications can replace a single ref.
 *
 * @since 0.1.0
 */
public final class CastyEntityRefRegistrar implements ImportBeanDefinitionRegistrar, BeanFactoryAware,
		EnvironmentAware, ResourceLoaderAware, BeanClassLoaderAware {

	/** Prefix of the entity ref bean names. */
	public static final String BEAN_NAME_PREFIX = "castyEntityRef.";

	private static final String ENTITIES_BEAN_NAME = "castyEntities";

	private @Nullable BeanFactory beanFactory;

	private @Nullable Environment environment;

	private @Nullable ResourceLoader resourceLoader;

	private @Nullable ClassLoader classLoader;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void setResourceLoader(ResourceLoader resourceLoader) {
		this.resourceLoader = resourceLoader;
	}

	@Override
	public void setBeanClassLoader(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata importingClassMetadata, BeanDefinitionRegistry registry) {
		Map<String, CastyEntityDefinition> definitions = new LinkedHashMap<>();
		scanAnnotated(definitions);
		applyProperties(definitions);
		if (!registry.containsBeanDefinition(ENTITIES_BEAN_NAME)) {
			// Plain values as factory-method arguments, no instance supplier: ahead-of-time
			// processing writes them into the generated bean definitions.
			List<CastyEntityDefinition> declared = List.copyOf(definitions.values());
			RootBeanDefinition holder = new RootBeanDefinition(CastyEntities.class);
			holder.setFactoryMethodName("of");
			ConstructorArgumentValues args = holder.getConstructorArgumentValues();
			args.addIndexedArgumentValue(0, declared.stream().map(CastyEntityDefinition::type).toList());
			args.addIndexedArgumentValue(1, declared.stream().map(CastyEntityDefinition::shards).toList());
			args.addIndexedArgumentValue(2, declared.stream().map(CastyEntityDefinition::messageType).toList());
			holder.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
			registry.registerBeanDefinition(ENTITIES_BEAN_NAME, holder);
		}
		for (CastyEntityDefinition definition : definitions.values()) {
			String name = BEAN_NAME_PREFIX + definition.type();
			if (!registry.containsBeanDefinition(name)) {
				registry.registerBeanDefinition(name, entityRefDefinition(definition));
			}
		}
	}

	private RootBeanDefinition entityRefDefinition(CastyEntityDefinition definition) {
		RootBeanDefinition bean = new RootBeanDefinition(LazyEntityRef.class);
		bean.setTargetType(ResolvableType.forClassWithGenerics(EntityRef.class, definition.messageType()));
		// values only (the ref finds the client through its bean factory on first use)
		bean.setFactoryMethodName("of");
		ConstructorArgumentValues args = bean.getConstructorArgumentValues();
		args.addIndexedArgumentValue(0, definition.type());
		args.addIndexedArgumentValue(1, definition.shards());
		args.addIndexedArgumentValue(2, definition.messageType());
		return bean;
	}

	private void scanAnnotated(Map<String, CastyEntityDefinition> definitions) {
		if (this.beanFactory == null || !AutoConfigurationPackages.has(this.beanFactory)) {
			return;
		}
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false,
				environment()) {

			@Override
			protected boolean isCandidateComponent(AnnotatedBeanDefinition beanDefinition) {
				// interfaces are the usual carriers of @CastyEntity, and the default excludes them
				return beanDefinition.getMetadata().isIndependent();
			}

		};
		if (this.resourceLoader != null) {
			scanner.setResourceLoader(this.resourceLoader);
		}
		scanner.addIncludeFilter(new AnnotationTypeFilter(CastyEntity.class, false, false));
		for (String basePackage : AutoConfigurationPackages.get(this.beanFactory)) {
			for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
				Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), this.classLoader);
				CastyEntity entity = type.getAnnotation(CastyEntity.class);
				if (entity == null) {
					continue;
				}
				CastyEntityDefinition previous = definitions.put(entity.type(),
						new CastyEntityDefinition(entity.type(), entity.shards(), type));
				if (previous != null && previous.messageType() != type) {
					throw new InvalidCastyConfigurationException(
							"Casty entity type '" + entity.type() + "' is declared twice, by "
									+ previous.messageType().getName() + " and " + type.getName(),
							"Give each @CastyEntity a distinct type.", null);
				}
			}
		}
	}

	private void applyProperties(Map<String, CastyEntityDefinition> definitions) {
		Map<String, CastyClientProperties.Entity> configured = Binder.get(environment())
			.bind("casty.client.entities", Bindable.mapOf(String.class, CastyClientProperties.Entity.class))
			.orElse(Map.of());
		configured.forEach((type, entity) -> {
			CastyEntityDefinition annotated = definitions.get(type);
			Integer shards = (entity.getShards() != null) ? entity.getShards()
					: (annotated != null) ? annotated.shards() : null;
			if (shards == null) {
				throw new InvalidCastyConfigurationException(
						"casty.client.entities." + type + " has no shard count",
						"Set casty.client.entities." + type + ".shards to the shard count the nodes use.", null);
			}
			Class<?> messageType = (entity.getMessageType() != null) ? resolve(type, entity.getMessageType())
					: (annotated != null) ? annotated.messageType() : null;
			if (messageType == null) {
				throw new InvalidCastyConfigurationException(
						"casty.client.entities." + type + " has no message type",
						"Set casty.client.entities." + type + ".message-type to the fully qualified name of the "
								+ "entity's message type, or annotate that type with @CastyEntity.",
						null);
			}
			definitions.put(type, new CastyEntityDefinition(type, shards, messageType));
		});
	}

	private Class<?> resolve(String type, String className) {
		try {
			return ClassUtils.forName(className.trim(), this.classLoader);
		}
		catch (ClassNotFoundException | LinkageError ex) {
			throw new InvalidCastyConfigurationException(
					"casty.client.entities." + type + ".message-type names the class '" + className
							+ "', which cannot be loaded",
					"Set casty.client.entities." + type + ".message-type to the fully qualified name of a class "
							+ "on the classpath (nested types use '$', e.g. com.example.Messages$CounterMsg).",
					ex);
		}
	}

	private Environment environment() {
		if (this.environment == null) {
			throw new IllegalStateException("No Environment was set");
		}
		return this.environment;
	}

}
