package io.casty.spring.boot.autoconfigure.metrics;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.casty.client.ActorRef;
import io.casty.client.CastyClientListener;
import io.casty.client.MemberState;
import io.casty.client.NodeAddress;
import io.casty.client.topology.TopologyView;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Records the Casty client's events as Micrometer counters. Tags are bounded: shard types,
 * reasons, and node addresses, whose meters are removed once the node leaves the topology.
 * Entity ids never become tags. Each counter is registered once, on its first event, and
 * kept: an event costs a map lookup, not a meter builder. Asks are timed by their
 * observation, not by {@link #askCompleted}: entity asks by {@link ObservedEntityRef}, asks to
 * actor refs ({@code CastyClient.ask}: service instances, refs from replies) here, in
 * {@link #actorAskStarted}, when the listener was given an {@link ObservationRegistry}.
 *
 * @since 0.1.0
 */
public class MicrometerCastyClientListener implements CastyClientListener {

	/** Prefix of every meter name. */
	public static final String PREFIX = "casty.client.";

	private final MeterRegistry registry;

	private final Map<Key, Counter> counters = new ConcurrentHashMap<>();

	private final Counter lateReplies;

	private final Counter topologyUpdates;

	private final @Nullable ObservationRegistry observations;

	private final @Nullable CastyAskObservationConvention convention;

	/**
	 * Creates a listener that observes no asks.
	 * @param registry the registry to record into
	 */
	public MicrometerCastyClientListener(MeterRegistry registry) {
		this(registry, null, null);
	}

	/**
	 * Creates a listener that also observes asks to actor refs, as {@link ObservedEntityRef}
	 * observes entity asks.
	 * @param registry the registry to record into
	 * @param observations where asks to actor refs are observed, {@code null} for nowhere
	 * @param convention the convention of asks, {@code null} for the default one
	 */
	public MicrometerCastyClientListener(MeterRegistry registry, @Nullable ObservationRegistry observations,
			@Nullable CastyAskObservationConvention convention) {
		this.registry = registry;
		this.observations = observations;
		this.convention = convention;
		this.lateReplies = Counter.builder(PREFIX + "replies.late")
			.description("Replies that arrived after their ask ended")
			.register(registry);
		this.topologyUpdates = Counter.builder(PREFIX + "topology.updates")
			.description("Topology snapshots accepted")
			.register(registry);
	}

	@Override
	public void messageSent(String target) {
		increment(Kind.SENT, target, "");
	}

	@Override
	public void messageDropped(String target, String reason) {
		increment(Kind.DROPPED, target, reason);
	}

	@Override
	public AskEnd actorAskStarted(ActorRef<?> target) {
		ObservationRegistry registry = this.observations;
		if (registry == null) {
			return AskEnd.NONE;
		}
		return AskObservations.actorAsk(registry, this.convention, target);
	}

	@Override
	public void lateReply() {
		this.lateReplies.increment();
	}

	@Override
	public void cacheMiss(String shardType) {
		increment(Kind.CACHE_MISSES, shardType, "");
	}

	@Override
	public void bufferRejected(String target) {
		increment(Kind.BUFFER_REJECTED, target, "");
	}

	@Override
	public void nodeEvicted(NodeAddress node, String reason) {
		increment(Kind.EVICTIONS, node.toString(), reason);
	}

	@Override
	public void topologyUpdated(TopologyView view) {
		this.topologyUpdates.increment();
		Set<String> members = new HashSet<>();
		view.memberStatuses().forEach((node, status) -> {
			if (status != MemberState.REMOVED) {
				members.add(node.toString());
			}
		});
		this.counters.forEach((key, counter) -> {
			if (key.kind.nodeTagged && !members.contains(key.first) && this.counters.remove(key, counter)) {
				this.registry.remove(counter);
			}
		});
	}

	@Override
	public void connectionOpened(NodeAddress node) {
		increment(Kind.CONNECTIONS_OPENED, node.toString(), "");
	}

	@Override
	public void connectionClosed(NodeAddress node) {
		increment(Kind.CONNECTIONS_CLOSED, node.toString(), "");
	}

	@Override
	public void inboundDropped(String reason) {
		increment(Kind.INBOUND_DROPPED, reason, "");
	}

	private void increment(Kind kind, String first, String second) {
		this.counters.computeIfAbsent(new Key(kind, first, second), this::register).increment();
	}

	private Counter register(Key key) {
		Counter.Builder builder = Counter.builder(PREFIX + key.kind.name).description(key.kind.description);
		builder.tag(key.kind.tags[0], key.first);
		if (key.kind.tags.length > 1) {
			builder.tag(key.kind.tags[1], key.second);
		}
		return builder.register(this.registry);
	}

	private record Key(Kind kind, String first, String second) {

	}

	/** The tagged counters: name, description, tag keys; whether the first tag is a node. */
	private enum Kind {

		SENT("messages.sent", "Messages written to nodes", false, "target"),

		DROPPED("messages.dropped", "Messages dropped without being sent", false, "target", "reason"),

		CACHE_MISSES("shard.cache.misses", "Shard locations that were not cached", false, "type"),

		BUFFER_REJECTED("buffer.rejected", "Messages refused because a buffer was full", false, "target"),

		EVICTIONS("evictions", "Nodes whose shard routes were evicted", true, "node", "reason"),

		CONNECTIONS_OPENED("connections.opened", "Node connections established", true, "node"),

		CONNECTIONS_CLOSED("connections.closed", "Node connections closed", true, "node"),

		INBOUND_DROPPED("inbound.dropped", "Inbound frames or payloads dropped", false, "reason");

		private final String name;

		private final String description;

		private final boolean nodeTagged;

		private final String[] tags;

		Kind(String name, String description, boolean nodeTagged, String... tags) {
			this.name = name;
			this.description = description;
			this.nodeTagged = nodeTagged;
			this.tags = tags;
		}

	}

}
