package io.casty.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.casty.client.messaging.AskRegistry;
import io.casty.client.messaging.InboundDispatcher;
import io.casty.client.protocol.CastyPaths;
import io.casty.client.protocol.MessageEncoder;
import io.casty.client.protocol.codec.MessageCodec;
import io.casty.client.protocol.messages.GetShardLocation;
import io.casty.client.protocol.messages.ShardLocation;
import io.casty.client.protocol.messages.TopologySnapshot;
import io.casty.client.routing.RouteFence;
import io.casty.client.routing.RouterTimers;
import io.casty.client.routing.RoutingContext;
import io.casty.client.routing.ShardRouter;
import io.casty.client.routing.ShardTransport;
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
import reactor.core.scheduler.Schedulers;
import reactor.netty.resources.LoopResources;

/**
 * Everything one {@link CastyClient#start()} builds, wired layer by layer: threads, the ask
 * registry, the inbound dispatcher, the connections, the topology subscription and the shard
 * routers; released by {@link CastyClient#stop()} or {@link CastyClient#close()}. Callbacks
 * of its connections reach only this session, so a late frame or failure of a stopped
 * session never touches the next one.
 */
final class ClientSession {

	/** The client's logger, so that logging is configured for the client as before. */
	private static final Logger logger = LoggerFactory.getLogger(CastyClient.class);

	private final CastyClientOptions options;

	private final MessageEncoder encoder;

	private final TopologyCache topology;

	final LoopResources loops;

	final EventExecutor scheduler;

	final AskRegistry asks;

	final ConnectionManager connections;

	final TopologySubscriber subscriber;

	final Map<String, ShardRouter> routers = new ConcurrentHashMap<>();

	/** Shared by every router: no route survives a lost connection unconfirmed. */
	final RouteFence routeFence;

	/** What every router of this session shares. */
	private final RoutingContext routing;

	/** Tells and asks to any actor by its ref. */
	final ActorMessaging actorMessaging;

	volatile List<ClientIdentity> identities = List.of();

	private volatile @Nullable ScheduledFuture<?> sweeper;

	/** The view routers last saw, to tell which nodes became unavailable. */
	private volatile TopologyView lastView = TopologyView.EMPTY;

	ClientSession(CastyClientOptions options, ClientCodecs codecs, TopologyCache topology,
			InboundDispatcher.LocalActors actors) {
		MessageCodec codec = codecs.codec;
		this.options = options;
		this.encoder = codecs.encoder;
		this.topology = topology;
		this.routeFence = new RouteFence(topology::stamp);
		// colocate=false: connections opened from an I/O thread still spread over every thread
		this.loops = LoopResources.create("casty-client", 1, options.socket().ioThreads(), true, false);
		this.scheduler = this.loops.onClient(true).next();
		this.asks = new AskRegistry(codec, options.listener(), options.maxPendingAsks(), options.callbackExecutor());
		InboundDispatcher inbound = new InboundDispatcher(codec, codecs.snapshots, options.listener(), this.asks::reply,
				this::onSnapshot, this::onLocation, actors);
		this.connections = new ConnectionManager(options, this.loops, inbound, new Events());
		this.asks.timeoutObserver(this.connections::askTimedOut);
		this.subscriber = new TopologySubscriber(options, TopologyTransport.of(this.connections, this.scheduler),
				this.encoder, topology, this::onTopology);
		this.actorMessaging = new ActorMessaging(options, this.encoder, this.asks, this.connections);
		this.routing = new RoutingContext(options, topology, this.routeFence, ShardTransport.of(this.connections),
				this::askLocation, this.asks, RouterTimers.of(this.scheduler), this.subscriber::describeProblem);
	}

