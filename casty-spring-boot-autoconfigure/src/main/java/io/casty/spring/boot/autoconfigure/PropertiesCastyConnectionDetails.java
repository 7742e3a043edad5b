package io.casty.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import io.casty.client.NodeAddress;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/**
 * Adapts {@link CastyClientProperties} to {@link CastyConnectionDetails}.
 */
class PropertiesCastyConnectionDetails implements CastyConnectionDetails {

	private final CastyClientProperties properties;

	private final @Nullable SslBundles sslBundles;

	PropertiesCastyConnectionDetails(CastyClientProperties properties, @Nullable SslBundles sslBundles) {
		this.properties = properties;
		this.sslBundles = sslBundles;
	}

	@Override
	public List<NodeAddress> getContactPoints() {
		List<String> points = this.properties.getContactPoints();
		if (points.isEmpty()) {
			throw InvalidCastyConfigurationException.noContactPoints();
		}
		List<NodeAddress> addresses = new ArrayList<>(points.size());
		for (String point : points) {
			try {
				addresses.add(NodeAddress.parse(point.trim()));
			}
			catch (IllegalArgumentException ex) {
				throw InvalidCastyConfigurationException.malformedContactPoint(point, ex);
			}
		}
		return addresses;
	}

	@Override
	public String getSystemName() {
		return this.properties.getSystemName();
	}

	@Override
	public @Nullable SslBundle getSslBundle() {
		String name = this.properties.getSsl().getBundle();
		if (name == null) {
			return null;
		}
		if (this.sslBundles == null) {
			throw new InvalidCastyConfigurationException("casty.client.ssl.bundle is set to '" + name
					+ "' but no SslBundles bean exists", "Define the bundle under spring.ssl.bundle.* "
							+ "(with SslAutoConfiguration enabled), or remove casty.client.ssl.bundle.", null);
		}
		return this.sslBundles.getBundle(name);
	}

}
