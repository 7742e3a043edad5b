package io.casty.testkit;

import java.util.LinkedHashSet;
import java.util.Set;

import io.casty.client.ActorRef;
import io.casty.client.protocol.messages.SubscribeTopology;
import io.casty.client.protocol.messages.UnsubscribeTopology;

/**
 * A node's {@code /_cluster/_topology}: the set of subscribers, an immediate snapshot for
 * every {@code SubscribeTopology}, and pushes to every subscriber. Confined to the node's
 * message thread.
 */
final class TopologyEndpoint {

	private static final String SNAPSHOT_TYPE_HINT = "casty.cluster.topology.TopologySnapshot";

	private final ClusterEnvironment environment;

	private final Outbound outbound;

	private final NodeCounters counters;

	private final Set<ActorRef<?>> subscribers = new LinkedHashSet<>();

	TopologyEndpoint(ClusterEnvironment environment, Outbound outbound, NodeCounters counters) {
		this.environment = environment;
		this.outbound = outbound;
		this.counters = counters;
	}

	void onMessage(String path, Object message) {
		if (message instanceof SubscribeTopology subscribe) {
			this.subscribers.add(subscribe.replyTo());
			send(subscribe.replyTo(), this.environment.encodedSnapshot());
		}
		else if (message instanceof UnsubscribeTopology unsubscribe) {
			this.subscribers.remove(unsubscribe.subscriber());
		}
		else {
			this.counters.drop(path, "not a topology message: " + message.getClass().getSimpleName());
		}
	}

	void push(byte[] payload) {
		for (ActorRef<?> subscriber : this.subscribers) {
			send(subscriber, payload);
		}
	}

	int subscriberCount() {
		return this.subscribers.size();
	}

	private void send(ActorRef<?> subscriber, byte[] payload) {
		this.counters.snapshotsSent.incrementAndGet();
		this.outbound.sendEncoded(subscriber, SNAPSHOT_TYPE_HINT, payload);
	}

}
