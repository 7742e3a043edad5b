package io.casty.spring.boot.test.autoconfigure;

import java.util.List;

import io.casty.client.NodeAddress;
import io.casty.spring.boot.autoconfigure.CastyConnectionDetails;
import io.casty.testkit.CastyTestCluster;

/**
 * Connection details of the test cluster: its nodes' bound addresses and system name.
 */
final class TestClusterConnectionDetails implements CastyConnectionDetails {

	private final CastyTestCluster cluster;

	TestClusterConnectionDetails(CastyTestCluster cluster) {
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
