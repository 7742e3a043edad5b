package io.casty.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.casty.client.protocol.codec.MessageTypeRegistry;
import io.casty.client.routing.DefaultEntityRef;
import io.casty.client.topology.TopologyCache;
import io.casty.client.topology.TopologyView;
import io.casty.client.transport.ClientIdentity;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * A client of a Casty cluster that does not join it: it subscribes to the cluster topology,
 * routes entity messages straight to the node owning each shard, asks with timeouts, and
 * finds services.
 *
 * <pre>{@code
 * try (CastyClient client = CastyClient.start(CastyClientOptions.builder()
 *         .contactPoints("127.0.0.1:25520").systemName("shop").messageTypes(CounterMsg.class).build())) {
 *     EntityRef<CounterMsg> counters = client.entityRef("counter", 100, CounterMsg.class);
 *     counters.tell("alice", new Increment(5));
 *     int total = counters.ask("alice", GetCount::new, Integer.class).join();
 * }
 * }</pre>
 *
 * Thread-safe. {@link #close()} unsubscribes from the topology, fails pending asks, and
 * releases every socket, thread and buffer; it may be called from any thread, a callback of
 * an ask included. Methods returning a future never throw: every failure, misuse included,
 * completes the future exceptionally (see {@link EntityRef}); the others throw.
 *
 * @since 0.1.0
 */
public final class CastyClient implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(CastyClient.class);

	private final CastyClientOptions options;

	/** Message types, codec and encoder, shared by every start. */
	private final ClientCodecs codecs;

	private final TopologyCache topology = new TopologyCache();

	private final Map<String, DefaultEntityRef<?>> entityRefs = new ConcurrentHashMap<>();

	private final ServiceLookup services;

	private volatile io.casty.client.distributed.@Nullable CastyDistributed distributed;

	/** Actors hosted by this client, reached by nodes at paths that are not well-known ones. */
	private final io.casty.client.actors.ClientActors actors;

	private final io.casty.client.streams.CastyStreams streams;

	/** What one start built: threads, connections, asks, subscription and routers; null while not running. */
	private volatile @Nullable ClientSession session;

	/** Identity of lane 0 in the last start, kept after a stop for logs and errors. */
	private volatile @Nullable ClientIdentity identity;

	private volatile State state = State.NEW;

	private enum State {

		NEW, STARTED, STOPPED, CLOSED

	}

	private CastyClient(CastyClientOptions options) {
		this.options = options;
		this.codecs = new ClientCodecs(options);
		this.services = new DefaultServiceLookup(options, this.topology, this.codecs,
				(ref, request, timeout) -> ask(ref, request, io.casty.client.protocol.messages.Listing.class, timeout));
		this.actors = new io.casty.client.actors.ClientActors(this.codecs.codec, options.listener(),
				(path) -> clientIdentity().ref(path), this::tell);
		this.streams = new io.casty.client.streams.CastyStreams(this.actors, this.codecs.codec, this::tell);
	}

	/**
	 * Creates a client; call {@link #start()} before use.
	 * @param options the settings
	 * @return the client
	 */
	public static CastyClient create(CastyClientOptions options) {
		return new CastyClient(Objects.requireNonNull(options, "options"));
	}

	/**
	 * Creates and starts a client.
	 * @param options the settings
	 * @return the started client
	 */
	public static CastyClient start(CastyClientOptions options) {
		return create(options).start();
	}

	/**
	 * Binds the listener and starts subscribing to the topology. Returns without waiting for
	 * the first snapshot (see {@link #awaitTopology(Duration)}); messages sent before it
	 * arrives wait in bounded buffers. A {@link #stop() stopped} client starts again: it
	 * binds new listeners (so its identity may change), subscribes again, and the entity refs
	 * it handed out before route again.
	 * @return this client
	 * @throws ClientClosedException if the client was closed
	 * @throws IllegalStateException if it is already started
	 */
	public synchronized CastyClient start() {
		if (this.state == State.CLOSED) {
			throw new ClientClosedException("The Casty client was already closed");
		}
		if (this.state == State.STARTED) {
			throw new IllegalStateException("The Casty client was already started");
		}
		ClientSession started = new ClientSession(this.options, this.codecs, this.topology, this.actors::deliver);
		try {
			ClientIdentity id = started.bind().get(0);
			for (DefaultEntityRef<?> ref : this.entityRefs.values()) {
				ref.rebind(started.router(ref.shardType(), ref.numShards()), started.asks);
			}
			started.subscribe();
			this.identity = id;
			this.session = started;
			this.state = State.STARTED;
			logger.info("Casty client {} started; contact points {}", id, this.options.contactPoints());
			return this;
		}
		catch (RuntimeException ex) {
			boolean first = this.state == State.NEW;
			started.close(first);
			if (first) {
				this.state = State.CLOSED;
			}
			throw new CastyException("The Casty client could not start: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Releases what {@link #start()} acquired, so that the client can {@link #start() start}
	 * again: unsubscribes from the topology, fails pending asks with
	 * {@link ClientClosedException}, drops buffered messages, closes every connection and
	 * listener, and stops its threads. Entity refs, registered message types and topology
	 * stream subscribers stay valid; the topology view is cleared. Does nothing unless
	 * started.
	 */
	public void stop() {
		ClientSession stopped;
		synchronized (this) {
			if (this.state != State.STARTED) {
				return;
			}
			this.state = State.STOPPED;
			stopped = this.session;
			this.session = null;
		}
		if (stopped != null) {
			stopped.close(false);
		}
		logger.info("Casty client {} stopped", this.identity);
	}

	/**
	 * Waits for the first topology snapshot.
	 * @param timeout how long to wait
	 * @return the view
	 * @throws ClusterUnavailableException if none arrived in time
	 */
	public TopologyView awaitTopology(Duration timeout) {
		return requireStarted().awaitTopology(timeout);
	}

	/**
	 * The entities of one shard type. Cached per type: asking again returns the same ref.
	 * @param <M> the message type
	 * @param shardType the shard type
	 * @param numShards its shard count, as configured on every node
	 * @param messageType the message type (registered with the codec here)
	 * @return the ref
	 * @throws IllegalArgumentException if the type was requested before with another shard count
	 */
	@SuppressWarnings("unchecked")
	public <M> EntityRef<M> entityRef(String shardType, int numShards, Class<M> messageType) {
		ClientSession current = requireStarted();
		if (shardType.isBlank()) {
			throw new IllegalArgumentException("The shard type must not be blank");
		}
		if (numShards < 1) {
			throw new IllegalArgumentException("numShards must be at least 1, was " + numShards);
		}
		this.codecs.register(messageType);
		DefaultEntityRef<?> ref;
		synchronized (this) {
			// under the lock of start(), so a restart never misses a ref created meanwhile
			ClientSession bound = (this.session != null) ? this.session : current;
			ref = this.entityRefs.computeIfAbsent(shardType,
					(type) -> new DefaultEntityRef<>(type, numShards, bound.router(type, numShards), bound.asks,
							this.options.askTimeout(), this.codecs.encoder, this::requireStarted,
							this::checkReachable));
		}
		if (ref.numShards() != numShards) {
			throw new IllegalArgumentException("Shard type '" + shardType + "' is already used with " + ref.numShards()
					+ " shards, not " + numShards + "; every party must use the same count");
		}
		return (EntityRef<M>) ref;
	}

	/**
	 * Sends a message to any actor, for example a service instance or a ref received in a
	 * reply.
	 * @param ref the actor
	 * @param message the message
	 * @throws NodeUnreachableException if its node is known to be unreachable
	 */
	public void tell(ActorRef<?> ref, Object message) {
		ClientSession current = requireStarted();
		current.actorMessaging.tell(ref, message);
	}

	/**
	 * Asks any actor, with the default timeout.
	 * @param <M> the actor's message type
	 * @param <R> the reply type
	 * @param ref the actor
	 * @param factory builds the message around the reply ref
	 * @param replyType the reply type
	 * @return the reply
	 */
	public <M, R> CompletableFuture<R> ask(ActorRef<M> ref, Function<ActorRef<R>, ? extends M> factory,
			Class<R> replyType) {
		return ask(ref, factory, replyType, this.options.askTimeout());
	}

	/**
	 * Asks any actor.
	 * @param <M> the actor's message type
	 * @param <R> the reply type
	 * @param ref the actor
	 * @param factory builds the message around the reply ref
	 * @param replyType the reply type
	 * @param timeout how long to wait
	 * @return the reply; fails as {@link EntityRef#ask(String, Function, Class)} does and
	 * never throws
	 */
	public <M, R> CompletableFuture<R> ask(ActorRef<M> ref, Function<ActorRef<R>, ? extends M> factory,
			Class<R> replyType, Duration timeout) {
		CastyClientListener.AskEnd end = actorAskStarted(ref);
		return ended(end, askTyped(ref, factory, replyType, timeout));
	}

	/**
	 * Asks any actor for a generic reply type, decoded with its type arguments.
	 * @param <M> the actor's message type
	 * @param <R> the reply type
	 * @param ref the actor
	 * @param factory builds the message around the reply ref
	 * @param replyType the reply type, e.g. {@code new ReplyType<List<String>>() {}}
	 * @param timeout how long to wait
	 * @return the reply
	 */
	public <M, R> CompletableFuture<R> ask(ActorRef<M> ref, Function<ActorRef<R>, ? extends M> factory,
			ReplyType<R> replyType, Duration timeout) {
		CastyClientListener.AskEnd end = actorAskStarted(ref);
		return ended(end, askTyped(ref, factory, replyType.type(), timeout));
	}

	/** Tells the listener an ask to an actor starts ({@link CastyClientListener#actorAskStarted}). */
	private CastyClientListener.AskEnd actorAskStarted(@Nullable ActorRef<?> ref) {
		return (ref != null) ? this.options.listener().actorAskStarted(ref) : CastyClientListener.AskEnd.NONE;
	}

	/** Tells {@code end} how the ask ended; returns the ask's own future, so cancelling it still reaches the ask. */
	private static <R> CompletableFuture<R> ended(CastyClientListener.AskEnd end, CompletableFuture<R> reply) {
		if (end != CastyClientListener.AskEnd.NONE) {
			reply.whenComplete((value, failure) -> end.ended(failure));
		}
		return reply;
	}

	private <M, R> CompletableFuture<R> askTyped(@Nullable ActorRef<M> ref,
			@Nullable Function<ActorRef<R>, ? extends M> factory, java.lang.reflect.@Nullable Type replyType,
			@Nullable Duration timeout) {
		ClientSession current;
		try {
			// Every failure of a future-returning call is a failed future, misuse included.
			Objects.requireNonNull(ref, "ref");
			Objects.requireNonNull(factory, "factory");
			current = requireStarted();
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		return current.actorMessaging.ask(ref, factory, replyType, timeout);
	}

	/**
	 * A lazy {@link Mono} variant of {@link #ask(ActorRef, Function, Class)}.
	 * @param <M> the actor's message type
	 * @param <R> the reply type
	 * @param ref the actor
	 * @param factory builds the message around the reply ref
	 * @param replyType the reply type
	 * @return the reply
	 */
	public <M, R> Mono<R> askMono(ActorRef<M> ref, Function<ActorRef<R>, ? extends M> factory, Class<R> replyType) {
		return Mono.fromFuture(() -> ask(ref, factory, replyType));
	}

	/**
	 * Service discovery.
	 * @return the lookup
	 */
	public ServiceLookup services() {
		return this.services;
	}

	/**
	 * Casty's distributed data structures (counters, maps, sets, queues, locks, semaphores,
	 * barriers) through this client; the nodes must have created each structure.
	 * @return the structures, one instance per client (usable once the client is started)
	 */
	public io.casty.client.distributed.CastyDistributed distributed() {
		io.casty.client.distributed.CastyDistributed d = this.distributed;
		if (d == null) {
			synchronized (this) {
				d = this.distributed;
				if (d == null) {
					d = io.casty.client.distributed.CastyDistributed.of(this);
					this.distributed = d;
				}
			}
		}
		return d;
	}

	/**
	 * Hosts an actor on this client at {@code /<name>}: nodes reach it through the client's
	 * connections with the returned ref (it names this client's identity). Messages are
	 * decoded into {@code messageType} and handled one at a time, off the I/O threads.
	 * @param <M> the message type
	 * @param name the actor's name (no {@code /}, not starting with {@code _})
	 * @param messageType the message type (registered with the codec here)
	 * @param behavior what the actor does
	 * @return the actor's ref
	 */
	public <M> ActorRef<M> spawn(String name, Class<M> messageType, io.casty.client.actors.ActorBehavior<M> behavior) {
		return spawn(name, messageType, behavior, io.casty.client.actors.ActorOptions.defaults());
	}

	/**
	 * Like {@link #spawn(String, Class, io.casty.client.actors.ActorBehavior)} with a mailbox
	 * of its own size and overflow rule.
	 * @param <M> the message type
	 * @param name the actor's name
	 * @param messageType the message type
	 * @param behavior what the actor does
	 * @param options its mailbox
	 * @return the actor's ref
	 */
	public <M> ActorRef<M> spawn(String name, Class<M> messageType, io.casty.client.actors.ActorBehavior<M> behavior,
			io.casty.client.actors.ActorOptions options) {
		requireStarted();
		this.codecs.register(messageType);
		return this.actors.spawn(name, messageType, behavior, options);
	}

	/**
	 * Stops an actor this client hosts; messages to it are dropped from now on.
	 * @param ref the ref {@link #spawn} returned
	 * @return whether an actor was stopped
	 */
	public boolean stopActor(ActorRef<?> ref) {
		return this.actors.stop(ref);
	}

	/**
	 * The actors this client hosts, with their counters.
	 * @return the host
	 */
	public io.casty.client.actors.ClientActors actors() {
		return this.actors;
	}

	/**
	 * Casty streams consumed as {@link reactor.core.publisher.Flux}es.
	 * @return the streams
	 */
	public io.casty.client.streams.CastyStreams streams() {
		return this.streams;
	}

	/**
	 * The topology cache: the current view and its changes.
	 * @return the cache
	 */
	public TopologyCache topology() {
		return this.topology;
	}

	/**
	 * The message types the codec knows; register more at any time.
	 * @return the registry
	 */
	public MessageTypeRegistry messageTypes() {
		return this.codecs.registry;
	}

	/**
	 * The identity the client gives nodes ({@code host:port} of its handshake and refs).
	 * @return the identity
	 */
	public ClientIdentity clientIdentity() {
		ClientIdentity id = this.identity;
		if (id == null) {
			throw new IllegalStateException("The Casty client is not started");
		}
		return id;
	}

	/**
	 * The identity of each connection lane ({@link SocketOptions#connectionsPerNode()}, or
	 * when that is chosen from the nodes {@link SocketOptions#CONNECTIONS_PER_CASTY_NODE}
	 * identities, of which only lane 0's is used if the nodes declare pipelined reads),
	 * lane 0 first; lane 0's is {@link #clientIdentity()}.
	 * @return the identities
	 */
	public List<ClientIdentity> clientIdentities() {
		return requireStarted().identities;
	}

	/**
	 * Nodes with an open connection.
	 * @return their addresses; empty while not running
	 */
	public List<NodeAddress> connectedNodes() {
		ClientSession current = this.session;
		return (current != null) ? current.connections.connectedNodes() : List.of();
	}

	/**
	 * What the client's connections look like now: per node and lane the state, since when,
	 * reconnect attempts, bytes waiting to be written and the last failure; per member of the
	 * current topology whether the client can reach it and why not. Read-only and cheap (no
	 * lock, no I/O); meant for health checks, dashboards and tools, not for routing.
	 * @return the picture; empty while the client is not running
	 */
	public ConnectionsInfo connections() {
		ClientSession current = this.session;
		return (current != null) ? current.describe() : new ConnectionsInfo(Instant.now(), List.of(), List.of());
	}

	/**
	 * Asks in flight.
	 * @return the count
	 */
	public int pendingAsks() {
		ClientSession current = this.session;
		return (current != null) ? current.asks.size() : 0;
	}

	/**
	 * Messages waiting for shard locations, over all shard types.
	 * @return the count
	 */
	public int bufferedMessages() {
		ClientSession current = this.session;
		return (current != null) ? current.bufferedMessages() : 0;
	}

	/**
	 * The settings.
	 * @return the options
	 */
	public CastyClientOptions options() {
		return this.options;
	}

	/**
	 * Whether the client is started and not closed.
	 * @return whether it is running
	 */
	public boolean isRunning() {
		return this.state == State.STARTED;
	}

	private ClientSession requireStarted() {
		ClientSession current = this.session;
		if (current != null) {
			return current;
		}
		if (this.state == State.CLOSED) {
			throw new ClientClosedException("The Casty client is closed");
		}
		if (this.state == State.STOPPED) {
			throw new IllegalStateException("The Casty client is stopped; call start() to use it again");
		}
		throw new IllegalStateException("The Casty client is not started; call start() first");
	}

	/** Fails an ask at once when no node can be reached at all ({@link ClientSession#checkReachable()}). */
	private void checkReachable() {
		ClientSession current = this.session;
		if (current != null) {
			current.checkReachable();
		}
	}

	/**
	 * Unsubscribes from the topology, fails pending asks with {@link ClientClosedException},
	 * drops buffered messages, and releases every connection and thread, for good.
	 * Idempotent.
	 */
	@Override
	public void close() {
		ClientSession closed;
		synchronized (this) {
			if (this.state == State.CLOSED) {
				return;
			}
			this.state = State.CLOSED;
			closed = this.session;
			this.session = null;
		}
		this.actors.close();
		if (closed != null) {
			closed.close(true);
		}
		logger.info("Casty client {} closed", this.identity);
	}

}
