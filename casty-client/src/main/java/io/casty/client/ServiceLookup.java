package io.casty.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import reactor.core.publisher.Flux;

/**
 * Finds discoverable services of the cluster. Each method registers the key's message type
 * (a record, enum or sealed interface annotated with {@link CastyMessage}) with the codec,
 * so messages of that type can be sent to the instances found.
 *
 * @since 0.1.0
 */
public interface ServiceLookup {

	/**
	 * The instances of a service in the cached topology, without network traffic. Empty
	 * before the first snapshot; instances on down or unreachable nodes are left out.
	 * @param <M> the message type
	 * @param key the key
	 * @return the listing
	 */
	<M> ServiceListing<M> lookup(ServiceKey<M> key);

	/**
	 * The listing now and every time it changes.
	 * @param <M> the message type
	 * @param key the key
	 * @return the stream, completing when the client closes
	 */
	<M> Flux<ServiceListing<M>> watch(ServiceKey<M> key);

	/**
	 * Asks a node's receptionist directly ({@code Find}), bypassing the cached topology.
	 * @param <M> the message type
	 * @param key the key
	 * @param timeout how long to wait
	 * @return the listing; every failure completes it exceptionally, as for
	 * {@link EntityRef#ask(String, java.util.function.Function, Class)}
	 */
	<M> CompletableFuture<ServiceListing<M>> find(ServiceKey<M> key, Duration timeout);

}
