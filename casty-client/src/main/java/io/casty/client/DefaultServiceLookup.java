package io.casty.client;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import io.casty.client.protocol.CastyPaths;
import io.casty.client.protocol.messages.Find;
import io.casty.client.protocol.messages.Listing;
import io.casty.client.protocol.messages.ReceptionistKey;
import io.casty.client.protocol.messages.ServiceEntry;
import io.casty.client.protocol.messages.ServiceInstance;
import io.casty.client.topology.TopologyView;
import reactor.core.publisher.Flux;

/**
 * Service discovery from the cached topology registry, or from a receptionist.
 */
final class DefaultServiceLookup implements ServiceLookup {

	private final CastyClient client;

	DefaultServiceLookup(CastyClient client) {
		this.client = client;
	}

	@Override
	public <M> ServiceListing<M> lookup(ServiceKey<M> key) {
		this.client.registerMessageType(key.messageType());
		return listing(key, this.client.topologyCache().current());
	}

	private <M> ServiceListing<M> listing(ServiceKey<M> key, TopologyView view) {
		List<ActorRef<M>> refs = view.services(key.name())
			.stream()
			.map((ServiceEntry entry) -> new ActorRef<M>(ActorAddress.of(this.client.systemName(), entry.node().host(),
					entry.node().port(), entry.path())))
			.toList();
		return new ServiceListing<>(key, refs);
	}

	@Override
	public <M> Flux<ServiceListing<M>> watch(ServiceKey<M> key) {
		this.client.registerMessageType(key.messageType());
		return this.client.topologyCache()
			.changes()
			.map((view) -> listing(key, view))
			.distinctUntilChanged(ServiceListing::instances, Objects::equals);
	}

	@Override
	public <M> CompletableFuture<ServiceListing<M>> find(ServiceKey<M> key, Duration timeout) {
		ActorRef<Find> receptionist;
		try {
			this.client.registerMessageType(key.messageType());
			TopologyView view = this.client.topologyCache().current();
			List<NodeAddress> members = view.availableMembers();
			NodeAddress node = members.isEmpty() ? this.client.options().contactPoints().get(0) : members.get(0);
			receptionist = new ActorRef<>(
					ActorAddress.of(this.client.systemName(), node.host(), node.port(), CastyPaths.RECEPTIONIST));
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		return this.client
			.ask(receptionist, (ActorRef<Listing> replyTo) -> new Find(new ReceptionistKey(key.name()), replyTo),
					Listing.class, timeout)
			.thenApply((listing) -> new ServiceListing<>(key, listing.instances()
				.stream()
				.map(ServiceInstance::ref)
				.sorted((a, b) -> a.uri().compareTo(b.uri()))
				.map(ActorRef::<M>narrow)
				.toList()));
	}

}
