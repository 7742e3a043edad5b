package io.casty.client.routing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.casty.client.ActorRef;
import io.casty.client.BufferOverflowException;
import io.casty.client.CastyClientListener.AskOutcome;
import io.casty.client.CastyClientListener;
import io.casty.client.CastyClientOptions;
import io.casty.client.CastyException;
import io.casty.client.ClientClosedException;
import io.casty.client.ClusterUnavailableException;
import io.casty.client.NodeAddress;
import io.casty.client.NodeUnreachableException;
import io.casty.client.ShardLocationOptions;
import io.casty.client.internal.LogLimiter;
import io.casty.client.messaging.AskRegistry;
import io.casty.client.messaging.PendingAsk;
import io.casty.client.protocol.CastyPaths;
import io.casty.client.protocol.EncodedMessage;
import io.casty.client.protocol.MessageEncoder;
import io.casty.client.protocol.messages.GetShardLocation;
import io.casty.client.protocol.messages.ShardLocation;
import io.casty.client.topology.LocatedShard;
import io.casty.client.topology.TopologyCache;
import io.casty.client.topology.TopologyView;
import io.casty.client.transport.ConnectionManager;
import io.netty.util.concurrent.EventExecutor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes the messages of one shard type straight to {@code /_region-<type>} of the node that
 * owns each shard.
 * <p>
 * The owner comes from the freshest source: a coordinator's {@code ShardLocation} answer
 * wins over a snapshot of the same or an older allocation epoch (Casty can lose allocation
 * updates), a newer snapshot wins over it. Shards whose owner is down, unreachable or cannot
 * be connected to are evicted. A route to a node that lost its connection since the route was
 * learned is not used again until a snapshot or a coordinator answer received after the
 * reconnect confirms it ({@link RouteFence}): the node may be a new incarnation of a
 * restarted cluster that owns nothing. On a miss the shard's messages wait in a bounded, ordered
 * buffer while the leader's coordinator is asked, with a timeout per query and retries with
 * backoff; when the answer names a node that cannot be reached, waiting asks fail at once
 * with {@link NodeUnreachableException} and the shard keeps being re-queried in the
 * background.
 *
 * @since 0.1.0
 */
public final class ShardRouter {

	private static final Logger logger = LoggerFactory.getLogger(ShardRouter.class);

	private final LogLimiter logs = new LogLimiter(logger);

	private final String shardType;

	private final int numShards;

	private final String regionPath;

	private final String coordinatorPath;

	private final ActorRef<ShardLocation> proxyRef;

	private final CastyClientOptions options;

	private final ConnectionManager connections;

	private final MessageEncoder encoder;

	private final AskRegistry asks;

	private final TopologyCache topology;

	private final EventExecutor scheduler;

	private final CastyClientListener listener;

	private final java.util.function.Supplier<String> topologyProblem;

	private final EntityShards shards;

	private final RouteFence fence;

	private final Map<Long, PendingShard> pending = new ConcurrentHashMap<>();

	private final AtomicInteger buffered = new AtomicInteger();

	/** Whether any location of this type was ever seen (then silence is not a missing type). */
	private volatile boolean seenAllocations;

	private volatile boolean closed;

	/** A candidate owner and where it came from: a coordinator answer or the view. */
	private record Route(NodeAddress node, long learnedAt, @Nullable LocatedShard located) {
	}

	/** A message on its way to an entity, encoded in its shard envelope. */
	private record Outgoing(String entityId, EncodedMessage envelope, @Nullable PendingAsk ask, long deadlineNanos) {
	}

	private final class PendingShard {

		final long shard;

		final ArrayDeque<Outgoing> queue = new ArrayDeque<>();

		boolean closed;

		int attempts;

		@Nullable NodeAddress unreachableOwner;

		@Nullable NodeAddress queriedNode;

		@Nullable ScheduledFuture<?> timer;

		PendingShard(long shard) {
			this.shard = shard;
		}

