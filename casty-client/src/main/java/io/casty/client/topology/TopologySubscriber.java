package io.casty.client.topology;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import io.casty.client.ActorRef;
import io.casty.client.CastyClientListener;
import io.casty.client.CastyClientOptions;
import io.casty.client.CastyException;
import io.casty.client.NodeAddress;
import io.casty.client.protocol.CastyPaths;
import io.casty.client.protocol.MessageEncoder;
import io.casty.client.protocol.messages.Member;
import io.casty.client.protocol.messages.MemberStatus;
import io.casty.client.protocol.messages.SubscribeTopology;
import io.casty.client.protocol.messages.TopologySnapshot;
import io.casty.client.protocol.messages.UnsubscribeTopology;
import io.casty.client.transport.ClientIdentity;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the topology fresh. It subscribes to one contact's {@code /_cluster/_topology} and
 * re-sends {@code SubscribeTopology} every poll interval, which a node always answers with a
 * snapshot (pushes alone are not periodic on a single node and stop under Casty's gossip
 * starvation bug), unless the contact pushed more than that answer since the last poll. When the contact stays silent for the topology timeout, or cannot be
 * reached, it moves on to the next of the seeds and the members learned from snapshots.
 * <p>
 * It only fetches: every snapshot goes to the {@link TopologyCache}, which owns the acceptance
 * rule; the subscriber only tells it when any epoch is acceptable (until the first snapshot
 * accepted after changing contact: a restarted cluster starts counting again).
 * <p>
 * Internal: wired by {@code ClientSession}; not API, may change without notice.
 *
 * @since 0.1.0
 */
