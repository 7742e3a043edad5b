package io.casty.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.casty.client.messaging.AskRegistry;
import io.casty.client.messaging.InboundDispatcher;
import io.casty.client.messaging.PendingAsk;
import io.casty.client.messaging.TypedAsk;
import io.casty.client.protocol.CastyPaths;
import io.casty.client.protocol.EncodedMessage;
import io.casty.client.protocol.MessageEncoder;
import io.casty.client.protocol.codec.MessageCodec;
import io.casty.client.protocol.codec.MessageTypeRegistry;
import io.casty.client.protocol.messages.GetShardLocation;
import io.casty.client.protocol.messages.MemberStatus;
import io.casty.client.protocol.messages.ShardLocation;
import io.casty.client.protocol.messages.TopologySnapshot;
import io.casty.client.routing.DefaultEntityRef;
import io.casty.client.routing.RouteFence;
import io.casty.client.routing.RouterTimers;
import io.casty.client.routing.RoutingContext;
import io.casty.client.routing.ShardRouter;
import io.casty.client.routing.ShardTransport;
import io.casty.client.topology.SnapshotDecoder;
import io.casty.client.topology.TopologyCache;
import io.casty.client.topology.TopologySubscriber;
import io.casty.client.topology.TopologyTransport;
import io.casty.client.topology.TopologyView;
import io.casty.client.transport.ClientIdentity;
import io.casty.client.transport.ConnectionEvents;
import io.casty.client.transport.ConnectionManager;
import io.casty.client.transport.SendFailure;
import io.netty.util.concurrent.EventExecutor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.resources.LoopResources;

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

	private final MessageTypeRegistry registry;

	private final MessageCodec codec;

	/** Encodes every outbound message once, in the caller's thread. */
	private final MessageEncoder encoder;

	/** Decodes topology snapshots, each unchanged one only once. */
	private final SnapshotDecoder snapshots;

	private final TopologyCache topology = new TopologyCache();

	/** Entity and service message types already handed to the registry. */
	private final Set<Class<?>> registeredMessageTypes = ConcurrentHashMap.newKeySet();

	private final Map<String, DefaultEntityRef<?>> entityRefs = new ConcurrentHashMap<>();

	private final ServiceLookup services;

	private volatile io.casty.client.distributed.@Nullable CastyDistributed distributed;

	/** Actors hosted by this client, reached by nodes at paths that are not well-known ones. */
	private final io.casty.client.actors.ClientActors actors;

	private final io.casty.client.streams.CastyStreams streams;

	/** What one start built: threads, connections, asks, subscription and routers; null while not running. */
	private volatile @Nullable Session session;

	/** Identity of lane 0 in the last start, kept after a stop for logs and errors. */
	private volatile @Nullable ClientIdentity identity;

	private volatile State state = State.NEW;

	private enum State {

		NEW, STARTED, STOPPED, CLOSED

	}

	private CastyClient(CastyClientOptions options) {
		this.options = options;
		this.registry = MessageTypeRegistry.withProtocolTypes();
		for (Class<?> type : options.messageTypes()) {
			this.registry.register(type);
		}
		this.codec = new MessageCodec(this.registry, options.codec().format(), options.codec().compression(),
				options.codec().compressionLevel(), options.codec().maxFrameSize());
		this.encoder = new MessageEncoder(this.codec);
		this.snapshots = new SnapshotDecoder(this.codec);
		this.services = new DefaultServiceLookup(this);
		this.registry.register(io.casty.client.streams.StreamMessages.class);
		this.actors = new io.casty.client.actors.ClientActors(this.codec, options.listener(),
				(path) -> clientIdentity().ref(path), this::tell);
		this.streams = new io.casty.client.streams.CastyStreams(this.actors, this.codec, this::tell);
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
		Session started = new Session();
		try {
			List<ClientIdentity> ids = started.connections.start();
			ClientIdentity id = ids.get(0);
			started.identities = ids;
			started.asks.start(ids);
			for (DefaultEntityRef<?> ref : this.entityRefs.values()) {
				ref.rebind(started.router(ref.shardType(), ref.numShards()), started.asks);
			}
			started.subscriber.start(id);
			started.sweeper = started.scheduler.scheduleAtFixedRate(() -> expireBuffers(started), 200, 200,
					TimeUnit.MILLISECONDS);
			this.identity = id;
			this.session = started;
			this.state = State.STARTED;
			warnAboutLoopbackIdentity(id);
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
		Session stopped;
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

	private void warnAboutLoopbackIdentity(ClientIdentity id) {
		boolean loopbackIdentity = id.host().startsWith("127.") || id.host().equals("localhost");
		boolean remoteContact = this.options.contactPoints()
			.stream()
			.anyMatch((c) -> !c.host().startsWith("127.") && !c.host().equals("localhost"));
		if (this.options.listen().enabled() && loopbackIdentity && remoteContact) {
			logger.warn("The client advertises {} to remote nodes; set the advertised host to an address they can "
					+ "reach (and that is unique to this client), or nodes will not be able to dial it back", id);
		}
	}

	/**
	 * Waits for the first topology snapshot.
	 * @param timeout how long to wait
	 * @return the view
	 * @throws ClusterUnavailableException if none arrived in time
	 */
	public TopologyView awaitTopology(Duration timeout) {
		Session current = requireStarted();
		try {
			return current.subscriber.firstTopology().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			throw new ClusterUnavailableException(
					"No topology within " + timeout.toMillis() + " ms: " + current.subscriber.describeProblem());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CastyException("Interrupted while waiting for the topology", ex);
		}
		catch (ExecutionException ex) {
			throw new CastyException("Waiting for the topology failed", ex.getCause());
		}
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
		Session current = requireStarted();
		if (shardType.isBlank()) {
			throw new IllegalArgumentException("The shard type must not be blank");
		}
		if (numShards < 1) {
			throw new IllegalArgumentException("numShards must be at least 1, was " + numShards);
		}
		registerMessageType(messageType);
		DefaultEntityRef<?> ref;
		synchronized (this) {
			// under the lock of start(), so a restart never misses a ref created meanwhile
			Session bound = (this.session != null) ? this.session : current;
			ref = this.entityRefs.computeIfAbsent(shardType,
					(type) -> new DefaultEntityRef<>(type, numShards, bound.router(type, numShards), bound.asks,
							this.options.askTimeout(), this.encoder, this::requireStarted,
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
		Session current = requireStarted();
		EncodedMessage encoded = this.encoder.encode(message);
		NodeAddress node = nodeOf(ref);
		String path = ref.address().path();
		current.connections.send(current.connections.laneOf(path), node, path, encoded,
				(failure) -> this.options.listener().messageDropped("actor", "node-unreachable"));
		this.options.listener().messageSent("actor");
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
		PendingAsk ask;
		Session current;
		try {
			// Every failure of a future-returning call is a failed future, misuse included.
			Objects.requireNonNull(ref, "ref");
			Objects.requireNonNull(factory, "factory");
			current = requireStarted();
			String path = ref.address().path();
			ask = current.asks.register(Objects.requireNonNull(replyType, "replyType"), "actor", () -> "ask to " + ref,
					Objects.requireNonNull(timeout, "timeout"), current.connections.laneOf(path));
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		return TypedAsk.send(current.asks, ask, ref, factory, null, null, current.actorRequests);
	}

	/** Encodes and sends an ask's request to any actor, on the lane of its path. */
	private void sendRequest(Session current, ActorRef<?> ref, Object message, PendingAsk ask) {
		EncodedMessage encoded = this.encoder.encode(message);
		NodeAddress node = nodeOf(ref);
		String path = ref.address().path();
		ask.sentTo(node);
		AskRegistry asks = current.asks;
		ask.sentOn(current.connections.request(current.connections.laneOf(path), node, path, encoded,
				(failure) -> asks.connectionLost(ask, failure)));
		this.options.listener().messageSent("actor");
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
		registerMessageType(messageType);
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
		return this.registry;
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
	 * The identity of each connection lane ({@link SocketOptions#connectionsPerNode()}),
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
		Session current = this.session;
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
		Session current = this.session;
		if (current == null) {
			return new ConnectionsInfo(Instant.now(), List.of(), List.of());
		}
		TopologyView view = this.topology.current();
		Set<NodeAddress> unreachable = view.unreachable();
		List<ConnectionsInfo.MemberReachability> members = new ArrayList<>();
		view.memberStatuses().forEach((node, status) -> {
			String reason = null;
			if (status == MemberStatus.DOWN || status == MemberStatus.REMOVED) {
				reason = "The cluster marks it " + status.name().toLowerCase();
			}
			else if (unreachable.contains(node)) {
				reason = "The cluster's failure detector marks it unreachable";
			}
			else {
				CastyException failure = current.connections.failureOf(node);
				if (failure != null) {
					reason = "Its connection failed: " + failure.getMessage();
				}
			}
			members.add(new ConnectionsInfo.MemberReachability(node, reason == null, reason));
		});
		return new ConnectionsInfo(Instant.now(), current.connections.describe(), members);
	}

	/**
	 * Asks in flight.
	 * @return the count
	 */
	public int pendingAsks() {
		Session current = this.session;
		return (current != null) ? current.asks.size() : 0;
	}

	/**
	 * Messages waiting for shard locations, over all shard types.
	 * @return the count
	 */
	public int bufferedMessages() {
		Session current = this.session;
		return (current != null) ? current.routers.values().stream().mapToInt(ShardRouter::bufferedCount).sum() : 0;
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

	MessageCodec codec() {
		return this.codec;
	}

	/**
	 * Registers the message type of an entity or service (a record, enum or sealed interface
	 * of them) with the codec, once.
	 * @param messageType the type; other kinds (Object, open interfaces) are left alone
	 * @throws IllegalArgumentException if it is a record or enum without {@code @CastyMessage}
	 */
	void registerMessageType(Class<?> messageType) {
		if ((messageType.isSealed() || messageType.isRecord() || messageType.isEnum())
				&& !this.registeredMessageTypes.contains(messageType)) {
			// idempotent; marked only once done, so a concurrent caller never skips ahead of it
			this.registry.register(messageType);
			this.registeredMessageTypes.add(messageType);
		}
	}

	private Session requireStarted() {
		Session current = this.session;
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

	/**
	 * Fails an ask at once when the client is started, connected to no node at all, and
	 * every node it knows (contact points and members) has failed its last connection
	 * attempt: waiting the ask's timeout would only delay the same answer.
	 */
	private void checkReachable() {
		Session current = this.session;
		if (current == null) {
			return;
		}
		// Runs on every ask: the common case (a contact point that has not failed) answers
		// first and allocates nothing; listing the connected nodes and the members does.
		List<NodeAddress> contacts = this.options.contactPoints();
		for (int i = 0; i < contacts.size(); i++) {
			if (!current.connections.isFailed(contacts.get(i))) {
				return;
			}
		}
		if (!current.connections.connectedNodes().isEmpty()) {
			return;
		}
		Set<NodeAddress> known = new HashSet<>(contacts);
		known.addAll(this.topology.current().memberStatuses().keySet());
		for (NodeAddress node : known) {
			if (!current.connections.isFailed(node)) {
				return;
			}
		}
		throw new ClusterUnavailableException("No Casty node can be reached: every known node (" + known.size()
				+ ") failed its last connection attempt and none is connected; " + current.subscriber.describeProblem());
	}

	private static NodeAddress nodeOf(ActorRef<?> ref) {
		ActorAddress address = ref.address();
		if (!address.isRemote()) {
			throw new InvalidActorAddressException("Cannot send to the local ref " + ref + ": it has no host and port");
		}
		return new NodeAddress(Objects.requireNonNull(address.host()), address.port());
	}

	private static boolean onLocation(Session current, String shardType, ShardLocation location) {
		ShardRouter router = current.routers.get(shardType);
		if (router == null) {
			return false;
		}
		router.onLocation(location);
		return true;
	}

	private void onTopology(Session current, TopologyView view) {
		TopologyView previous = current.lastView;
		current.lastView = view;
		Set<NodeAddress> newlyUnavailable = new HashSet<>(view.unavailable());
		newlyUnavailable.removeAll(previous.unavailable());
		for (NodeAddress node : newlyUnavailable) {
			this.options.listener().nodeEvicted(node, "cluster-marked-unavailable");
			current.asks.failNode(node,
					new NodeUnreachableException(node, "The cluster marked node " + node + " unavailable"));
		}
		for (ShardRouter router : current.routers.values()) {
			router.onTopology(view);
		}
	}

	private static void expireBuffers(Session current) {
		for (ShardRouter router : current.routers.values()) {
			try {
				router.expire();
			}
			catch (RuntimeException ex) {
				logger.warn("Expiring buffered messages failed: {}", ex.toString());
			}
		}
	}

	private final class Events implements ConnectionEvents {

		private final Session session;

		Events(Session session) {
			this.session = session;
		}

		@Override
		public void nodeConnected(NodeAddress node) {
			this.session.routeFence.connected(node);
			for (ShardRouter router : this.session.routers.values()) {
				router.reevaluate();
			}
		}

		@Override
		public void nodeFailed(NodeAddress node, Throwable cause) {
			this.session.routeFence.connectionLost(node);
			// the asks on the lost connection failed with it (ConnectionManager.request);
			// those on the node's other connections still get their replies
			CastyClient.this.options.listener().nodeEvicted(node, "connection-failed");
		}

	}

	/**
	 * Unsubscribes from the topology, fails pending asks with {@link ClientClosedException},
	 * drops buffered messages, and releases every connection and thread, for good.
	 * Idempotent.
	 */
	@Override
	public void close() {
		Session closed;
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

	/**
	 * Everything one {@link #start()} builds, released by {@link #stop()} or {@link #close()}.
	 * Callbacks of its connections reach only this session, so a late frame or failure of a
	 * stopped session never touches the next one.
	 */
	private final class Session {

		final LoopResources loops;

		final EventExecutor scheduler;

		final AskRegistry asks;

		final ConnectionManager connections;

		final TopologySubscriber subscriber;

		final Map<String, ShardRouter> routers = new ConcurrentHashMap<>();

		/** Shared by every router: no route survives a lost connection unconfirmed. */
		final RouteFence routeFence = new RouteFence(CastyClient.this.topology::stamp);

		/** What every router of this session shares. */
		final RoutingContext routing;

		volatile List<ClientIdentity> identities = List.of();

		volatile @Nullable ScheduledFuture<?> sweeper;

		/** Sends the requests of asks to actors. */
		final TypedAsk.Request<ActorRef<?>, Object> actorRequests = (ref, message, ask) -> sendRequest(this, ref,
				message, ask);

		/** The view routers last saw, to tell which nodes became unavailable. */
		volatile TopologyView lastView = TopologyView.EMPTY;

		Session() {
			CastyClientOptions opts = CastyClient.this.options;
			// colocate=false: connections opened from an I/O thread still spread over every thread
			this.loops = LoopResources.create("casty-client", 1, opts.socket().ioThreads(), true, false);
			this.scheduler = this.loops.onClient(true).next();
			this.asks = new AskRegistry(CastyClient.this.codec, opts.listener(), opts.maxPendingAsks(),
					opts.callbackExecutor());
			InboundDispatcher inbound = new InboundDispatcher(CastyClient.this.codec, CastyClient.this.snapshots,
					opts.listener(), this.asks::reply,
					this::onSnapshot,
					(type, location) -> onLocation(this, type, location), CastyClient.this.actors::deliver);
			this.connections = new ConnectionManager(opts, this.loops, inbound,
					new Events(this));
			this.asks.timeoutObserver(this.connections::askTimedOut);
			this.subscriber = new TopologySubscriber(opts, TopologyTransport.of(this.connections, this.scheduler),
					CastyClient.this.encoder, CastyClient.this.topology, (view) -> onTopology(this, view));
			this.routing = new RoutingContext(opts, CastyClient.this.topology, this.routeFence,
					ShardTransport.of(this.connections), this::askLocation, this.asks, RouterTimers.of(this.scheduler),
					this.subscriber::describeProblem);
		}

		private void askLocation(NodeAddress coordinator, String shardType, long shard) {
			ActorRef<ShardLocation> proxy = this.identities.get(0).ref(CastyPaths.proxyPath(shardType));
			this.connections.send(coordinator, CastyPaths.coordinatorPath(shardType),
					CastyClient.this.encoder.encode(new GetShardLocation(shard, proxy)), SendFailure.IGNORE);
		}

		private void onSnapshot(NodeAddress from, TopologySnapshot snapshot) {
			this.subscriber.onSnapshot(from, snapshot);
		}

		ShardRouter router(String type, int numShards) {
			return this.routers.computeIfAbsent(type, (t) -> new ShardRouter(t, numShards, this.routing));
		}

		/**
		 * Releases the session. From one of the client's own threads (a callback of an ask,
		 * say), which cannot wait for those threads to stop, it fails what waits now and
		 * releases sockets and threads from a thread of its own.
		 * @param forGood whether the client closes, which completes the topology stream
		 */
		void close(boolean forGood) {
			if (Schedulers.isInNonBlockingThread() || this.asks.isTimerThread()) {
				closeWithoutBlocking(forGood);
				Thread closer = new Thread(this::releaseResources, "casty-client-closer");
				closer.setDaemon(true);
				closer.start();
			}
			else {
				closeWithoutBlocking(forGood);
				releaseResources();
			}
		}

		private void closeWithoutBlocking(boolean forGood) {
			ScheduledFuture<?> s = this.sweeper;
			if (s != null) {
				s.cancel(false);
			}
			try {
				if (forGood) {
					this.subscriber.close();
				}
				else {
					this.subscriber.stop();
				}
			}
			catch (RuntimeException ex) {
				logger.debug("Unsubscribing failed: {}", ex.toString());
			}
			this.routers.values().forEach(ShardRouter::close);
			this.asks.failAll();
		}

		private void releaseResources() {
			this.asks.close();
			try {
				this.connections.close();
			}
			catch (RuntimeException ex) {
				logger.debug("Closing connections failed: {}", ex.toString());
			}
			finally {
				this.loops.disposeLater(Duration.ZERO, Duration.ofSeconds(2)).block(Duration.ofSeconds(5));
			}
		}

	}

	/** Used by {@link DefaultServiceLookup}. */
	TopologyCache topologyCache() {
		return this.topology;
	}

	String systemName() {
		return this.options.systemName();
	}

}
