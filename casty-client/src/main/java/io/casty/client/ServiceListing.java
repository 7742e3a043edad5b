package io.casty.client;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The instances of a service, as last seen in the topology registry.
 *
 * @param <M> the message type
 * @param key the key
 * @param instances refs to the instances, ordered by node address
 * @since 0.1.0
 */
public record ServiceListing<M>(ServiceKey<M> key, List<ActorRef<M>> instances) {

	public ServiceListing {
		Objects.requireNonNull(key, "key");
		instances = List.copyOf(instances);
	}

	/**
	 * Whether no instance is known.
	 * @return whether the listing is empty
	 */
	public boolean isEmpty() {
		return this.instances.isEmpty();
	}

	/**
	 * The first instance, if any.
	 * @return the instance
	 */
	public Optional<ActorRef<M>> first() {
		return this.instances.stream().findFirst();
	}

}