public final class TopologySubscriber implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(TopologySubscriber.class);

	private final CastyClientOptions options;

	private final TopologyTransport connections;

	private final MessageEncoder encoder;

	private final TopologyCache cache;

	private final Consumer<TopologyView> onChange;

	private final CastyClientListener listener;

	private final CompletableFuture<TopologyView> first = new CompletableFuture<>();

	private final Set<NodeAddress> subscribedTo = new HashSet<>();

	private @Nullable ActorRef<TopologySnapshot> self;

	private @Nullable NodeAddress contact;

	private int rotation;

	private long subscribedAtNanos;

	private long lastHeardNanos;

	private boolean acceptAnyEpoch = true;

	/** Snapshots from the contact since the last poll was sent or skipped. */
	private int heardSincePoll;

	private @Nullable CastyException lastError;

	private @Nullable Runnable ticker;

	private volatile boolean closed;

	/** Who is alive and gone by the snapshot last handled: an unchanged one comes back 4 times a second. */
	private volatile Membership membership = Membership.NONE;

	/**
	 * Creates a subscriber.
	 * @param options the client's settings (contact points, topology, listener)
	 * @param connections the connections and the tick
	 * @param encoder encodes the subscriptions
	 * @param cache where snapshots go
	 * @param onChange told each accepted view, after the connections were adjusted to it
	 */
	public TopologySubscriber(CastyClientOptions options, TopologyTransport connections, MessageEncoder encoder,
			TopologyCache cache, Consumer<TopologyView> onChange) {
		this.options = options;
		this.connections = connections;
		this.encoder = encoder;
		this.cache = cache;
		this.onChange = onChange;
		this.listener = options.listener();
	}

	/**
	 * Starts subscribing.
	 * @param identity the client's identity
	 */
	public void start(ClientIdentity identity) {
		this.self = identity.ref(CastyPaths.TOPOLOGY_SUBSCRIBER);
		long interval = this.options.topology().pollInterval().toNanos();
		this.ticker = this.connections.every(this::tick, interval);
	}

	/**
	 * Completes with the first accepted view.
	 * @return the future
	 */
	public CompletableFuture<TopologyView> firstTopology() {
		return this.first;
	}

	/**
	 * Describes why no topology is held, for error messages.
	 * @return contact points tried and the last error
	 */
	public synchronized String describeProblem() {
		String tried = this.options.contactPoints().toString();
		CastyException error = this.lastError;
		return "no topology snapshot from contact points " + tried
				+ ((error != null) ? " (last error: " + error.getMessage() + ")" : "");
	}

	/** Polls the contact, or moves on to another one; run every poll interval. */
	synchronized void tick() {
		if (this.closed) {
			return;
		}
		try {
			long now = System.nanoTime();
			long timeout = this.options.topology().timeout().toNanos();
			if (this.contact != null && now - this.subscribedAtNanos > timeout
					&& now - Math.max(this.lastHeardNanos, this.subscribedAtNanos) > timeout) {
				logger.info("Topology contact {} silent for {} ms; trying another member", this.contact,
						this.options.topology().timeout().toMillis());
				unsubscribeQuietly(this.contact);
				this.contact = null;
			}
			if (this.contact != null && this.heardSincePoll > 1) {
				// More than the last poll's answer came: the contact pushes on its own, and a
				// poll would only make it encode the same state once more.
				this.heardSincePoll = 0;
				return;
			}
			List<NodeAddress> candidates = candidates();
			for (int i = 0; i <= candidates.size(); i++) {
				if (this.contact == null) {
					this.contact = candidates.get(Math.floorMod(this.rotation++, candidates.size()));
					this.subscribedAtNanos = now;
					this.acceptAnyEpoch = true;
				}
				if (subscribe(this.contact)) {
					return;
				}
				this.contact = null;
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Topology poll failed: {}", ex.toString());
		}
	}

	private List<NodeAddress> candidates() {
		Set<NodeAddress> all = new LinkedHashSet<>(this.options.contactPoints());
		all.addAll(this.cache.current().availableMembers());
		List<NodeAddress> reachable = new ArrayList<>();
		for (NodeAddress node : all) {
			if (!this.connections.isFailed(node)) {
				reachable.add(node);
			}
		}
		return reachable.isEmpty() ? new ArrayList<>(all) : reachable;
	}

	private boolean subscribe(NodeAddress node) {
		try {
			this.connections.send(node, CastyPaths.TOPOLOGY, this.encoder.encode(new SubscribeTopology(self())));
			this.subscribedTo.add(node);
			this.heardSincePoll = 0;
			return true;
		}
		catch (CastyException ex) {
			this.lastError = ex;
			logger.debug("Cannot subscribe to topology at {}: {}", node, ex.getMessage());
			return false;
		}
	}

	private void unsubscribeQuietly(NodeAddress node) {
		try {
			this.connections.send(node, CastyPaths.TOPOLOGY, this.encoder.encode(new UnsubscribeTopology(self())));
		}
		catch (CastyException ex) {
			logger.debug("Cannot unsubscribe from {}: {}", node, ex.getMessage());
		}
		this.subscribedTo.remove(node);
	}

	private ActorRef<TopologySnapshot> self() {
		ActorRef<TopologySnapshot> ref = this.self;
		if (ref == null) {
			throw new IllegalStateException("not started");
		}
		return ref;
	}

	/**
	 * Handles a snapshot pushed or polled from a node.
	 * @param from the node whose connection it arrived on
	 * @param snapshot the snapshot
	 */
	public void onSnapshot(NodeAddress from, TopologySnapshot snapshot) {
		TopologyView view;
		synchronized (this) {
			if (this.closed) {
				return;
			}
			TopologyCache.Offer offer = this.cache.offer(snapshot, from, this.acceptAnyEpoch);
			if (offer.verdict() == TopologyCache.Verdict.EMPTY) {
				return;
			}
			if (from.equals(this.contact)) {
				this.lastHeardNanos = System.nanoTime();
				this.heardSincePoll++;
			}
			if (!offer.accepted()) {
				logger.debug("Ignored a topology snapshot from {} with epoch {} older than {}", from,
						snapshot.allocationEpoch(), offer.view().allocationEpoch());
				return;
			}
			if (from.equals(this.contact)) {
				this.acceptAnyEpoch = false;
			}
			view = offer.view();
		}
		Membership membership = this.membership;
		if (membership.snapshot != snapshot) {
			membership = Membership.of(snapshot, this.options.contactPoints());
			this.membership = membership;
		}
		this.connections.retain(membership.alive, membership.gone);
		for (NodeAddress member : view.availableMembers()) {
			this.connections.ensureConnected(member);
		}
		this.listener.topologyUpdated(view);
		this.onChange.accept(view);
		this.first.complete(view);
	}

	/**
	 * Stops polling and unsubscribes from every node subscribed to, and completes the cache's
	 * change stream: the client is closed for good.
	 */
	@Override
	public void close() {
		stop();
		this.cache.complete();
	}

	/**
	 * Stops polling, unsubscribes from every node subscribed to, and clears the cache's view
	 * (a restarted client accepts any epoch again), leaving its change stream open for the
	 * subscriber of a restarted client.
	 */
	public void stop() {
		synchronized (this) {
			this.closed = true;
			Runnable cancel = this.ticker;
			if (cancel != null) {
				cancel.run();
			}
			if (this.self != null) {
				for (NodeAddress node : List.copyOf(this.subscribedTo)) {
					unsubscribeQuietly(node);
				}
			}
		}
		this.cache.clear();
	}

	/**
	 * The nodes still worth connecting to (the contact points and every member not down or
	 * removed) and those gone, by one snapshot.
	 */
	private record Membership(@Nullable TopologySnapshot snapshot, Set<NodeAddress> alive, Set<NodeAddress> gone) {

		static final Membership NONE = new Membership(null, Set.of(), Set.of());

		static Membership of(TopologySnapshot snapshot, List<NodeAddress> contactPoints) {
			Set<NodeAddress> alive = new HashSet<>(contactPoints);
			Set<NodeAddress> gone = new HashSet<>();
			for (Member member : snapshot.members()) {
				if (member.status() == MemberStatus.DOWN || member.status() == MemberStatus.REMOVED) {
					gone.add(member.address());
				}
				else {
					alive.add(member.address());
				}
			}
			return new Membership(snapshot, Collections.unmodifiableSet(alive), Collections.unmodifiableSet(gone));
		}

	}

}
