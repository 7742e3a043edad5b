package io.casty.spring.boot.autoconfigure.entity;

import java.util.List;

/**
 * The entity types the application declared, by {@link CastyEntity} or by
 * {@code casty.client.entities.*}. Their message types are registered with the client's
 * codec when it is created, and an embedded cluster registers them too.
 *
 * @since 0.1.0
 */
public final class CastyEntities {

	private final List<CastyEntityDefinition> definitions;

	/**
	 * Creates the holder.
	 * @param definitions the declared types
	 */
	public CastyEntities(List<CastyEntityDefinition> definitions) {
		this.definitions = List.copyOf(definitions);
	}

	/**
	 * Creates the holder from parallel lists, as the generated bean definitions of an
	 * ahead-of-time processed application hold them.
	 * @param types the shard types
	 * @param shards their shard counts
	 * @param messageTypes their message types
	 * @return the holder
	 */
	public static CastyEntities of(List<String> types, List<Integer> shards, List<Class<?>> messageTypes) {
		if (types.size() != shards.size() || types.size() != messageTypes.size()) {
			throw new IllegalArgumentException("types, shards and messageTypes differ in size");
		}
		List<CastyEntityDefinition> definitions = new java.util.ArrayList<>(types.size());
		for (int i = 0; i < types.size(); i++) {
			definitions.add(new CastyEntityDefinition(types.get(i), shards.get(i), messageTypes.get(i)));
		}
		return new CastyEntities(definitions);
	}

	/**
	 * The declared types.
	 * @return the definitions, in declaration order
	 */
	public List<CastyEntityDefinition> definitions() {
		return this.definitions;
	}

	/**
	 * The message types of all declared entity types.
	 * @return the types
	 */
	public Class<?>[] messageTypes() {
		return this.definitions.stream().map(CastyEntityDefinition::messageType).distinct().toArray(Class<?>[]::new);
	}

}
