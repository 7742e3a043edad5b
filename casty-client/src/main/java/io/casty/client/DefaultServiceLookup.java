package io.casty.client;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import io.casty.client.protocol.CastyPaths;
import io.casty.client.protocol.messages.Find;
import io.casty.client.protocol.messages.Listing;
import io.casty.client.protocol.messages.ReceptionistKey;
import io.casty.client.protocol.messages.ServiceInstance;
import io.casty.client.topology.TopologyCache;
import io.casty.client.topology.TopologyView;
import reactor.core.publisher.Flux;

/**
 * Service discovery from the cached topology registry, or from a receptionist.
 */
final class DefaultServiceLookup implements ServiceLookup {

	/** Asks a receptionist: {@link CastyClient#ask(ActorRef, java.util.function.Function, Class, Duration)}. */
	@FunctionalInterface
	interface Receptionist {

		CompletableFuture<Listing> ask(ActorRef<Find> receptionist, Function<ActorRef<Listing>, Find> request,
				Duration timeout);

	}

	private final CastyClientOptions options;

	private final TopologyCache topology;

	private final ClientCodecs codecs;

	private final Receptionist receptionist;

	DefaultServiceLookup(CastyClientOptions options, TopologyCache topology, ClientCodecs codecs,
			Receptionist receptionist) {
		this.options = options;
		this.topology = topology;
		this.codecs = codecs;
		this.receptionist = receptionist;
	}

	@Override
	public <M> ServiceListing<M> lookup(ServiceKey<M> key) {
		this.codecs.register(key.messageType());
		return listing(key, this.topology.current());
	}

	private <M> ServiceListing<M> listing(ServiceKey<M> key, TopologyView view) {
		List<ActorRef<M>> refs = view.services(key.name())
			.stream()
			.map((ServiceInstanceInfo entry) -> new ActorRef<M>(ActorAddress.of(this.options.systemName(), entry.node().host(),
					entry.node().port(), entry.path())))
			.toList();
		return new ServiceListing<>(key, refs);
	}

	@Override
	public <M> Flux<ServiceListing<M>> watch(ServiceKey<M> key) {
		this.codecs.register(key.messageType());
		return this.topology
			.changes()
			.map((view) -> listing(key, view))
			.distinctUntilChanged(ServiceListing::instances, Objects::equals);
	}

	@Override
	public <M> CompletableFuture<ServiceListing<M>> find(ServiceKey<M> key, Duration timeout) {
		ActorRef<Find> receptionist;
		try {
			this.codecs.register(key.messageType());
			TopologyView view = this.topology.current();
			List<NodeAddress> members = view.availableMembers();
			NodeAddress node = members.isEmpty() ? this.options.contactPoints().get(0) : members.get(0);
			receptionist = new ActorRef<>(
					ActorAddress.of(this.options.systemName(), node.host(), node.port(), CastyPaths.RECEPTIONIST));
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		return this.receptionist
			.ask(receptionist, (ActorRef<Listing> replyTo) -> new Find(new ReceptionistKey(key.name()), replyTo),
					timeout)
			.thenApply((listing) -> new ServiceListing<>(key, listing.instances()
				.stream()
				.map(ServiceInstance::ref)
				.sorted((a, b) -> a.uri().compareTo(b.uri()))
				.map(ActorRef::<M>narrow)
				.toList()));
	}

}
