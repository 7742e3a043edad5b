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
