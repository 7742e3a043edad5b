package io.casty.spring.boot.autoconfigure.metrics;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * An {@link ObservationConvention} of asks, to entities and to actor refs. Declare a bean of this type to replace
 * {@link DefaultCastyAskObservationConvention}, for example a subclass of it that adds a key.
 *
 * @since 0.1.0
 */
public interface CastyAskObservationConvention extends ObservationConvention<CastyAskObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof CastyAskObservationContext;
	}

}
