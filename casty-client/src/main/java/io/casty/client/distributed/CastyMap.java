package io.casty.client.distributed;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import io.casty.client.ReplyType;
import io.casty.client.distributed.protocol.MapMessages;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * A distributed map: one entity per key ({@code d-map-<name>}, entity id
 * {@code <name>:<str(key)>}), so keys spread over the cluster. Obtain one from
 * {@link CastyDistributed#map(String, Class, Class)}. Values travel with the client's codec:
 * registered records, strings, numbers, lists, maps.
 * <p>
 * As in Casty, {@link #get} and {@link #containsKey} on an absent key create an (empty)
 * entity on the owning node that stays until {@link #remove} of that key; a {@code null}
 * value cannot be stored (Casty treats it as absent).
 *
 * @param <K> the key type
 * @param <V> the value type
 * @since 0.1.0
 */
public final class CastyMap<K, V> extends Structure {

	private static final ReplyType<Boolean> BOOLEAN = ReplyType.of(Boolean.class);

	private final Function<? super K, String> keyFormat;

	private final ReplyType<V> valueType;

	CastyMap(StructureGateway gateway, String name, Function<? super K, String> keyFormat, ReplyType<V> valueType,
			StructureOptions options) {
		super(gateway, "map", name, "d-map-" + name, options);
		this.keyFormat = keyFormat;
		this.valueType = valueType;
	}

	/**
	 * The entity id of a key's entry.
	 * @param key the key
	 * @return {@code <name>:<str(key)>}
	 */
	public String entityIdOf(K key) {
		return this.name + ":" + this.keyFormat.apply(Objects.requireNonNull(key, "key"));
	}

	/**
	 * Stores a value.
	 * @param key the key
	 * @param value the value, not null
	 * @return the previous value, or null if there was none
	 */
	@SuppressWarnings("unchecked")
	public CompletableFuture<@Nullable V> put(K key, V value) {
		Objects.requireNonNull(value, "A distributed map cannot hold null: Casty treats null as absent");
		return call(entityIdOf(key), (r) -> new MapMessages.Put(value, r.narrow()), this.valueType);
	}

	/**
	 * Reads a value.
	 * @param key the key
	 * @return the value, or null if absent
	 */
	public CompletableFuture<@Nullable V> get(K key) {
		return call(entityIdOf(key), (r) -> new MapMessages.Get(r.narrow()), this.valueType);
	}

	/**
	 * Tells whether a key holds a value.
	 * @param key the key
	 * @return whether it does
	 */
	public CompletableFuture<Boolean> containsKey(K key) {
		return call(entityIdOf(key), MapMessages.Contains::new, BOOLEAN);
	}

	/**
	 * Deletes a key (its entity stops).
	 * @param key the key
	 * @return whether it held a value
	 */
	public CompletableFuture<Boolean> remove(K key) {
		return call(entityIdOf(key), MapMessages.Delete::new, BOOLEAN);
	}

	/**
	 * A lazy {@link Mono} of {@link #put}; empty when there was no previous value.
	 * @param key the key
	 * @param value the value
	 * @return the previous value
	 */
	public Mono<V> putMono(K key, V value) {
		return Mono.fromFuture(() -> put(key, value));
	}

	/**
	 * A lazy {@link Mono} of {@link #get}; empty when absent.
	 * @param key the key
	 * @return the value
	 */
	public Mono<V> getMono(K key) {
		return Mono.fromFuture(() -> get(key));
	}

	/**
	 * A lazy {@link Mono} of {@link #containsKey}.
	 * @param key the key
	 * @return whether it holds a value
	 */
	public Mono<Boolean> containsKeyMono(K key) {
		return Mono.fromFuture(() -> containsKey(key));
	}

	/**
	 * A lazy {@link Mono} of {@link #remove}.
	 * @param key the key
	 * @return whether it held a value
	 */
	public Mono<Boolean> removeMono(K key) {
		return Mono.fromFuture(() -> remove(key));
	}

	@Override
	String creationHint() {
		return "system.distributed().map[str, Any](\"" + this.name + "\", shards=" + this.options.shards() + ")";
	}

}
