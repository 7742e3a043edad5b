package io.casty.spring.boot.autoconfigure.metrics;

import io.casty.client.ActorRef;
import io.casty.client.CastyClientListener;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Observes the asks to actor refs ({@code CastyClient.ask}) through the application's
 * {@link ObservationRegistry} where no {@code MeterRegistry} exists (so no
 * {@link MicrometerCastyClientListener} either): tracing-only applications get a span for
 * them as they do for entity asks. Every other event is ignored.
 */
final class ObservingCastyClientListener implements CastyClientListener {

	private final ObservationRegistry observations;

	private final @Nullable CastyAskObservationConvention convention;

	ObservingCastyClientListener(ObservationRegistry observations, @Nullable CastyAskObservationConvention convention) {
		this.observations = observations;
		this.convention = convention;
	}

	@Override
	public AskEnd actorAskStarted(ActorRef<?> target) {
		return AskObservations.actorAsk(this.observations, this.convention, target);
	}

}