	/**
	 * Binds the listeners and fixes the identities, so that asks and routers can be made.
	 * @return the identities, lane 0 first
	 */
	List<ClientIdentity> bind() {
		List<ClientIdentity> ids = this.connections.start();
		this.identities = ids;
		this.asks.start(ids);
		warnAboutLoopbackIdentity(ids.get(0));
		return ids;
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
	 * Subscribes to the topology and starts expiring buffered messages.
	 */
	void subscribe() {
		this.subscriber.start(this.identities.get(0));
		this.sweeper = this.scheduler.scheduleAtFixedRate(this::expireBuffers, 200, 200, TimeUnit.MILLISECONDS);
	}

	ShardRouter router(String type, int numShards) {
		return this.routers.computeIfAbsent(type, (t) -> new ShardRouter(t, numShards, this.routing));
	}

	private void askLocation(NodeAddress coordinator, String shardType, long shard) {
		ActorRef<ShardLocation> proxy = this.identities.get(0).ref(CastyPaths.proxyPath(shardType));
		this.connections.send(coordinator, CastyPaths.coordinatorPath(shardType),
				this.encoder.encode(new GetShardLocation(shard, proxy)), SendFailure.IGNORE);
	}

	/**
	 * Waits for the first topology snapshot.
	 * @param timeout how long to wait
	 * @return the view
	 * @throws ClusterUnavailableException if none arrived in time
	 */
	TopologyView awaitTopology(Duration timeout) {
		try {
			return this.subscriber.firstTopology().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			throw new ClusterUnavailableException(
					"No topology within " + timeout.toMillis() + " ms: " + this.subscriber.describeProblem());
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
	 * Fails an ask at once when the session is connected to no node at all and every node it
	 * knows (contact points and members) has failed its last connection attempt: waiting the
	 * ask's timeout would only delay the same answer.
	 * @throws ClusterUnavailableException if so
	 */
	void checkReachable() {
		// Runs on every ask: the common case (a contact point that has not failed) answers
		// first and allocates nothing; listing the connected nodes and the members does.
		List<NodeAddress> contacts = this.options.contactPoints();
		for (int i = 0; i < contacts.size(); i++) {
			if (!this.connections.isFailed(contacts.get(i))) {
				return;
			}
		}
		if (!this.connections.connectedNodes().isEmpty()) {
			return;
		}
		Set<NodeAddress> known = new HashSet<>(contacts);
		known.addAll(this.topology.current().memberStatuses().keySet());
		for (NodeAddress node : known) {
			if (!this.connections.isFailed(node)) {
				return;
			}
		}
		throw new ClusterUnavailableException("No Casty node can be reached: every known node (" + known.size()
				+ ") failed its last connection attempt and none is connected; " + this.subscriber.describeProblem());
	}

	/**
	 * What the connections look like now, per node and lane, and per member of the current
	 * topology whether it can be reached and why not.
	 * @return the picture
	 */
	ConnectionsInfo describe() {
		TopologyView view = this.topology.current();
		Set<NodeAddress> unreachable = view.unreachable();
		List<ConnectionsInfo.MemberReachability> members = new ArrayList<>();
		view.memberStatuses().forEach((node, status) -> {
			String reason = null;
			if (status == MemberState.DOWN || status == MemberState.REMOVED) {
				reason = "The cluster marks it " + status.name().toLowerCase();
			}
			else if (unreachable.contains(node)) {
				reason = "The cluster's failure detector marks it unreachable";
			}
			else {
				CastyException failure = this.connections.failureOf(node);
				if (failure != null) {
					reason = "Its connection failed: " + failure.getMessage();
				}
			}
			members.add(new ConnectionsInfo.MemberReachability(node, reason == null, reason));
		});
		return new ConnectionsInfo(Instant.now(), this.connections.describe(), members);
	}

	int bufferedMessages() {
		return this.routers.values().stream().mapToInt(ShardRouter::bufferedCount).sum();
	}

	private void onSnapshot(NodeAddress from, TopologySnapshot snapshot) {
		this.subscriber.onSnapshot(from, snapshot);
	}

	private boolean onLocation(String shardType, ShardLocation location) {
		ShardRouter router = this.routers.get(shardType);
		if (router == null) {
			return false;
		}
		router.onLocation(location);
		return true;
	}

	private void onTopology(TopologyView view) {
		TopologyView previous = this.lastView;
		this.lastView = view;
		Set<NodeAddress> newlyUnavailable = new HashSet<>(view.unavailable());
		newlyUnavailable.removeAll(previous.unavailable());
		for (NodeAddress node : newlyUnavailable) {
			this.options.listener().nodeEvicted(node, "cluster-marked-unavailable");
			this.asks.failNode(node, new NodeUnreachableException(node, "The cluster marked node " + node + " unavailable"));
		}
		for (ShardRouter router : this.routers.values()) {
			router.onTopology(view);
		}
	}

	private void expireBuffers() {
		for (ShardRouter router : this.routers.values()) {
			try {
				router.expire();
			}
			catch (RuntimeException ex) {
				logger.warn("Expiring buffered messages failed: {}", ex.toString());
			}
		}
	}

	private final class Events implements ConnectionEvents {

		@Override
		public void nodeConnected(NodeAddress node) {
			ClientSession.this.routeFence.connected(node);
			for (ShardRouter router : ClientSession.this.routers.values()) {
				router.reevaluate();
			}
		}

		@Override
		public void nodeFailed(NodeAddress node, Throwable cause) {
			ClientSession.this.routeFence.connectionLost(node);
			// the asks on the lost connection failed with it (ConnectionManager.request);
			// those on the node's other connections still get their replies
			ClientSession.this.options.listener().nodeEvicted(node, "connection-failed");
		}

	}

	/**
	 * Releases the session. From one of the client's own threads (a callback of an ask, say),
	 * which cannot wait for those threads to stop, it fails what waits now and releases
	 * sockets and threads from a thread of its own.
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
		// Routers first: their buffered asks fail as closed before the topology is cleared, or
		// one timing out in between would blame an unavailable cluster for the close.
		this.routers.values().forEach(ShardRouter::close);
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
