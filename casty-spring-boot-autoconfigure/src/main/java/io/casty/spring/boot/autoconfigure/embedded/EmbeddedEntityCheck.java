package io.casty.spring.boot.autoconfigure.embedded;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.casty.spring.boot.autoconfigure.InvalidCastyConfigurationException;
import io.casty.spring.boot.autoconfigure.entity.CastyEntityDefinition;

/**
 * Checks the entity types an embedded cluster hosts against those the client routes
 * ({@code @CastyEntity} or {@code casty.client.entities.*}), before the cluster starts: a
 * different shard count sends messages to the wrong shards (and so the wrong entity
 * instances), and a type hosted under another name than the declared one leaves every ask
 * to time out.
 */
final class EmbeddedEntityCheck {

	private EmbeddedEntityCheck() {
	}

	/**
	 * Checks the hosted types.
	 * @param declared the types the client routes
	 * @param hosted the types the cluster hosts
	 * @throws InvalidCastyConfigurationException naming both sides of the first mismatch
	 */
	static void check(List<CastyEntityDefinition> declared, List<CastyEmbeddedEntity> hosted) {
		Map<String, CastyEntityDefinition> byType = new LinkedHashMap<>();
		declared.forEach((definition) -> byType.put(definition.type(), definition));
		List<CastyEmbeddedEntity> undeclared = new ArrayList<>();
		for (CastyEmbeddedEntity entity : hosted) {
			CastyEntityDefinition definition = byType.remove(entity.type());
			if (definition == null) {
				undeclared.add(entity);
			}
			else if (definition.shards() != entity.shards()) {
				throw new InvalidCastyConfigurationException("The embedded entity type '" + entity.type() + "' has "
						+ entity.shards() + " shards, but the client routes '" + entity.type() + "' over "
						+ definition.shards() + " shards (" + source(definition) + ")",
						"Give the CastyEmbeddedEntity bean of '" + entity.type() + "' and " + source(definition)
								+ " the same shard count, the one the cluster's nodes use.",
						null);
			}
		}
		if (!undeclared.isEmpty() && !byType.isEmpty()) {
			CastyEmbeddedEntity entity = undeclared.get(0);
			CastyEntityDefinition definition = byType.values().iterator().next();
			throw new InvalidCastyConfigurationException("The embedded cluster hosts the entity type '" + entity.type()
					+ "', which the client does not route, but not the type '" + definition.type() + "' ("
					+ source(definition) + "), to which every message would go unanswered",
					"Name the CastyEmbeddedEntity bean's type like the declared one (or declare '" + entity.type()
							+ "' and host '" + definition.type() + "' too).",
					null);
		}
	}

	private static String source(CastyEntityDefinition definition) {
		return "@CastyEntity " + definition.messageType().getName() + " or casty.client.entities." + definition.type();
	}

}