		String waitingFor() {
			String base = "the location of shard " + this.shard + " of '" + ShardRouter.this.shardType + "'";
			if (this.attempts > 0 && this.queriedNode != null) {
				String why = ShardRouter.this.seenAllocations
						? "Casty's coordinator stays silent while it has no node to allocate the shard to"
						: "is shard type '" + ShardRouter.this.shardType + "' hosted by any node?";
				return base + ": the coordinator on " + this.queriedNode + " did not answer " + this.attempts
						+ " GetShardLocation queries; " + why;
			}
			return base;
		}

	}

	public ShardRouter(String shardType, int numShards, ActorRef<ShardLocation> proxyRef, CastyClientOptions options,
			ConnectionManager connections, MessageEncoder encoder, AskRegistry asks, TopologyCache topology,
			EventExecutor scheduler, java.util.function.Supplier<String> topologyProblem, RouteFence fence) {
		this.shardType = shardType;
		this.numShards = numShards;
		this.shards = new EntityShards(numShards, EntityShards.DEFAULT_SIZE);
		this.regionPath = CastyPaths.regionPath(shardType);
		this.coordinatorPath = CastyPaths.coordinatorPath(shardType);
		this.proxyRef = proxyRef;
		this.options = options;
		this.connections = connections;
		this.encoder = encoder;
		this.asks = asks;
		this.topology = topology;
		this.scheduler = scheduler;
		this.listener = options.listener();
		this.topologyProblem = topologyProblem;
		this.fence = fence;
	}

	public String shardType() {
		return this.shardType;
	}

	public int numShards() {
		return this.numShards;
	}

	/**
	 * The shard of an entity.
	 * @param entityId the entity
	 * @return the shard
	 */
	public long shardOf(String entityId) {
		return this.shards.shardOf(entityId);
	}

	/**
	 * Sends a message to an entity without a reply.
	 * @param entityId the entity
	 * @param envelope the message in its shard envelope
	 * ({@link MessageEncoder#encodeForEntity(String, Object)})
	 */
	public void tell(String entityId, EncodedMessage envelope) {
		route(new Outgoing(entityId, envelope, null, System.nanoTime() + this.options.buffer().timeout().toNanos()),
				true);
	}

	/**
	 * Sends an ask's request to an entity.
	 * @param entityId the entity
	 * @param envelope the request, carrying the ask's reply ref, in its shard envelope
	 * ({@link MessageEncoder#encodeForEntity(String, Object)})
	 * @param ask the pending ask
	 */
	public void ask(String entityId, EncodedMessage envelope, PendingAsk ask) {
		route(new Outgoing(entityId, envelope, ask, ask.deadlineNanos()), false);
	}

	/**
	 * The connection lane of an entity's messages: always the same for one entity.
	 * @param entityId the entity
	 * @return the lane index
	 */
	public int laneOf(String entityId) {
		return this.connections.laneOf(entityId);
	}

	/**
	 * The node messages for an entity go to now.
	 * @param entityId the entity
	 * @return the node, or {@code null} if unknown or unreachable
	 */
	public @Nullable NodeAddress routeOf(String entityId) {
		return routableOwner(shardOf(entityId));
	}

	/**
	 * Checks that the client is not closed.
	 * @throws ClientClosedException if it is
	 */
	public void checkOpen() {
		if (this.closed) {
			throw new ClientClosedException("The Casty client is closed");
		}
	}

	private void route(Outgoing out, boolean throwNow) {
		checkOpen();
		long shard = shardOf(out.entityId());
		while (true) {
			PendingShard p = this.pending.get(shard);
			if (p == null) {
				NodeAddress owner = routableOwner(shard);
				if (owner != null) {
					deliver(owner, out, throwNow);
					return;
				}
				PendingShard created = new PendingShard(shard);
				p = this.pending.putIfAbsent(shard, created);
				if (p == null) {
					this.listener.cacheMiss(this.shardType);
					logger.trace("Shard {} of '{}' has no known owner; buffering", shard, this.shardType);
					if (!enqueue(created, out, throwNow)) {
						continue; // resolved meanwhile: route again
					}
					query(created);
					return;
				}
			}
			if (enqueue(p, out, throwNow)) {
				return;
			}
		}
	}

