package io.casty.client.protocol.messages;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

import io.casty.client.CastyMessage;
import io.casty.client.NodeAddress;

/**
 * One cluster member as listed in a topology snapshot.
 *
 * @param address the node's advertised address
 * @param status its status
 * @param roles its roles
 * @param id the node id
 * @since 0.1.0
 */
@CastyMessage("casty.cluster.state.Member")
public record Member(NodeAddress address, MemberStatus status, Set<String> roles, String id) {

	public Member {
		Objects.requireNonNull(address, "address");
		Objects.requireNonNull(status, "status");
		roles = Collections.unmodifiableSet(new LinkedHashSet<>(roles));
	}

}
