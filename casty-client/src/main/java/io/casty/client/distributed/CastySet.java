package io.casty.client.distributed;

import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import io.casty.client.ReplyType;
import io.casty.client.distributed.protocol.SetMessages;
import reactor.core.publisher.Mono;

/**
 * A distributed set: one entity ({@code d-set-<name>}, entity id {@code <name>}) holding
 * every element. Obtain one from {@link CastyDistributed#set(String, Class)}.
 * <p>
 * Elements must be hashable in Python: strings, numbers, booleans, {@link io.casty.client.Tuple}s
 * or frozen records. A list (or any {@link Collection} but a {@link java.util.Set}) is refused
 * here, because it makes Casty's set entity fail and lose every element.
 *
 * @param <E> the element type
 * @since 0.1.0
 */
public final class CastySet<E> extends Structure {

	private static final ReplyType<Boolean> BOOLEAN = ReplyType.of(Boolean.class);

	CastySet(StructureGateway gateway, String name, StructureOptions options) {
		super(gateway, "set", name, "d-set-" + name, options);
	}

	/**
	 * Adds an element.
	 * @param element the element
	 * @return whether it was absent
	 */
	public CompletableFuture<Boolean> add(E element) {
		Object value = hashable(element);
		return call(this.name, (r) -> new SetMessages.Add(value, r), BOOLEAN);
	}

	/**
	 * Removes an element.
	 * @param element the element
	 * @return whether it was present
	 */
	public CompletableFuture<Boolean> remove(E element) {
		Object value = hashable(element);
		return call(this.name, (r) -> new SetMessages.Remove(value, r), BOOLEAN);
	}

	/**
	 * Tells whether an element is present.
	 * @param element the element
	 * @return whether it is
	 */
	public CompletableFuture<Boolean> contains(E element) {
		Object value = hashable(element);
		return call(this.name, (r) -> new SetMessages.SetContains(value, r), BOOLEAN);
	}

	/**
	 * Counts the elements.
	 * @return the count
	 */
	public CompletableFuture<Integer> size() {
		return call(this.name, SetMessages.SetSize::new, ReplyType.of(Integer.class));
	}

	/**
	 * Stops the set's entity: every element is gone.
	 * @return {@code true} once destroyed
	 */
	public CompletableFuture<Boolean> destroy() {
		return call(this.name, SetMessages.DestroySet::new, BOOLEAN);
	}

	/**
	 * A lazy {@link Mono} of {@link #add}.
	 * @param element the element
	 * @return whether it was absent
	 */
	public Mono<Boolean> addMono(E element) {
		return Mono.fromFuture(() -> add(element));
	}

	/**
	 * A lazy {@link Mono} of {@link #remove}.
	 * @param element the element
	 * @return whether it was present
	 */
	public Mono<Boolean> removeMono(E element) {
		return Mono.fromFuture(() -> remove(element));
	}

	/**
	 * A lazy {@link Mono} of {@link #contains}.
	 * @param element the element
	 * @return whether it is present
	 */
	public Mono<Boolean> containsMono(E element) {
		return Mono.fromFuture(() -> contains(element));
	}

	/**
	 * A lazy {@link Mono} of {@link #size}.
	 * @return the count
	 */
	public Mono<Integer> sizeMono() {
		return Mono.fromFuture(this::size);
	}

	private static Object hashable(Object element) {
		Objects.requireNonNull(element, "A distributed set cannot hold null");
		if (element instanceof Collection<?> && !(element instanceof java.util.Set<?>)
				|| element instanceof java.util.Map<?, ?> || element.getClass().isArray()) {
			throw new IllegalArgumentException("A distributed set element must be hashable in Python; a "
					+ element.getClass().getSimpleName() + " becomes a list or dict, which makes Casty's set entity "
					+ "fail and lose every element: use a Tuple, a Set or a record instead");
		}
		return element;
	}

	@Override
	String creationHint() {
		return "system.distributed().set[str](\"" + this.name + "\", shards=" + this.options.shards() + ")";
	}

}