	/** @return false if the pending shard was closed meanwhile and the caller must route again */
	private boolean enqueue(PendingShard p, Outgoing out, boolean throwNow) {
		CastyException rejection;
		AskOutcome outcome;
		synchronized (p) {
			if (p.closed) {
				return false;
			}
			if (this.closed) {
				// close() may have drained the buffers before this shard was added
				p.closed = true;
				this.buffered.addAndGet(-p.queue.size());
				p.queue.clear();
				this.pending.remove(p.shard, p);
				rejection = new ClientClosedException("The Casty client is closed");
				outcome = AskOutcome.CLOSED;
			}
			else if (p.unreachableOwner != null) {
				NodeAddress node = p.unreachableOwner;
				rejection = new NodeUnreachableException(node, "Shard " + p.shard + " of '" + this.shardType
						+ "' is on node " + node + ", which cannot be reached; the client keeps asking the coordinator for a new location");
				outcome = AskOutcome.UNREACHABLE;
			}
			else if (p.queue.size() >= this.options.buffer().maxPerShard()
					|| this.buffered.get() >= this.options.buffer().maxPerType()) {
				rejection = new BufferOverflowException("The buffer of shard " + p.shard + " of '" + this.shardType
						+ "' is full (" + p.queue.size() + " per shard, " + this.buffered.get()
						+ " for the type) while its location is resolved; slow down or raise the buffer limits");
				outcome = AskOutcome.REJECTED;
				this.listener.bufferRejected(this.shardType);
			}
			else {
				p.queue.add(out);
				this.buffered.incrementAndGet();
				PendingAsk ask = out.ask();
				if (ask != null) {
					ask.waitingFor(p.waitingFor());
					ask.timeoutCause(() -> this.topology.current().isEmpty()
							? new ClusterUnavailableException("Cannot route to '" + this.shardType + "': "
									+ this.topologyProblem.get())
							: null);
				}
				return true;
			}
		}
		reject(out, rejection, outcome, throwNow);
		return true;
	}

	private void reject(Outgoing out, CastyException cause, AskOutcome outcome, boolean throwNow) {
		PendingAsk ask = out.ask();
		if (ask != null) {
			this.asks.fail(ask, cause, outcome);
		}
		else if (throwNow) {
			throw cause;
		}
		else {
			boolean unreachable = cause instanceof NodeUnreachableException;
			String reason = unreachable ? "node-unreachable" : "rejected";
			this.listener.messageDropped(this.shardType, reason);
			// an outage drops every tell for its duration: a few lines, the metric counts them all
			String node = unreachable ? String.valueOf(((NodeUnreachableException) cause).getNode()) : "";
			this.logs.warn(reason + " " + node, "Dropped a message for entity '{}' of '{}': {}", out.entityId(),
					this.shardType, cause.getMessage());
		}
	}

	private void deliver(NodeAddress node, Outgoing out, boolean throwNow) {
		PendingAsk ask = out.ask();
		if (ask != null) {
			if (ask.isDone()) {
				return;
			}
			ask.sentTo(node);
		}
		try {
			EncodedMessage envelope = out.envelope();
			if (ask != null) {
				ask.sentOn(this.connections.request(laneOf(out.entityId()), node, this.regionPath, envelope,
						(failure) -> this.asks.connectionLost(ask, failure)));
			}
			else {
				this.connections.send(laneOf(out.entityId()), node, this.regionPath, envelope,
						(failure) -> reject(out, failure, AskOutcome.UNREACHABLE, false));
			}
			this.listener.messageSent(this.shardType);
		}
		catch (NodeUnreachableException ex) {
			reject(out, ex, AskOutcome.UNREACHABLE, throwNow);
		}
		catch (BufferOverflowException ex) {
			this.listener.bufferRejected(this.shardType);
			reject(out, ex, AskOutcome.REJECTED, throwNow);
		}
		catch (CastyException ex) {
			reject(out, ex, AskOutcome.ERROR, throwNow);
		}
	}

	private @Nullable Route knownRoute(long shard) {
		TopologyView view = this.topology.current();
		LocatedShard answer = view.located(this.shardType, shard);
		if (answer != null) {
			return new Route(answer.node(), answer.learnedAt(), answer);
		}
		NodeAddress fromSnapshot = view.owner(this.shardType, shard);
		return (fromSnapshot != null) ? new Route(fromSnapshot, view.learnedAt(), null) : null;
	}

