package io.casty.client.distributed;

import java.util.concurrent.CompletableFuture;

import io.casty.client.ReplyType;
import io.casty.client.distributed.protocol.CounterMessages;
import reactor.core.publisher.Mono;

/**
 * A distributed counter: one entity ({@code d-counter-<name>}, entity id {@code <name>})
 * whose value every client and node shares. Obtain one from
 * {@link CastyDistributed#counter(String)}.
 *
 * <pre>{@code
 * CastyCounter hits = client.distributed().counter("hits");
 * long now = hits.increment().join();
 * }</pre>
 *
 * The value is in memory on the owning node (unless the nodes created the counter with a
 * journal); it starts at 0 and is lost with that node or with {@link #destroy()}.
 *
 * @since 0.1.0
 */
public final class CastyCounter extends Structure {

	private static final ReplyType<Long> LONG = ReplyType.of(Long.class);

	CastyCounter(StructureGateway gateway, String name, StructureOptions options) {
		super(gateway, "counter", name, "d-counter-" + name, options);
	}

	/**
	 * Adds 1.
	 * @return the new value
	 */
	public CompletableFuture<Long> increment() {
		return increment(1);
	}

	/**
	 * Adds an amount.
	 * @param amount what to add (may be negative)
	 * @return the new value
	 */
	public CompletableFuture<Long> increment(long amount) {
		return call(this.name, (r) -> new CounterMessages.Increment(amount, r), LONG);
	}

	/**
	 * Subtracts an amount.
	 * @param amount what to subtract
	 * @return the new value
	 */
	public CompletableFuture<Long> decrement(long amount) {
		return call(this.name, (r) -> new CounterMessages.Decrement(amount, r), LONG);
	}

	/**
	 * Reads the value.
	 * @return the value
	 */
	public CompletableFuture<Long> get() {
		return call(this.name, CounterMessages.GetValue::new, LONG);
	}

	/**
	 * Stops the counter's entity; the next request starts again from 0.
	 * @return {@code true} once destroyed
	 */
	public CompletableFuture<Boolean> destroy() {
		return call(this.name, CounterMessages.DestroyCounter::new, ReplyType.of(Boolean.class));
	}

	/**
	 * A lazy {@link Mono} of {@link #increment(long)}: the request is sent on subscription.
	 * @param amount what to add
	 * @return the new value
	 */
	public Mono<Long> incrementMono(long amount) {
		return Mono.fromFuture(() -> increment(amount));
	}

	/**
	 * A lazy {@link Mono} of {@link #decrement(long)}.
	 * @param amount what to subtract
	 * @return the new value
	 */
	public Mono<Long> decrementMono(long amount) {
		return Mono.fromFuture(() -> decrement(amount));
	}

	/**
	 * A lazy {@link Mono} of {@link #get()}.
	 * @return the value
	 */
	public Mono<Long> getMono() {
		return Mono.fromFuture(this::get);
	}

	@Override
	String creationHint() {
		return "system.distributed().counter(\"" + this.name + "\", shards=" + this.options.shards() + ")";
	}

}
