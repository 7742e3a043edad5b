package io.casty.client.streams;

import io.casty.client.ActorRef;
import io.casty.client.CastyMessage;
import org.jspecify.annotations.Nullable;

/**
 * The wire records of Casty v0.21.0's stream protocol ({@code casty.core.streams}) between a
 * {@code stream_producer} and its one consumer.
 *
 * @since 0.1.0
 */
public sealed interface StreamMessages {

	/**
	 * Consumer → producer: subscribes; elements flow once demand is signalled.
	 * @param consumer where elements go
	 * @param demand the initial demand
	 */
	@CastyMessage("casty.core.streams.Subscribe")
	record Subscribe(ActorRef<?> consumer, long demand) implements StreamMessages {
	}

	/**
	 * Consumer → producer: more elements may be sent.
	 * @param n how many more
	 */
	@CastyMessage("casty.core.streams.StreamDemand")
	record StreamDemand(long n) implements StreamMessages {
	}

	/** Consumer → producer: no more elements; the producer stops. */
	@CastyMessage("casty.core.streams.StreamCancel")
	record StreamCancel() implements StreamMessages {
	}

	/**
	 * Producer → consumer: one element.
	 * @param element the element
	 */
	@CastyMessage("casty.core.streams.StreamElement")
	record StreamElement(@Nullable Object element) implements StreamMessages {
	}

	/** Producer → consumer: the stream ended. */
	@CastyMessage("casty.core.streams.StreamCompleted")
	record StreamCompleted() implements StreamMessages {
	}

}
