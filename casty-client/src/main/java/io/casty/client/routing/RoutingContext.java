package io.casty.client.routing;

import java.util.function.Supplier;

import io.casty.client.CastyClientOptions;
import io.casty.client.messaging.AskRegistry;
import io.casty.client.topology.TopologyCache;

/**
 * What the routers of one client session share: the settings, the topology, the fence, and
 * the ports to the connections, the coordinators, the asks and the timers.
 * <p>
 * Internal: wired by {@code ClientSession}; not API, may change without notice.
 *
 * @param options the client's settings (buffers, shard location, listener)
 * @param topology the topology cache, the one source of shard owners
 * @param fence the fence of routes learned before a lost connection
 * @param transport the connections
 * @param locations sends coordinator queries
 * @param asks fails the asks that cannot be routed
 * @param timers runs query timeouts and retries
 * @param topologyProblem describes why no topology is held, for error messages
 * @since 0.1.0
 */
public record RoutingContext(CastyClientOptions options, TopologyCache topology, RouteFence fence,
		ShardTransport transport, LocationQuery locations, AskRegistry asks, RouterTimers timers,
		Supplier<String> topologyProblem) {
}
