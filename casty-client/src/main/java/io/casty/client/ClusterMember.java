package io.casty.client;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * One cluster member as the client knows it from the topology.
 *
 * @param address the node's advertised address
 * @param status its status
 * @param roles its roles, in the snapshot's order
 * @param id the node id
 * @since 0.1.0
 */
public record ClusterMember(NodeAddress address, MemberState status, Set<String> roles, String id) {

	public ClusterMember {
		Objects.requireNonNull(address, "address");
		Objects.requireNonNull(status, "status");
		roles = Collections.unmodifiableSet(new LinkedHashSet<>(roles));
	}

}
