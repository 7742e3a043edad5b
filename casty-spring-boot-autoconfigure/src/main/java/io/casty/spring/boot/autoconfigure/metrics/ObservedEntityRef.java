package io.casty.spring.boot.autoconfigure.metrics;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

import io.casty.client.ActorRef;
import io.casty.client.EntityRef;
import io.casty.client.NodeAddress;
import io.casty.client.ReplyType;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * Wraps each ask of an {@link EntityRef} in an {@link Observation} named
 * {@value #OBSERVATION_NAME}, low-cardinality key {@code casty.shard.type}, so tracing shows
 * it as a span. Tells are not observed: they end when written.
 *
 * @param <M> the message type
 * @since 0.1.0
 */
public final class ObservedEntityRef<M> implements EntityRef<M> {

	/** The observation name. */
	public static final String OBSERVATION_NAME = "casty.client.ask";

	private final EntityRef<M> delegate;

	private final ObservationRegistry registry;

	/**
	 * Wraps a ref.
	 * @param delegate the ref
	 * @param registry the observation registry
	 */
	public ObservedEntityRef(EntityRef<M> delegate, ObservationRegistry registry) {
		this.delegate = delegate;
		this.registry = registry;
	}

	@Override
	public String shardType() {
		return this.delegate.shardType();
	}

	@Override
	public int numShards() {
		return this.delegate.numShards();
	}

	@Override
	public void tell(String entityId, M message) {
		this.delegate.tell(entityId, message);
	}

	@Override
	public <R> CompletableFuture<R> ask(String entityId, Function<ActorRef<R>, ? extends M> factory,
			ReplyType<R> replyType) {
		return observe(() -> this.delegate.ask(entityId, factory, replyType));
	}

	@Override
	public <R> CompletableFuture<R> ask(String entityId, Function<ActorRef<R>, ? extends M> factory,
			ReplyType<R> replyType, Duration timeout) {
		return observe(() -> this.delegate.ask(entityId, factory, replyType, timeout));
	}

	private <R> CompletableFuture<R> observe(Supplier<CompletableFuture<R>> ask) {
		Observation observation = Observation.createNotStarted(OBSERVATION_NAME, this.registry)
			.contextualName("casty ask " + this.delegate.shardType())
			.lowCardinalityKeyValue("casty.shard.type", this.delegate.shardType())
			.start();
		CompletableFuture<R> future;
		try (Observation.Scope scope = observation.openScope()) {
			future = ask.get();
		}
		catch (RuntimeException ex) {
			observation.error(ex);
			observation.stop();
			throw ex;
		}
		return future.whenComplete((reply, failure) -> {
			if (failure != null) {
				observation.error(failure);
			}
			observation.stop();
		});
	}

	@Override
	public long shardOf(String entityId) {
		return this.delegate.shardOf(entityId);
	}

	@Override
	public Optional<NodeAddress> ownerOf(String entityId) {
		return this.delegate.ownerOf(entityId);
	}

	@Override
	public String toString() {
		return this.delegate.toString();
	}

}
