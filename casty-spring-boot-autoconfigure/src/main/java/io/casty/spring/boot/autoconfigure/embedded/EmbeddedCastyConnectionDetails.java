package io.casty.spring.boot.autoconfigure.embedded;

import java.util.List;

import io.casty.client.NodeAddress;
import io.casty.spring.boot.autoconfigure.CastyConnectionDetails;
import io.casty.testkit.CastyTestCluster;

/**
 * Connection details of an embedded or test cluster: its nodes' bound addresses and system name.
 */
final class EmbeddedCastyConnectionDetails implements CastyConnectionDetails {

	private final CastyTestCluster cluster;

	EmbeddedCastyConnectionDetails(CastyTestCluster cluster) {
		this.cluster = cluster;
	}

	@Override
	public List<NodeAddress> getContactPoints() {
		return this.cluster.contactPoints();
	}

	@Override
	public String getSystemName() {
		return this.cluster.systemName();
	}

}
