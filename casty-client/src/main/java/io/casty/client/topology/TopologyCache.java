package io.casty.client.topology;

import java.util.concurrent.atomic.AtomicReference;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Holds the current {@link TopologyView}. Readers never lock; writers replace the view whole.
 * Changes are observable as a stream that replays the current view to new subscribers.
 *
 * @since 0.1.0
 */
public final class TopologyCache {

	private final AtomicReference<TopologyView> current = new AtomicReference<>(TopologyView.EMPTY);

	private final Sinks.Many<TopologyView> changes = Sinks.many().replay().latest();

	/**
	 * The current view; {@link TopologyView#EMPTY} before the first snapshot.
	 * @return the view
	 */
	public TopologyView current() {
		return this.current.get();
	}

	/**
	 * Every accepted view from now on, starting with the current one if a snapshot was
	 * received. Completes when the client closes.
	 * @return the stream
	 */
	public Flux<TopologyView> changes() {
		return this.changes.asFlux();
	}

	void replace(TopologyView view) {
		this.current.set(view);
		this.changes.emitNext(view, Sinks.EmitFailureHandler.busyLooping(java.time.Duration.ofMillis(100)));
	}

	/**
	 * Forgets the current view without telling stream subscribers, when the client stops: a
	 * restarted client accepts any epoch again, and readers see no stale view meanwhile.
	 */
	void clear() {
		this.current.set(TopologyView.EMPTY);
	}

	/**
	 * Completes the change stream, when the client closes for good.
	 */
	void complete() {
		this.changes.tryEmitComplete();
	}

}
