package io.casty.spring.boot.autoconfigure.health;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.casty.client.CastyClient;
import io.casty.client.ConnectionsInfo;
import io.casty.client.NodeAddress;
import io.casty.client.topology.TopologyView;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;

/**
 * Reports whether the Casty client can route messages: UP while it holds a topology view
 * younger than a threshold, has at least one open node connection and can reach at least
 * one member, DOWN with a reason otherwise. Its {@code unavailable} detail maps each member
 * the client cannot send to, to why ({@link CastyClient#connections()}): the cluster marks it
 * down or unreachable, or the client's connection to it failed. The last matters because
 * Casty v0.21.0 may list a dead node as {@code up} again (its gossip resurrects it), so the
 * topology alone would call every member available. Every check is bounded by its own
 * timeout. Belongs to the readiness group: a cluster outage should take the instance out of
 * load balancing, not restart it.
 *
 * @since 0.1.0
 */
public class CastyHealthIndicator implements ReactiveHealthIndicator {

	private final CastyClient client;

	private final Duration maxTopologyAge;

	private final Duration timeout;

	/**
	 * Creates an indicator.
	 * @param client the client
	 * @param maxTopologyAge oldest topology view still reported UP
	 * @param timeout longest time one check may take
	 */
	public CastyHealthIndicator(CastyClient client, Duration maxTopologyAge, Duration timeout) {
		this.client = client;
		this.maxTopologyAge = maxTopologyAge;
		this.timeout = timeout;
	}

	@Override
	public Mono<Health> health() {
		return Mono.fromSupplier(this::check)
			.subscribeOn(Schedulers.boundedElastic())
			.timeout(this.timeout, Mono.fromSupplier(() -> Health.down()
				.withDetail("reason", "The health check did not finish within " + this.timeout.toMillis() + " ms")
				.build()))
			.onErrorResume((ex) -> Mono.just(Health.down(ex).build()));
	}

	private Health check() {
		if (!this.client.isRunning()) {
			return Health.down().withDetail("reason", "The Casty client is not running").build();
		}
		TopologyView view = this.client.topology().current();
		List<NodeAddress> connected = this.client.connectedNodes();
		ConnectionsInfo connections = this.client.connections();
		Map<String, Object> details = details(view, connected, connections);
		if (view.isEmpty()) {
			return Health.down()
				.withDetail("reason", "No topology snapshot received yet from " + this.client.options().contactPoints())
				.withDetails(details)
				.build();
		}
		Duration age = view.age();
		if (age.compareTo(this.maxTopologyAge) > 0) {
			return Health.down()
				.withDetail("reason", "The last topology snapshot is " + age.toMillis() + " ms old (limit "
						+ this.maxTopologyAge.toMillis() + " ms): no member answers topology polls")
				.withDetails(details)
				.build();
		}
		if (connected.isEmpty()) {
			return Health.down()
				.withDetail("reason", "No connection to any Casty node is open")
				.withDetails(details)
				.build();
		}
		if (view.availableMembers().isEmpty()) {
			return Health.down().withDetail("reason", "No member is up").withDetails(details).build();
		}
		if (connections.members().stream().noneMatch(ConnectionsInfo.MemberReachability::reachable)) {
			return Health.down()
				.withDetail("reason", "No member can be reached (see unavailable)")
				.withDetails(details)
				.build();
		}
		return Health.up().withDetails(details).build();
	}

	private Map<String, Object> details(TopologyView view, List<NodeAddress> connected, ConnectionsInfo connections) {
		Map<String, Object> details = new LinkedHashMap<>();
		Map<String, String> members = new LinkedHashMap<>();
		view.memberStatuses().forEach((node, status) -> members.put(node.toString(), status.name().toLowerCase(Locale.ROOT)));
		details.put("members", members);
		NodeAddress leader = view.leader();
		details.put("leader", (leader != null) ? leader.toString() : "none");
		details.put("allocationEpoch", view.allocationEpoch());
		Map<String, String> unavailable = new LinkedHashMap<>();
		for (ConnectionsInfo.MemberReachability member : connections.members()) {
			if (!member.reachable()) {
				unavailable.put(member.node().toString(), String.valueOf(member.reason()));
			}
		}
		details.put("unavailable", unavailable);
		details.put("topologyAgeMs", view.isEmpty() ? -1 : view.age().toMillis());
		details.put("connectedNodes", connected.stream().map(NodeAddress::toString).sorted().toList());
		details.put("pendingAsks", this.client.pendingAsks());
		details.put("bufferedMessages", this.client.bufferedMessages());
		return details;
	}

}
