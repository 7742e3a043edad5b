package io.casty.client.protocol.messages;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

import io.casty.client.CastyMessage;

/**
 * The receptionist's answer to {@link Find}.
 *
 * @param key the service key
 * @param instances the instances (empty for an unknown key)
 * @since 0.1.0
 */
@CastyMessage("casty.cluster.receptionist.Listing")
public record Listing(ReceptionistKey key, Set<ServiceInstance> instances) {

	public Listing {
		Objects.requireNonNull(key, "key");
		instances = Collections.unmodifiableSet(new LinkedHashSet<>(instances));
	}

}
