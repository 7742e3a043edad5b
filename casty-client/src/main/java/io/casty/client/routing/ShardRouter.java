package io.casty.client.routing;

import java.util.List;

import io.casty.client.BufferOverflowException;
import io.casty.client.CastyClientListener;
import io.casty.client.CastyClientOptions;
import io.casty.client.CastyException;
import io.casty.client.ClientClosedException;
import io.casty.client.ClusterUnavailableException;
import io.casty.client.NodeAddress;
import io.casty.client.NodeUnreachableException;
import io.casty.client.internal.LogLimiter;
import io.casty.client.messaging.PendingAsk;
import io.casty.client.protocol.EncodedMessage;
import io.casty.client.protocol.messages.ShardLocation;
import io.casty.client.topology.TopologyCache;
import io.casty.client.topology.TopologyView;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes the messages of one shard type straight to {@code /_region-<type>} of the node that
 * owns each shard, or buffers them while the owner is resolved.
 * <p>
 * The owner comes from the {@link TopologyCache}'s view, which holds the snapshot's
 * allocation and the coordinators' answers with the rule of which wins
 * ({@link TopologyView#located}); {@code OwnerLookup} reads it. A route to a node that lost its connection since the route
 * was learned is not used again until a snapshot or a coordinator answer received after the
 * reconnect confirms it ({@link RouteFence}): the node may be a new incarnation of a restarted
 * cluster that owns nothing. On a miss the shard's messages wait in a bounded, ordered
 * {@code ShardBuffer} while the {@code ShardLocator} asks the leader's coordinator; when the
 * answer names a node that cannot be reached, waiting asks fail at once with
 * {@link NodeUnreachableException} and the shard keeps being re-queried in the background.
 * <p>
 * Reading a route takes one volatile read of the view and its map lookups, no lock;
 * {@code Delivery} hands messages to the transport and ends those that cannot go.
 * <p>
 * Internal: wired by {@code ClientSession}; not API, may change without notice.
 *
 * @since 0.1.0
 */
public final class ShardRouter {

	private static final Logger logger = LoggerFactory.getLogger(ShardRouter.class);

	private final LogLimiter logs = new LogLimiter(logger);

	private final String shardType;

	private final int numShards;

	private final CastyClientOptions options;

	private final RoutingContext context;

	private final ShardTransport transport;

	private final TopologyCache topology;

	private final CastyClientListener listener;

	private final EntityShards shards;

	private final ShardBuffer buffer;

	private final ShardLocator locator;

	private final Delivery delivery;

	private final OwnerLookup owners;

	/** Whether any location of this type was ever seen (then silence is not a missing type). */
	private volatile boolean seenAllocations;

	private volatile boolean closed;

	/**
	 * Creates the router of a shard type.
	 * @param shardType the shard type
	 * @param numShards its shard count
	 * @param context what the session's routers share
	 */
	public ShardRouter(String shardType, int numShards, RoutingContext context) {
		this.shardType = shardType;
		this.numShards = numShards;
		this.shards = new EntityShards(numShards, EntityShards.DEFAULT_SIZE);
		this.context = context;
		this.options = context.options();
		this.transport = context.transport();
		this.topology = context.topology();
		this.listener = this.options.listener();
		this.buffer = new ShardBuffer(shardType, this.options.buffer());
		this.delivery = new Delivery(shardType, context);
		this.owners = new OwnerLookup(shardType, context);
		this.locator = new ShardLocator(shardType, context, () -> this.closed, this::queryTimedOut);
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
	 * ({@link io.casty.client.protocol.MessageEncoder#encodeForEntity(String, Object)}); taken:
	 * sent, buffered or released, also when this throws
	 */
	public void tell(String entityId, EncodedMessage envelope) {
		route(entityId, envelope, null, true);
	}

	/**
	 * Sends an ask's request to an entity.
	 * @param entityId the entity
	 * @param envelope the request, carrying the ask's reply ref, in its shard envelope
	 * ({@link io.casty.client.protocol.MessageEncoder#encodeForEntity(String, Object)}); taken
	 * like {@link #tell}'s
	 * @param ask the pending ask
	 */
	public void ask(String entityId, EncodedMessage envelope, PendingAsk ask) {
		route(entityId, envelope, ask, false);
	}

	/**
	 * The connection lane of an entity's messages: always the same for one entity.
	 * @param entityId the entity
	 * @return the lane index
	 */
	public int laneOf(String entityId) {
		return this.transport.laneOf(entityId);
	}

	/**
	 * The node messages for an entity go to now.
	 * @param entityId the entity
	 * @return the node, or {@code null} if unknown or unreachable
	 */
	public @Nullable NodeAddress routeOf(String entityId) {
		return this.owners.routable(shardOf(entityId));
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

	/** Sends to the owner when it is known and nothing waits for the shard, else buffers. */
	private void route(String entityId, EncodedMessage envelope, @Nullable PendingAsk ask, boolean throwNow) {
		if (this.closed) {
			envelope.release();
			throw new ClientClosedException("The Casty client is closed");
		}
		long shard = shardOf(entityId);
		if (this.buffer.get(shard) == null) {
			NodeAddress owner = this.owners.routable(shard);
			if (owner != null) {
				this.delivery.deliver(owner, entityId, envelope, ask, throwNow);
				return;
			}
		}
		long deadline = (ask != null) ? ask.deadlineNanos()
				: System.nanoTime() + this.options.buffer().timeout().toNanos();
		route(new Outgoing(entityId, envelope, ask, deadline), shard, throwNow);
	}

	private void route(Outgoing out, long shard, boolean throwNow) {
		while (true) {
			PendingShard p = this.buffer.get(shard);
			boolean created = false;
			if (p == null) {
				NodeAddress owner = this.owners.routable(shard);
				if (owner != null) {
					this.delivery.deliver(owner, out, throwNow);
					return;
				}
				p = this.buffer.open(shard);
				if (p == null) {
					continue; // another caller started resolving it
				}
				created = true;
				this.listener.cacheMiss(this.shardType);
				logger.trace("Shard {} of '{}' has no known owner; buffering", shard, this.shardType);
			}
			ShardBuffer.Rejection rejection = this.buffer.offer(p, out, this.closed, this::queued);
			if (rejection == ShardBuffer.RESOLVED) {
				continue; // resolved meanwhile: route again
			}
			if (rejection != null) {
				if (rejection.cause() instanceof BufferOverflowException) {
					this.listener.bufferRejected(this.shardType);
				}
				this.delivery.reject(out, rejection.cause(), rejection.outcome(), throwNow);
			}
			if (created) {
				this.locator.query(p);
			}
			return;
		}
	}

	/** Tells a queued ask what it waits for and why it may time out; p's lock is held. */
	private void queued(PendingShard p, Outgoing out) {
		PendingAsk ask = out.ask();
		if (ask != null) {
			ask.waitingFor(p.waitingFor(this.shardType, this.seenAllocations));
			ask.timeoutCause(() -> timeoutCause());
		}
	}

	/**
	 * Why a queued ask timed out, if not for want of a location: the client closed (it
	 * clears the topology after closing the routers), or the topology is empty.
	 */
	private @Nullable CastyException timeoutCause() {
		if (this.closed) {
			return new ClientClosedException("The Casty client closed while the ask waited for the location of its shard of '"
					+ this.shardType + "'");
		}
		return this.topology.current().isEmpty()
				? new ClusterUnavailableException(
						"Cannot route to '" + this.shardType + "': " + this.context.topologyProblem().get())
				: null;
	}

	private void queryTimedOut(PendingShard p) {
		List<Outgoing> failed = null;
		NodeAddress unreachable = null;
		synchronized (p) {
			if (p.closed) {
				return;
			}
			p.attempts++;
			NodeAddress owner = this.owners.routable(p.shard);
			if (owner != null) {
				flush(p, owner);
				return;
			}
			NodeAddress suspected = this.owners.known(p.shard);
			if (suspected != null && this.transport.isFailed(suspected)) {
				p.unreachableOwner = suspected;
				unreachable = suspected;
				failed = this.buffer.drain(p);
			}
			for (Outgoing out : p.queue) {
				if (out.ask() != null) {
					out.ask().waitingFor(p.waitingFor(this.shardType, this.seenAllocations));
				}
			}
		}
		if (failed != null) {
			this.delivery.failUnreachable(failed, unreachable);
		}
		this.locator.retry(p);
	}

	/** Sends everything buffered for a shard to its owner, in order; caller holds p's lock. */
	private void flush(PendingShard p, NodeAddress node) {
		p.closed = true;
		for (Outgoing out : this.buffer.drain(p)) {
			this.delivery.deliver(node, out, false);
		}
		this.buffer.remove(p);
	}

	/**
	 * Handles a coordinator's answer: folds it into the topology and sends what waited for it.
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
		PendingShard p = this.buffer.get(shard);
		if (this.closed || p == null) {
			// only asked-for locations are kept, so a node cannot fill the cache unasked
			this.listener.inboundDropped("unsolicited-shard-location");
			logger.debug("Dropped a location of shard {} of '{}' nobody waits for", shard, this.shardType);
			return;
		}
		this.seenAllocations = true;
		logger.debug("Shard {} of '{}' is on {} (coordinator answer)", shard, this.shardType, location.node());
		this.topology.offerLocation(this.shardType, shard, location.node());
		List<Outgoing> failed;
		synchronized (p) {
			if (p.closed) {
				return;
			}
			if (!this.transport.isFailed(location.node())) {
				p.unreachableOwner = null;
				flush(p, location.node());
				return;
			}
			p.unreachableOwner = location.node();
			failed = this.buffer.drain(p);
		}
		this.delivery.failUnreachable(failed, location.node());
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
		for (PendingShard p : this.buffer.shards()) {
			synchronized (p) {
				if (p.closed) {
					continue;
				}
				NodeAddress owner = this.owners.routable(p.shard);
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
		int dropped = this.buffer.expire(System.nanoTime());
		for (int i = 0; i < dropped; i++) {
			this.listener.messageDropped(this.shardType, "buffer-timeout");
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
		return this.buffer.count();
	}

	/**
	 * Drops every buffer; waiting asks are failed by the ask registry.
	 */
	public void close() {
		this.closed = true;
		int dropped = this.buffer.close();
		for (int i = 0; i < dropped; i++) {
			this.listener.messageDropped(this.shardType, "closed");
		}
	}

}
