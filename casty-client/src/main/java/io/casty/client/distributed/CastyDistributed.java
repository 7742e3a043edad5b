package io.casty.client.distributed;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.casty.client.CastyClient;
import io.casty.client.ReplyType;
import io.casty.client.distributed.protocol.DistributedMessages;

/**
 * Casty's distributed data structures, through one client: the Java counterpart of
 * {@code client.distributed()} in Casty's Python client, on the same wire messages.
 *
 * <pre>{@code
 * CastyDistributed d = client.distributed();
 * long views = d.counter("page-views").increment().join();
 * CastyMap<String, Profile> profiles = d.map("profiles", String.class, Profile.class);
 * try (Permit held = d.lock("report").lock()) {
 *     // one holder in the whole cluster
 * }
 * }</pre>
 *
 * Each structure is a sharded entity type that the <em>nodes</em> must create, with the same
 * shard count the client uses ({@code system.distributed().counter("page-views")} in the
 * node's code); a client cannot create one. A request to a structure no node hosts fails
 * with {@link StructureNotHostedException} once the client can tell, rather than at its
 * timeout. Shard counts and timeouts default to Casty's ({@link StructureOptions}).
 * Creating a structure object is cheap and sends nothing.
 *
 * @since 0.1.0
 */
public final class CastyDistributed {

	/** Shard type of the system barrier every node hosts. */
	public static final String SYSTEM_BARRIER_TYPE = "_barrier";

	private final StructureGateway gateway;

	/** Barrier arrivals in flight, by shard type, name and participant. */
	private final Set<String> waitingArrivals = ConcurrentHashMap.newKeySet();

	CastyDistributed(StructureGateway gateway) {
		this.gateway = gateway;
	}

	/**
	 * The structures of a started client; registers their message types with its codec.
	 * {@link CastyClient#distributed()} returns one such instance per client.
	 * @param client the client
	 * @return the structures
	 */
	public static CastyDistributed of(CastyClient client) {
		Objects.requireNonNull(client, "client");
		client.messageTypes().register(DistributedMessages.TYPES.toArray(Class<?>[]::new));
		return new CastyDistributed(new ClientStructureGateway(client));
	}

	/**
	 * A counter with Casty's defaults.
	 * @param name the counter's name
	 * @return the counter
	 */
	public CastyCounter counter(String name) {
		return counter(name, StructureOptions.defaults());
	}

	/**
	 * A counter.
	 * @param name the counter's name
	 * @param options its shard count (as the nodes') and timeout
	 * @return the counter
	 */
	public CastyCounter counter(String name, StructureOptions options) {
		return new CastyCounter(this.gateway, name, options);
	}

	/**
	 * A map with Casty's defaults, keyed by a type whose Python {@code str()} the client
	 * reproduces (String, integers, Boolean, Character, UUID).
	 * @param <K> the key type
	 * @param <V> the value type
	 * @param name the map's name
	 * @param keyType the key type
	 * @param valueType the value type (a registered record, String, Integer, ...)
	 * @return the map
	 */
	public <K, V> CastyMap<K, V> map(String name, Class<K> keyType, Class<V> valueType) {
		return map(name, keyType, ReplyType.of(valueType), StructureOptions.defaults());
	}

	/**
	 * A map with a generic value type, e.g. {@code new ReplyType<List<String>>() {}}.
	 * @param <K> the key type
	 * @param <V> the value type
	 * @param name the map's name
	 * @param keyType the key type
	 * @param valueType the value type with its type arguments
	 * @param options its shard count and timeout
	 * @return the map
	 */
	public <K, V> CastyMap<K, V> map(String name, Class<K> keyType, ReplyType<V> valueType, StructureOptions options) {
		return map(name, MapKeys.forType(keyType), valueType, options);
	}

	/**
	 * A map with keys of any type, given the Python {@code str()} of each key (Casty names
	 * each entry's entity {@code <name>:<str(key)>}, so it must match what Python clients and
	 * nodes compute).
	 * @param <K> the key type
	 * @param <V> the value type
	 * @param name the map's name
	 * @param keyFormat returns Python's {@code str()} of a key
	 * @param valueType the value type
	 * @param options its shard count and timeout
	 * @return the map
	 */
	public <K, V> CastyMap<K, V> map(String name, Function<? super K, String> keyFormat, ReplyType<V> valueType,
			StructureOptions options) {
		registerValueType(valueType);
		return new CastyMap<>(this.gateway, name, keyFormat, valueType, options);
	}