	private @Nullable NodeAddress knownOwner(long shard) {
		Route route = knownRoute(shard);
		return (route != null) ? route.node() : null;
	}

	private @Nullable NodeAddress routableOwner(long shard) {
		Route route = knownRoute(shard);
		if (route != null && route.located() != null && !this.connections.isFailed(route.node())
				&& !this.fence.confirms(route.node(), route.learnedAt())) {
			// Answered before the node's connection was lost: it can never be confirmed again.
			this.topology.forgetLocation(this.shardType, shard, route.located());
			route = knownRoute(shard);
		}
		if (route == null || this.connections.isFailed(route.node())
				|| !this.fence.confirms(route.node(), route.learnedAt())) {
			return null;
		}
		return route.node();
	}

	private void query(PendingShard p) {
		if (this.closed) {
			return;
		}
		TopologyView view = this.topology.current();
		NodeAddress coordinator = coordinatorNode(view);
		synchronized (p) {
			if (p.closed) {
				return;
			}
			p.queriedNode = coordinator;
			if (coordinator != null) {
				try {
					this.connections.send(coordinator, this.coordinatorPath,
							this.encoder.encode(new GetShardLocation(p.shard, this.proxyRef)),
							(failure) -> {
							});
				}
				catch (CastyException ex) {
					logger.debug("Cannot ask the coordinator of '{}' on {}: {}", this.shardType, coordinator,
							ex.getMessage());
				}
			}
			long delay = this.options.shardLocation().timeout().toNanos();
			p.timer = this.scheduler.schedule(() -> queryTimedOut(p), delay, TimeUnit.NANOSECONDS);
		}
	}

	private @Nullable NodeAddress coordinatorNode(TopologyView view) {
		NodeAddress leader = view.leader();
		if (leader != null && !this.connections.isFailed(leader)) {
			return leader;
		}
		for (NodeAddress member : view.availableMembers()) {
			if (!this.connections.isFailed(member)) {
				return member;
			}
		}
		return null;
	}

	private void queryTimedOut(PendingShard p) {
		List<Outgoing> failed = null;
		NodeAddress unreachable = null;
		synchronized (p) {
			if (p.closed) {
				return;
			}
			p.attempts++;
			NodeAddress owner = routableOwner(p.shard);
			if (owner != null) {
				flush(p, owner);
				return;
			}
			NodeAddress suspected = knownOwner(p.shard);
			if (suspected != null && this.connections.isFailed(suspected)) {
				p.unreachableOwner = suspected;
				unreachable = suspected;
				failed = drain(p);
			}
			for (Outgoing out : p.queue) {
				if (out.ask() != null) {
					out.ask().waitingFor(p.waitingFor());
				}
			}
		}
		if (failed != null) {
			failAll(failed, unreachable);
		}
		scheduleRetry(p);
	}

	private void scheduleRetry(PendingShard p) {
		if (this.closed) {
			return;
		}
		ShardLocationOptions retry = this.options.shardLocation();
		long base = retry.retryMinBackoff().toNanos();
		long max = retry.retryMaxBackoff().toNanos();
		long delay = Math.min(max, base * Math.min(8, Math.max(1, p.attempts)));
		delay += (long) (delay * retry.retryJitter() * ThreadLocalRandom.current().nextDouble());
		this.scheduler.schedule(() -> query(p), delay, TimeUnit.NANOSECONDS);
	}

	private List<Outgoing> drain(PendingShard p) {
		List<Outgoing> drained = new ArrayList<>(p.queue);
		this.buffered.addAndGet(-p.queue.size());
		p.queue.clear();
		return drained;
	}

	private void failAll(List<Outgoing> outs, NodeAddress node) {
		for (Outgoing out : outs) {
			reject(out, new NodeUnreachableException(node, "Shard of entity '" + out.entityId() + "' of '"
					+ this.shardType + "' is on node " + node + ", which cannot be reached"), AskOutcome.UNREACHABLE,
					false);
		}
	}

