package io.casty.spring.boot.autoconfigure.metrics;

import java.util.concurrent.CompletionException;

import io.casty.client.ActorRef;
import io.casty.client.CastyClientListener.AskEnd;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Starts and ends the observation of one ask, to an entity ({@link ObservedEntityRef}) or to
 * an actor ref ({@link MicrometerCastyClientListener}, or {@link ObservingCastyClientListener}
 * without a {@code MeterRegistry}): both are observed the same way,
 * under the same {@link CastyAskObservationConvention}.
 */
final class AskObservations {

	private AskObservations() {
	}

	/**
	 * Starts the observation of an ask.
	 * @param registry where it is observed
	 * @param convention the application's convention, {@code null} for the default one
	 * @param context the ask
	 * @return the started observation
	 */
	static Observation start(ObservationRegistry registry, @Nullable CastyAskObservationConvention convention,
			CastyAskObservationContext context) {
		return Observation
			.createNotStarted(convention, DefaultCastyAskObservationConvention.INSTANCE, () -> context, registry)
			.start();
	}

	/**
	 * Records how the ask ended and stops its observation.
	 * @param observation the ask's observation
	 * @param context its context
	 * @param failure why it failed, {@code null} if a reply arrived
	 */
	static void end(Observation observation, CastyAskObservationContext context, @Nullable Throwable failure) {
		context.setOutcome(CastyAskObservationContext.outcomeOf(failure));
		if (failure != null) {
			observation.error((failure instanceof CompletionException && failure.getCause() != null)
					? failure.getCause() : failure);
		}
		observation.stop();
	}

	/**
	 * Starts the observation of an ask to an actor ref and returns what ends it.
	 * @param registry where it is observed
	 * @param convention the application's convention, {@code null} for the default one
	 * @param target the actor asked
	 * @return called once when the ask ends
	 */
	static AskEnd actorAsk(ObservationRegistry registry, @Nullable CastyAskObservationConvention convention,
			ActorRef<?> target) {
		CastyAskObservationContext context = new CastyAskObservationContext(target);
		Observation observation = start(registry, convention, context);
		return (failure) -> end(observation, context, failure);
	}

	/**
	 * A registry for applications that have a {@link MeterRegistry} and no
	 * {@link ObservationRegistry}: it only records the timer of each ask.
	 * @param meters where the timers go
	 * @return the registry
	 */
	static ObservationRegistry metersOnly(MeterRegistry meters) {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
		return registry;
	}

}