	/**
	 * A set with Casty's defaults.
	 * @param <E> the element type
	 * @param name the set's name
	 * @param elementType the element type
	 * @return the set
	 */
	public <E> CastySet<E> set(String name, Class<E> elementType) {
		return set(name, elementType, StructureOptions.defaults());
	}

	/**
	 * A set.
	 * @param <E> the element type
	 * @param name the set's name
	 * @param elementType the element type
	 * @param options its shard count and timeout
	 * @return the set
	 */
	public <E> CastySet<E> set(String name, Class<E> elementType, StructureOptions options) {
		registerValueType(ReplyType.of(elementType));
		return new CastySet<>(this.gateway, name, options);
	}

	/**
	 * A queue with Casty's defaults.
	 * @param <E> the element type
	 * @param name the queue's name
	 * @param elementType the element type
	 * @return the queue
	 */
	public <E> CastyQueue<E> queue(String name, Class<E> elementType) {
		return queue(name, ReplyType.of(elementType), StructureOptions.defaults());
	}

	/**
	 * A queue.
	 * @param <E> the element type
	 * @param name the queue's name
	 * @param elementType the element type, with its type arguments if generic
	 * @param options its shard count and timeout
	 * @return the queue
	 */
	public <E> CastyQueue<E> queue(String name, ReplyType<E> elementType, StructureOptions options) {
		registerValueType(elementType);
		return new CastyQueue<>(this.gateway, name, elementType, options);
	}

	/**
	 * A lock with Casty's defaults.
	 * @param name the lock's name
	 * @return the lock
	 */
	public CastyLock lock(String name) {
		return lock(name, StructureOptions.defaults());
	}

	/**
	 * A lock.
	 * @param name the lock's name
	 * @param options its shard count and timeout
	 * @return the lock
	 */
	public CastyLock lock(String name, StructureOptions options) {
		return new CastyLock(this.gateway, name, options);
	}

	/**
	 * A semaphore with Casty's defaults; its permit count is the one the nodes created it with.
	 * @param name the semaphore's name
	 * @return the semaphore
	 */
	public CastySemaphore semaphore(String name) {
		return semaphore(name, StructureOptions.defaults());
	}

	/**
	 * A semaphore.
	 * @param name the semaphore's name
	 * @param options its shard count and timeout
	 * @return the semaphore
	 */
	public CastySemaphore semaphore(String name, StructureOptions options) {
		return new CastySemaphore(this.gateway, name, options);
	}

	/**
	 * A barrier with Casty's defaults ({@value StructureOptions#DEFAULT_BARRIER_SHARDS} shards,
	 * 60 s), arriving as this client.
	 * @param name the barrier's name
	 * @return the barrier
	 */
	public CastyBarrier barrier(String name) {
		return new CastyBarrier(this.gateway, name, "d-barrier-" + name, this.gateway::participantId,
				this.waitingArrivals, StructureOptions.barrierDefaults());
	}

	/**
	 * A barrier arriving as a given participant, for several participants in one client.
	 * @param name the barrier's name
	 * @param participant a unique id of the participant
	 * @param options its shard count and timeout
	 * @return the barrier
	 */
	public CastyBarrier barrier(String name, String participant, StructureOptions options) {
		if (participant.isEmpty()) {
			throw new IllegalArgumentException("A barrier participant id must not be empty");
		}
		return new CastyBarrier(this.gateway, name, "d-barrier-" + name, () -> participant, this.waitingArrivals,
				options);
	}

	/**
	 * The system barrier every node hosts (shard type {@value #SYSTEM_BARRIER_TYPE}), the one
	 * nodes reach with {@code await system.barrier(name, n)}; nodes arrive as
	 * {@code <host>:<port>}, this client as its unique id.
	 * @param name the barrier's name
	 * @return the barrier
	 */
	public CastyBarrier systemBarrier(String name) {
		return new CastyBarrier(this.gateway, name, SYSTEM_BARRIER_TYPE, this.gateway::participantId,
				this.waitingArrivals, StructureOptions.barrierDefaults());
	}

	private void registerValueType(ReplyType<?> type) {
		this.gateway.registerValueType(type.type());
	}

}
