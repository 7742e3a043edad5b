package io.casty.spring.boot.autoconfigure;

import java.util.List;

import io.casty.client.CastyClientOptions;
import io.casty.client.NodeAddress;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.boot.ssl.SslBundle;

/**
 * Details required to connect to a Casty cluster. Defined from the {@code casty.client.*}
 * properties unless another bean (a test cluster, the embedded cluster) supplies them.
 *
 * @since 0.1.0
 */
public interface CastyConnectionDetails extends ConnectionDetails {

	/**
	 * Nodes to subscribe to the topology from, tried in order.
	 * @return the contact points, at least one
	 */
	List<NodeAddress> getContactPoints();

	/**
	 * The cluster's actor system name.
	 * @return the system name
	 */
	default String getSystemName() {
		return CastyClientOptions.DEFAULT_SYSTEM_NAME;
	}

	/**
	 * The SSL bundle of connections to nodes.
	 * @return the bundle, or {@code null} for plain TCP
	 */
	default @Nullable SslBundle getSslBundle() {
		return null;
	}

}
