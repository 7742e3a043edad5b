package io.casty.client.distributed;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.casty.client.ReplyType;
import io.casty.client.distributed.protocol.BarrierMessages;
import reactor.core.publisher.Mono;

/**
 * A distributed barrier: every participant that {@linkplain #arrive(int) arrives} waits
 * until {@code expected} distinct participants did, then all are released and the barrier
 * resets. One entity ({@code d-barrier-<name>}, entity id {@code <name>}), or the system
 * barrier every node hosts ({@code _barrier}) from {@link CastyDistributed#systemBarrier(String)}.
 * Obtain one from {@link CastyDistributed#barrier(String)}.
 * <p>
 * The participant is this client's unique id (or the one given on creation). Casty
 * replaces a participant's earlier arrival with a later one and never answers the first,
 * so a second arrival while one is waiting fails at once with {@link IllegalStateException}.
 *
 * @since 0.1.0
 */
public final class CastyBarrier extends Structure {

	private final java.util.function.Supplier<String> participant;

	private final Set<String> waiting;

	CastyBarrier(StructureGateway gateway, String name, String shardType,
			java.util.function.Supplier<String> participant, Set<String> waiting, StructureOptions options) {
		super(gateway, "barrier", name, shardType, options);
		this.participant = participant;
		this.waiting = waiting;
	}

	/**
	 * Who this barrier arrives as.
	 * @return the participant id
	 */
	public String participant() {
		return this.participant.get();
	}

	/**
	 * Arrives and waits for the others, for the barrier's timeout.
	 * @param expected how many distinct participants release the barrier
	 * @return completes when released
	 */
	public CompletableFuture<Void> arrive(int expected) {
		return arrive(expected, this.options.timeout());
	}

	/**
	 * Arrives and waits for the others.
	 * @param expected how many distinct participants release the barrier
	 * @param timeout how long to wait
	 * @return completes when released; fails with {@link IllegalStateException} if this
	 * participant already waits at this barrier
	 */
	public CompletableFuture<Void> arrive(int expected, Duration timeout) {
		if (expected < 1) {
			throw new IllegalArgumentException("expected must be at least 1, was " + expected);
		}
		String participant = participant();
		String key = this.shardType + "/" + this.name + "/" + participant;
		if (!this.waiting.add(key)) {
			return CompletableFuture.failedFuture(new IllegalStateException("Participant '" + participant
					+ "' already waits at barrier '" + this.name + "'; Casty would drop that first arrival without "
					+ "ever answering it. Give each concurrent participant its own id "
					+ "(CastyDistributed.barrier(name, participant, options))"));
		}
		CompletableFuture<Void> released = call(this.name,
				(r) -> new BarrierMessages.BarrierArrive(participant, expected, r.narrow()),
				ReplyType.of(BarrierMessages.BarrierReleased.class), timeout, (late) -> {
					// a release after the wait gave up needs no answer; listening for it tells the
					// client that this ask's silence is expected, not a sign of a stuck node
				})
			.thenApply((ignored) -> null);
		released.whenComplete((ignored, error) -> this.waiting.remove(key));
		return released;
	}

	/**
	 * Stops the barrier's entity; participants waiting at it are never released.
	 * @return {@code true} once destroyed
	 */
	public CompletableFuture<Boolean> destroy() {
		return call(this.name, BarrierMessages.DestroyBarrier::new, ReplyType.of(Boolean.class));
	}

	/**
	 * A lazy {@link Mono} of {@link #arrive(int)}.
	 * @param expected how many distinct participants release the barrier
	 * @return completes when released
	 */
	public Mono<Void> arriveMono(int expected) {
		return Mono.fromFuture(() -> arrive(expected));
	}

	@Override
	String creationHint() {
		return "system.distributed().barrier(\"" + this.name + "\", shards=" + this.options.shards() + ")";
	}

}
