package io.casty.spring.boot.autoconfigure.metrics;

import java.util.Locale;

import io.casty.client.ActorRef;
import io.casty.client.CastyClientListener.AskOutcome;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * The default convention of asks: observations named {@value #NAME} (so a timer
 * {@value #NAME} and a long task timer {@value #NAME}{@code .active}), low-cardinality keys
 * {@value #SHARD_TYPE} ({@code none} for asks to actor refs) and {@value #OUTCOME} (for
 * metrics and spans), high-cardinality key {@value #ENTITY_ID} or, for asks to actor refs,
 * {@value #ACTOR} (for spans only), contextual name {@code casty ask <shard type>} or
 * {@code casty ask actor}.
 *
 * @since 0.1.0
 */
public class DefaultCastyAskObservationConvention implements CastyAskObservationConvention {

	/** The shared instance. */
	public static final DefaultCastyAskObservationConvention INSTANCE = new DefaultCastyAskObservationConvention();

	/** The observation name. */
	public static final String NAME = "casty.client.ask";

	/** Low-cardinality key: the shard type. */
	public static final String SHARD_TYPE = "casty.shard.type";

	/**
	 * Low-cardinality key: how the ask ended, {@code success}, {@code timeout},
	 * {@code unreachable}, {@code rejected}, {@code closed} or {@code error}
	 * ({@code unknown} while it runs).
	 */
	public static final String OUTCOME = "outcome";

	/** High-cardinality key: the entity id. */
	public static final String ENTITY_ID = "casty.entity.id";

	/** High-cardinality key of asks to actor refs: the ref's URI. */
	public static final String ACTOR = "casty.actor";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(CastyAskObservationContext context) {
		return (context.getActor() != null) ? "casty ask actor" : "casty ask " + context.getShardType();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(CastyAskObservationContext context) {
		AskOutcome outcome = context.getOutcome();
		return KeyValues.of(KeyValue.of(SHARD_TYPE, context.getShardType()),
				KeyValue.of(OUTCOME, (outcome != null) ? outcome.name().toLowerCase(Locale.ROOT) : "unknown"));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(CastyAskObservationContext context) {
		ActorRef<?> actor = context.getActor();
		String entityId = context.getEntityId();
		if (actor != null) {
			return KeyValues.of(ACTOR, actor.uri());
		}
		return (entityId != null) ? KeyValues.of(ENTITY_ID, entityId) : KeyValues.empty();
	}

}
