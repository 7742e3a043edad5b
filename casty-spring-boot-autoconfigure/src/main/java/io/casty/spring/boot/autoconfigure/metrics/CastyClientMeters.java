package io.casty.spring.boot.autoconfigure.metrics;

import java.util.Locale;

import io.casty.client.CastyClient;
import io.casty.client.ConnectionsInfo;
import io.casty.client.MemberState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Gauges of a Casty client's state: asks in flight, buffered messages, members by status
 * and open connections (each lane of each node counts).
 *
 * @since 0.1.0
 */
public class CastyClientMeters implements MeterBinder {

	private final CastyClient client;

	/** Registries already bound: Boot binds MeterBinder beans itself, the auto-configuration too. */
	private final java.util.Set<MeterRegistry> bound = java.util.Collections
		.newSetFromMap(new java.util.IdentityHashMap<>());

	/**
	 * Creates the binder.
	 * @param client the client to observe
	 */
	public CastyClientMeters(CastyClient client) {
		this.client = client;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		synchronized (this.bound) {
			if (!this.bound.add(registry)) {
				return;
			}
		}
		String prefix = MicrometerCastyClientListener.PREFIX;
		Gauge.builder(prefix + "asks.pending", this.client, CastyClient::pendingAsks)
			.description("Asks in flight")
			.register(registry);
		Gauge.builder(prefix + "buffered", this.client, CastyClient::bufferedMessages)
			.description("Messages waiting for shard locations")
			.register(registry);
		Gauge.builder(prefix + "connections.active", this.client, CastyClientMeters::openConnections)
			.description("Open node connections, every lane of every node")
			.register(registry);
		for (MemberState status : MemberState.values()) {
			Gauge.builder(prefix + "members", this.client, (c) -> countMembers(c, status))
				.description("Cluster members by status, as the last topology snapshot shows them")
				.tag("status", status.name().toLowerCase(Locale.ROOT))
				.register(registry);
		}
	}

	private static long openConnections(CastyClient client) {
		return client.connections()
			.connections()
			.stream()
			.filter((c) -> c.state() == ConnectionsInfo.ConnectionState.OPEN)
			.count();
	}

	private static long countMembers(CastyClient client, MemberState status) {
		return client.topology().current().memberStatuses().values().stream().filter((s) -> s == status).count();
	}

}
