package io.casty.spring.boot.test;

import java.util.List;

import io.casty.client.CastyClient;
import io.casty.client.NodeAddress;

/**
 * The identities a client's connections give the nodes, to find them among a node's peers.
 */
final class ClientIdentities {

	private ClientIdentities() {
	}

	/**
	 * The identities of a running client.
	 * @param client the client
	 * @return host:port of every connection lane
	 */
	static List<NodeAddress> of(CastyClient client) {
		return client.clientIdentities().stream().map((id) -> new NodeAddress(id.host(), id.port())).toList();
	}

}
