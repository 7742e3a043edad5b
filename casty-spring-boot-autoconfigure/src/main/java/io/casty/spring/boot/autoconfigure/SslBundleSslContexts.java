package io.casty.spring.boot.autoconfigure;

import javax.net.ssl.SSLException;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslManagerBundle;
import org.springframework.boot.ssl.SslOptions;

/**
 * Turns a Spring {@link SslBundle} into the client-side Netty {@link SslContext} the Casty
 * client takes.
 */
final class SslBundleSslContexts {

	private SslBundleSslContexts() {
	}

	static SslContext forClient(SslBundle bundle) {
		SslManagerBundle managers = bundle.getManagers();
		SslContextBuilder builder = SslContextBuilder.forClient()
			.keyManager(managers.getKeyManagerFactory())
			.trustManager(managers.getTrustManagerFactory());
		SslOptions options = bundle.getOptions();
		if (options.getEnabledProtocols() != null) {
			builder.protocols(options.getEnabledProtocols());
		}
		if (options.getCiphers() != null) {
			builder.ciphers(SslOptions.asSet(options.getCiphers()));
		}
		try {
			return builder.build();
		}
		catch (SSLException ex) {
			throw new InvalidCastyConfigurationException("The SSL bundle of casty.client.ssl.bundle cannot be used "
					+ "for a TLS client: " + ex.getMessage(), "Check the bundle's key store and trust store.", ex);
		}
	}

}
