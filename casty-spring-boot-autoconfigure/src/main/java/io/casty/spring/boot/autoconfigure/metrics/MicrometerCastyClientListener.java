package io.casty.spring.boot.autoconfigure.metrics;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.casty.client.CastyClientListener;
import io.casty.client.NodeAddress;
import io.casty.client.protocol.messages.Member;
import io.casty.client.protocol.messages.MemberStatus;
import io.casty.client.topology.TopologyView;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Records the Casty client's events as Micrometer meters. Tags are bounded: shard types,
 * outcomes, reasons, and node addresses, whose meters are removed once the node leaves the
 * topology. Entity ids never become tags.
 *
 * @since 0.1.0
 */
public class MicrometerCastyClientListener implements CastyClientListener {

	/** Prefix of every meter name. */
	public static final String PREFIX = "casty.client.";

	private static final List<String> NODE_METERS = List.of(PREFIX + "evictions", PREFIX + "connections.opened",
			PREFIX + "connections.closed");

	private final MeterRegistry registry;

	private final Set<String> taggedNodes = ConcurrentHashMap.newKeySet();

	/**
	 * Creates a listener.
	 * @param registry the registry to record into
	 */
	public MicrometerCastyClientListener(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void messageSent(String target) {
		counter("messages.sent", "Messages written to nodes", "target", target).increment();
	}

	@Override
	public void messageDropped(String target, String reason) {
		counter("messages.dropped", "Messages dropped without being sent", "target", target, "reason", reason)
			.increment();
	}

	@Override
	public void askCompleted(String target, AskOutcome outcome, Duration latency) {
		Timer.builder(PREFIX + "asks")
			.description("Asks, from send to reply or failure")
			.tags("target", target, "outcome", outcome.name().toLowerCase(Locale.ROOT))
			.register(this.registry)
			.record(latency);
	}

	@Override
	public void lateReply() {
		counter("replies.late", "Replies that arrived after their ask ended").increment();
	}

	@Override
	public void cacheMiss(String shardType) {
		counter("shard.cache.misses", "Shard locations that were not cached", "type", shardType).increment();
	}

	@Override
	public void bufferRejected(String target) {
		counter("buffer.rejected", "Messages refused because a buffer was full", "target", target).increment();
	}

	@Override
	public void nodeEvicted(NodeAddress node, String reason) {
		counter("evictions", "Nodes whose shard routes were evicted", "node", nodeTag(node), "reason", reason)
			.increment();
	}

	@Override
	public void topologyUpdated(TopologyView view) {
		counter("topology.updates", "Topology snapshots accepted").increment();
		Set<String> members = new HashSet<>();
		for (Member member : view.snapshot().members()) {
			if (member.status() != MemberStatus.REMOVED) {
				members.add(member.address().toString());
			}
		}
		for (String node : this.taggedNodes) {
			if (!members.contains(node) && this.taggedNodes.remove(node)) {
				removeNodeMeters(node);
			}
		}
	}

	@Override
	public void connectionOpened(NodeAddress node) {
		counter("connections.opened", "Node connections established", "node", nodeTag(node)).increment();
	}

	@Override
	public void connectionClosed(NodeAddress node) {
		counter("connections.closed", "Node connections closed", "node", nodeTag(node)).increment();
	}

	@Override
	public void inboundDropped(String reason) {
		counter("inbound.dropped", "Inbound frames or payloads dropped", "reason", reason).increment();
	}

	private String nodeTag(NodeAddress node) {
		String tag = node.toString();
		this.taggedNodes.add(tag);
		return tag;
	}

	private void removeNodeMeters(String node) {
		for (String name : NODE_METERS) {
			for (Meter meter : this.registry.find(name).tag("node", node).meters()) {
				this.registry.remove(meter);
			}
		}
	}

	private Counter counter(String name, String description, String... tags) {
		return Counter.builder(PREFIX + name).description(description).tags(tags).register(this.registry);
	}

}
