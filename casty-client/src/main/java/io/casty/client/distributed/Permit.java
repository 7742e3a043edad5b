package io.casty.client.distributed;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import reactor.core.publisher.Mono;

/**
 * A held lock or semaphore permit. Release it exactly once, best with try-with-resources:
 *
 * <pre>{@code
 * try (Permit held = lock.lock()) {
 *     // critical section
 * }
 * }</pre>
 *
 * Casty v0.21.0 has no leases: a permit that is never released stays taken until the
 * structure is destroyed, even after this client is gone.
 *
 * @since 0.1.0
 */
public final class Permit implements AutoCloseable {

	private final String structure;

	private final String owner;

	private final Function<String, CompletableFuture<Boolean>> releaser;

	private final AtomicReference<CompletableFuture<Boolean>> release = new AtomicReference<>();

	Permit(String structure, String owner, Function<String, CompletableFuture<Boolean>> releaser) {
		this.structure = structure;
		this.owner = owner;
		this.releaser = releaser;
	}

	/**
	 * The owner string this permit was granted to (unique per acquisition).
	 * @return the owner
	 */
	public String owner() {
		return this.owner;
	}

	/**
	 * Releases the permit; calling it again returns the first call's result.
	 * @return whether the cluster still counted it as held
	 */
	public CompletableFuture<Boolean> release() {
		CompletableFuture<Boolean> fresh = new CompletableFuture<>();
		if (!this.release.compareAndSet(null, fresh)) {
			return this.release.get();
		}
		this.releaser.apply(this.owner).whenComplete((released, error) -> {
			if (error != null) {
				fresh.completeExceptionally(Structure.unwrap(error));
			}
			else {
				fresh.complete(released);
			}
		});
		return fresh;
	}

	/**
	 * A lazy {@link Mono} of {@link #release()}.
	 * @return whether it was still held
	 */
	public Mono<Boolean> releaseMono() {
		return Mono.fromFuture(this::release);
	}

	/**
	 * Whether {@link #release()} was called.
	 * @return whether it was
	 */
	public boolean isReleased() {
		return this.release.get() != null;
	}

	/**
	 * Releases the permit and waits for the answer (at most the structure's timeout).
	 * @throws io.casty.client.CastyException if the release could not be confirmed
	 */
	@Override
	public void close() {
		Blocking.await(release());
	}

	@Override
	public String toString() {
		return "Permit[" + this.structure + ", owner " + this.owner + (isReleased() ? ", released]" : "]");
	}

}
