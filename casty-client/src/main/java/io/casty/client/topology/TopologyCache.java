package io.casty.client.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.casty.client.NodeAddress;
import io.casty.client.protocol.messages.TopologySnapshot;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Holds the current {@link TopologyView}, the client's one source of truth about the
 * cluster, and decides which snapshots may replace it. Readers never lock; a writer builds
 * the next view from the current one and swaps it in with a compare-and-set, so a view is
 * never replaced by one built from an outdated base.
 * <p>
 * The acceptance rule: a snapshot with no members never replaces the view, nor does one with
 * an older allocation epoch than the current view's, unless the caller says any epoch is
 * acceptable (the first snapshot of a new contact: a restarted cluster counts epochs from
 * scratch). Accepted views are observable as a stream that replays the current view to new
 * subscribers.
 * <p>
 * Coordinators' answers ({@code ShardLocation}) are folded into the view as well
 * ({@link #offerLocation}), each stamped with the allocation epoch of the view it arrived
 * at: it decides its shard's owner while no snapshot of a newer epoch names one (see
 * {@link TopologyView#located}). A snapshot replacing the view keeps the answers, except
 * those naming a node it marks unavailable, and all of them when its epoch is older (a
 * restarted cluster). Folding an answer in is not a change of the stream.
 * <p>
 * Views and answers are stamped on one logical clock ({@link #stamp()}), which the routing
 * layer's fence also uses, so that what was learned before a lost connection can be told
 * from what was learned after.
 *
 * @since 0.1.0
 */
public final class TopologyCache {

	private final AtomicReference<TopologyView> current = new AtomicReference<>(TopologyView.EMPTY);

	private final AtomicLong clock = new AtomicLong();

	private final Sinks.Many<TopologyView> changes = Sinks.many().replay().latest();

	/** Serializes accepted snapshots, so the change stream sees them in the order they won. */
	private final Object offers = new Object();

	/**
	 * Builds the view of one snapshot, with no coordinator answer and no cache's stamp, as
	 * the cache would before its acceptance rule. Internal, for tests and benchmarks: the
	 * wire snapshot stays out of {@link TopologyView}'s public API.
	 * @param snapshot the snapshot
	 * @param source the node that sent it
	 * @param receivedAt when
	 * @return the view
	 */
	public static TopologyView viewOf(TopologySnapshot snapshot, NodeAddress source, Instant receivedAt) {
		return TopologyView.of(snapshot, source, receivedAt);
	}

	/** What {@link #offer} decided. */
	public enum Verdict {

		/** The snapshot replaced the view. */
		ACCEPTED,

		/** The snapshot has no members (a node that has not joined yet). */
		EMPTY,

		/** The snapshot's allocation epoch is older than the current view's. */
		OLDER

	}

	/**
	 * The outcome of an offered snapshot.
	 * @param verdict whether it was accepted, and why not
	 * @param view the view it became when accepted, else the current view
	 */
	public record Offer(Verdict verdict, TopologyView view) {

		/**
		 * Whether the snapshot replaced the view.
		 * @return whether it was accepted
		 */
		public boolean accepted() {
			return this.verdict == Verdict.ACCEPTED;
		}

	}

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

	/**
	 * Takes a stamp of the clock views and answers are learned at.
	 * @return a stamp greater than every earlier one
	 */
	public long stamp() {
		return this.clock.incrementAndGet();
	}

	/**
	 * Offers a snapshot received from a node; it replaces the view if the acceptance rule
	 * lets it.
	 * @param snapshot the snapshot
	 * @param from the node that sent it
	 * @param anyEpoch whether an older allocation epoch is acceptable (the first snapshot of a
	 * new contact)
	 * @return the verdict and the resulting view
	 */
	public Offer offer(TopologySnapshot snapshot, NodeAddress from, boolean anyEpoch) {
		if (snapshot.members().isEmpty()) {
			return new Offer(Verdict.EMPTY, current());
		}
		synchronized (this.offers) {
			while (true) {
				TopologyView base = this.current.get();
				if (!anyEpoch && !base.isEmpty() && snapshot.allocationEpoch() < base.allocationEpoch()) {
					return new Offer(Verdict.OLDER, base);
				}
				Instant now = Instant.now();
				// The snapshot decoder hands back the very instance it decoded last for identical
				// bytes (Casty pushes the unchanged state about 4 times a second): keep its routes.
				TopologyView next = ((snapshot == base.snapshot()) ? base.receivedAgain(from, now)
						: TopologyView.of(snapshot, from, now)).succeeding(base, stamp());
				if (this.current.compareAndSet(base, next)) {
					this.changes.emitNext(next, Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(100)));
					return new Offer(Verdict.ACCEPTED, next);
				}
			}
		}
	}

	/**
	 * Folds a coordinator's answer into the view: the shard's owner is that node, learned now,
	 * at the current view's allocation epoch.
	 * @param shardType the shard type
	 * @param shard the shard
	 * @param node the node the coordinator names
	 * @return the answer as the view holds it
	 */
	public LocatedShard offerLocation(String shardType, long shard, NodeAddress node) {
		while (true) {
			TopologyView base = this.current.get();
			LocatedShard answer = new LocatedShard(node, base.allocationEpoch(), stamp());
			if (this.current.compareAndSet(base, base.withLocated(shardType, shard, answer))) {
				return answer;
			}
		}
	}

	/**
	 * Drops a coordinator's answer that can no longer be used (its node lost its connection
	 * since), if the view still holds that very answer.
	 * @param shardType the shard type
	 * @param shard the shard
	 * @param answer the answer to drop
	 */
	public void forgetLocation(String shardType, long shard, LocatedShard answer) {
		while (true) {
			TopologyView base = this.current.get();
			@Nullable LocatedShard held = base.heldAnswer(shardType, shard);
			if (held != answer || this.current.compareAndSet(base, base.withLocated(shardType, shard, null))) {
				return;
			}
		}
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
