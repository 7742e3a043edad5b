package io.casty.spring.boot.autoconfigure.metrics;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import io.casty.client.ActorRef;
import io.casty.client.CastyClientListener.AskOutcome;
import io.casty.client.EntityRef;
import io.casty.client.NodeAddress;
import io.casty.client.ReplyType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Observes an {@link EntityRef}: each ask is an {@link Observation} with a
 * {@link CastyAskObservationContext}, named and tagged by the
 * {@link CastyAskObservationConvention} (by default {@value DefaultCastyAskObservationConvention#NAME}:
 * a timer and a span); each tell counts in the counter {@value #TELLS}, tagged with the
 * shard type and the outcome ({@code success} when the client accepted it for sending).
 * Tells are not timed: they end when queued.
 *
 * @param <M> the message type
 * @since 0.1.0
 */
public final class ObservedEntityRef<M> implements EntityRef<M> {

	/** The observation name of asks, as the default convention names them. */
	public static final String OBSERVATION_NAME = DefaultCastyAskObservationConvention.NAME;

	/** The name of the tell counter. */
	public static final String TELLS = MicrometerCastyClientListener.PREFIX + "tells";

	private final EntityRef<M> delegate;

	private final ObservationRegistry registry;

	private final @Nullable CastyAskObservationConvention convention;

	private final @Nullable MeterRegistry meters;

	/** One counter per outcome, created on its first tell and kept. */
	private final Map<AskOutcome, Counter> tells = new ConcurrentHashMap<>();

	/**
	 * Wraps a ref.
	 * @param delegate the ref
	 * @param registry the observation registry of asks
	 * @param convention the convention of asks, {@code null} for the default one (or the
	 * registry's global convention)
	 * @param meters the registry of the tell counter, {@code null} to count no tells
	 */
	public ObservedEntityRef(EntityRef<M> delegate, ObservationRegistry registry,
			@Nullable CastyAskObservationConvention convention, @Nullable MeterRegistry meters) {
		this.delegate = delegate;
		this.registry = registry;
		this.convention = convention;
		this.meters = meters;
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
		try {
			this.delegate.tell(entityId, message);
		}
		catch (RuntimeException ex) {
			countTell(CastyAskObservationContext.outcomeOf(ex));
			throw ex;
		}
		countTell(AskOutcome.SUCCESS);
	}

	private void countTell(AskOutcome outcome) {
		MeterRegistry registry = this.meters;
		if (registry != null) {
			this.tells.computeIfAbsent(outcome, (o) -> tellCounter(registry, o)).increment();
		}
	}

	private Counter tellCounter(MeterRegistry registry, AskOutcome outcome) {
		return Counter.builder(TELLS)
			.description("Tells to entities, by whether the client accepted them for sending")
			.tag(DefaultCastyAskObservationConvention.SHARD_TYPE, this.delegate.shardType())
			.tag(DefaultCastyAskObservationConvention.OUTCOME, outcome.name().toLowerCase(Locale.ROOT))
			.register(registry);
	}

	@Override
	public <R> CompletableFuture<R> ask(String entityId, Function<ActorRef<R>, ? extends M> factory,
			ReplyType<R> replyType) {
		return observe(entityId, () -> this.delegate.ask(entityId, factory, replyType));
	}

	@Override
	public <R> CompletableFuture<R> ask(String entityId, Function<ActorRef<R>, ? extends M> factory,
			ReplyType<R> replyType, Duration timeout) {
		return observe(entityId, () -> this.delegate.ask(entityId, factory, replyType, timeout));
	}

	private <R> CompletableFuture<R> observe(String entityId, Supplier<CompletableFuture<R>> ask) {
		CastyAskObservationContext context = new CastyAskObservationContext(this.delegate.shardType(), entityId);
		Observation observation = AskObservations.start(this.registry, this.convention, context);
		CompletableFuture<R> future;
		try (Observation.Scope scope = observation.openScope()) {
			future = ask.get();
		}
		catch (RuntimeException ex) {
			AskObservations.end(observation, context, ex);
			throw ex;
		}
		return future.whenComplete((reply, failure) -> AskObservations.end(observation, context, failure));
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
