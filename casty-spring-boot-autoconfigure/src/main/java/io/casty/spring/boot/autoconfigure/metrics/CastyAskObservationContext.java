package io.casty.spring.boot.autoconfigure.metrics;

import io.casty.client.ActorRef;
import io.casty.client.BufferOverflowException;
import io.casty.client.CastyClientListener.AskOutcome;
import io.casty.client.CastyTimeoutException;
import io.casty.client.ClientClosedException;
import io.casty.client.ClusterUnavailableException;
import io.casty.client.NodeUnreachableException;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * The context of the observation of one ask: to an entity (its shard type and entity id) or
 * to an actor ref such as a service instance (the ref), and once it ended, how.
 *
 * @since 0.1.0
 * @see CastyAskObservationConvention
 */
public class CastyAskObservationContext extends Observation.Context {

	/** The shard type of asks to actor refs, which have none. */
	public static final String NO_SHARD_TYPE = "none";

	private final String shardType;

	private final @Nullable String entityId;

	private final @Nullable ActorRef<?> actor;

	private @Nullable AskOutcome outcome;

	/**
	 * Creates the context of an ask to an entity that has not ended yet.
	 * @param shardType the entity's shard type
	 * @param entityId the entity's id
	 */
	public CastyAskObservationContext(String shardType, String entityId) {
		this.shardType = shardType;
		this.entityId = entityId;
		this.actor = null;
	}

	/**
	 * Creates the context of an ask to an actor ref (a service instance, a ref received in a
	 * reply) that has not ended yet.
	 * @param actor the actor asked
	 */
	public CastyAskObservationContext(ActorRef<?> actor) {
		this.shardType = NO_SHARD_TYPE;
		this.entityId = null;
		this.actor = actor;
	}

	/**
	 * The shard type asked.
	 * @return the shard type, {@value #NO_SHARD_TYPE} for an ask to an actor ref
	 */
	public String getShardType() {
		return this.shardType;
	}

	/**
	 * The entity asked.
	 * @return the entity id, {@code null} for an ask to an actor ref
	 */
	public @Nullable String getEntityId() {
		return this.entityId;
	}

	/**
	 * The actor asked.
	 * @return the actor, {@code null} for an ask to an entity
	 */
	public @Nullable ActorRef<?> getActor() {
		return this.actor;
	}

	/**
	 * How the ask ended.
	 * @return the outcome, {@code null} while it runs
	 */
	public @Nullable AskOutcome getOutcome() {
		return this.outcome;
	}

	/**
	 * Records how the ask ended.
	 * @param outcome the outcome
	 */
	public void setOutcome(AskOutcome outcome) {
		this.outcome = outcome;
	}

	/**
	 * The outcome a failure stands for, as the client's listener reports it.
	 * @param failure why an ask or a tell failed, {@code null} if it did not
	 * @return {@code SUCCESS} without a failure, else {@code TIMEOUT}, {@code UNREACHABLE}
	 * (also no contact point answering), {@code REJECTED} (a full buffer), {@code CLOSED} or
	 * {@code ERROR}
	 */
	public static AskOutcome outcomeOf(@Nullable Throwable failure) {
		Throwable cause = failure;
		while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
			cause = cause.getCause();
		}
		if (cause == null) {
			return AskOutcome.SUCCESS;
		}
		if (cause instanceof CastyTimeoutException) {
			return AskOutcome.TIMEOUT;
		}
		if (cause instanceof NodeUnreachableException || cause instanceof ClusterUnavailableException) {
			return AskOutcome.UNREACHABLE;
		}
		if (cause instanceof BufferOverflowException) {
			return AskOutcome.REJECTED;
		}
		if (cause instanceof ClientClosedException) {
			return AskOutcome.CLOSED;
		}
		return AskOutcome.ERROR;
	}

}
