package io.casty.spring.boot.autoconfigure.embedded;

import java.util.List;

import io.casty.testkit.EntityFactory;

/**
 * A sharded entity type the embedded development cluster hosts, implemented in Java. Declare
 * one bean per type:
 *
 * <pre class="code">
 * &#64;Bean
 * CastyEmbeddedEntity counters() {
 *     return CastyEmbeddedEntity.of("counter", 100, (id) -&gt; new CounterBehavior());
 * }
 * </pre>
 *
 * @since 0.1.0
 */
public interface CastyEmbeddedEntity {

	/**
	 * The shard type.
	 * @return the type name
	 */
	String type();

	/**
	 * The shard count.
	 * @return the count, as clients use it
	 */
	int shards();

	/**
	 * Creates the entities of this type.
	 * @return the factory
	 */
	EntityFactory factory();

	/**
	 * Message types the nodes must decode besides those of the declared
	 * {@link io.casty.spring.boot.autoconfigure.entity.CastyEntity} types.
	 * @return the types
	 */
	default List<Class<?>> messageTypes() {
		return List.of();
	}

	/**
	 * Creates a declaration.
	 * @param type the shard type
	 * @param shards the shard count
	 * @param factory creates entities
	 * @return the declaration
	 */
	static CastyEmbeddedEntity of(String type, int shards, EntityFactory factory) {
		return new CastyEmbeddedEntity() {

			@Override
			public String type() {
				return type;
			}

			@Override
			public int shards() {
				return shards;
			}

			@Override
			public EntityFactory factory() {
				return factory;
			}

		};
	}

}