	/** Sends everything buffered for a shard to its owner, in order; caller holds p's lock. */
	private void flush(PendingShard p, NodeAddress node) {
		p.closed = true;
		ScheduledFuture<?> t = p.timer;
		if (t != null) {
			t.cancel(false);
		}
		for (Outgoing out : drain(p)) {
			deliver(node, out, false);
		}
		this.pending.remove(p.shard, p);
	}

	/**
	 * Handles a coordinator's answer.
	 * @param location the answer
	 */
	public void onLocation(ShardLocation location) {
		long shard = location.shardId();
		if (shard < 0 || shard >= this.numShards) {
			this.listener.inboundDropped("invalid-shard-location");
			this.logs.warn("invalid-shard-location", "Dropped a location of shard {} of '{}', which has {} shards",
					shard, this.shardType, this.numShards);
			return;
		}
		if (this.closed || !this.pending.containsKey(shard)) {
			// only asked-for locations are kept, so a node cannot fill the cache unasked
			this.listener.inboundDropped("unsolicited-shard-location");
			logger.debug("Dropped a location of shard {} of '{}' nobody waits for", shard, this.shardType);
			return;
		}
		this.seenAllocations = true;
		logger.debug("Shard {} of '{}' is on {} (coordinator answer)", location.shardId(), this.shardType,
				location.node());
		this.topology.offerLocation(this.shardType, shard, location.node());
		PendingShard p = this.pending.get(location.shardId());
		if (p == null) {
			return;
		}
		List<Outgoing> failed = null;
		synchronized (p) {
			if (p.closed) {
				return;
			}
			if (!this.connections.isFailed(location.node())) {
				p.unreachableOwner = null;
				flush(p, location.node());
				return;
			}
			p.unreachableOwner = location.node();
			failed = drain(p);
		}
		failAll(failed, location.node());
	}

	/**
	 * Re-evaluates buffered shards after the topology changed.
	 * @param view the new view
	 */
	public void onTopology(TopologyView view) {
		if (!this.seenAllocations && view.shardTypes().contains(this.shardType)) {
			this.seenAllocations = true;
		}
		reevaluate();
	}

	/**
	 * Re-evaluates buffered shards after a node became reachable.
	 */
	public void reevaluate() {
		for (PendingShard p : this.pending.values()) {
			synchronized (p) {
				if (p.closed) {
					continue;
				}
				NodeAddress owner = routableOwner(p.shard);
				if (owner != null) {
					p.unreachableOwner = null;
					flush(p, owner);
				}
			}
		}
	}

	/**
	 * Drops buffered messages whose deadline passed.
	 */
	public void expire() {
		long now = System.nanoTime();
		int dropped = 0;
		for (PendingShard p : this.pending.values()) {
			synchronized (p) {
				var it = p.queue.iterator();
				while (it.hasNext()) {
					Outgoing out = it.next();
					boolean askDone = out.ask() != null && out.ask().isDone();
					if (askDone || now - out.deadlineNanos() > 0) {
						it.remove();
						this.buffered.decrementAndGet();
						if (!askDone && out.ask() == null) {
							dropped++;
							this.listener.messageDropped(this.shardType, "buffer-timeout");
						}
					}
				}
			}
		}
		if (dropped > 0) {
			this.logs.warn("buffer-timeout", "Dropped {} tell(s) to '{}' after {} ms without a shard location",
					dropped, this.shardType, this.options.buffer().timeout().toMillis());
		}
	}

	/**
	 * The number of messages waiting for shard locations.
	 * @return the count
	 */
	public int bufferedCount() {
		return this.buffered.get();
	}

	/**
	 * Drops every buffer; waiting asks are failed by the ask registry.
	 */
	public void close() {
		this.closed = true;
		int dropped = 0;
		for (PendingShard p : this.pending.values()) {
			synchronized (p) {
				p.closed = true;
				for (Outgoing out : drain(p)) {
					if (out.ask() == null) {
						dropped++;
					}
				}
			}
		}
		this.pending.clear();
		for (int i = 0; i < dropped; i++) {
			this.listener.messageDropped(this.shardType, "closed");
		}
	}

}
