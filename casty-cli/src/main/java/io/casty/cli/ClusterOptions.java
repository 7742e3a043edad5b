package io.casty.cli;

import java.io.File;
import java.io.FileInputStream;
import java.io.InputStream;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

import io.casty.client.CastyClientOptions;
import io.casty.client.TlsOptions;
import io.casty.client.protocol.codec.PayloadFormat;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * How to reach the cluster: the options every command that talks to nodes shares (a
 * picocli mixin). Defaults come from {@code CASTY_CONTACT}, {@code CASTY_SYSTEM} and
 * {@code CASTY_SERIALIZER} when set.
 *
 * @since 0.1.0
 */
public final class ClusterOptions {

	@Option(names = { "-c", "--contact" }, split = ",", paramLabel = "HOST:PORT",
			defaultValue = "${env:CASTY_CONTACT:-127.0.0.1:25520}",
			description = "Nodes to ask for the topology, tried in order (default: ${DEFAULT-VALUE}; env CASTY_CONTACT).")
	List<String> contacts = new ArrayList<>();

	@Option(names = { "-s", "--system" }, paramLabel = "NAME", defaultValue = "${env:CASTY_SYSTEM:-casty}",
			description = "The cluster's actor system name (default: ${DEFAULT-VALUE}; env CASTY_SYSTEM).")
	String system = "casty";

	@Option(names = "--serializer", paramLabel = "json|msgpack", defaultValue = "${env:CASTY_SERIALIZER:-json}",
			description = "The nodes' serializer (default: ${DEFAULT-VALUE}; env CASTY_SERIALIZER).")
	String serializer = "json";

	@Option(names = { "-t", "--timeout" }, paramLabel = "DURATION", defaultValue = "5s",
			converter = DurationConverter.class,
			description = "How long to wait for the topology and for each reply, e.g. 500ms, 5s, 1m (default: ${DEFAULT-VALUE}).")
	Duration timeout = Duration.ofSeconds(5);

	@Option(names = "--json", description = "Print machine-readable JSON on stdout (errors as JSON on stderr).")
	boolean json;

	@Option(names = "--tls", description = "Connect with TLS, trusting the JVM's default CAs unless --tls-ca or --tls-truststore is given.")
	boolean tls;

	@Option(names = "--tls-ca", paramLabel = "PEM", description = "The cluster's CA certificate(s), PEM (implies --tls).")
	@Nullable File tlsCa;

	@Option(names = "--tls-cert", paramLabel = "PEM", description = "The client certificate chain, PEM (implies --tls; with --tls-key).")
	@Nullable File tlsCert;

	@Option(names = "--tls-key", paramLabel = "PEM", description = "The client's private key, PKCS#8 PEM.")
	@Nullable File tlsKey;

	@Option(names = "--tls-keystore", paramLabel = "P12", description = "The client certificate and key as a PKCS#12 store (implies --tls).")
	@Nullable File tlsKeystore;

	@Option(names = "--tls-truststore", paramLabel = "P12", description = "Trusted CAs as a PKCS#12 store (implies --tls).")
	@Nullable File tlsTruststore;

	@Option(names = "--tls-password", paramLabel = "PASSWORD", defaultValue = "${env:CASTY_TLS_PASSWORD}",
			description = "The password of the PKCS#12 stores (env CASTY_TLS_PASSWORD).")
	@Nullable String tlsPassword;

	/**
	 * The client settings for a short-lived tool: no listener (the client opens every
	 * connection it needs and replies come back on them), quick failure detection.
	 * @return the builder
	 */
	CastyClientOptions.Builder clientOptions() {
		CastyClientOptions.Builder builder = CastyClientOptions.builder();
		try {
			builder.contactPoints(this.contacts.toArray(String[]::new));
		}
		catch (IllegalArgumentException ex) {
			throw new CliException(ExitCodes.USAGE, "--contact: " + ex.getMessage());
		}
		builder.systemName(this.system)
			.listen((listen) -> listen.enabled(false))
			.codec((codec) -> codec.format(format()))
			.askTimeout(this.timeout)
			.socket((socket) -> socket.ioThreads(1))
			.topology((topology) -> topology.pollInterval(Duration.ofMillis(500)).timeout(Duration.ofSeconds(2)))
			.reconnect((reconnect) -> reconnect.minBackoff(Duration.ofMillis(100)).maxBackoff(Duration.ofSeconds(1)));
		SslContext ssl = sslContext();
		if (ssl != null) {
			builder.tls(TlsOptions.of(ssl));
		}
		return builder;
	}

	PayloadFormat format() {
		return switch (this.serializer.toLowerCase()) {
			case "json" -> PayloadFormat.JSON;
			case "msgpack" -> PayloadFormat.MSGPACK;
			default -> throw new CliException(ExitCodes.USAGE,
					"--serializer must be json or msgpack, as the nodes are configured; was '" + this.serializer + "'");
		};
	}

	/**
	 * The TLS context, or {@code null} for plain TCP.
	 * @return the context
	 */
	@Nullable SslContext sslContext() {
		boolean wanted = this.tls || this.tlsCa != null || this.tlsCert != null || this.tlsKeystore != null
				|| this.tlsTruststore != null;
		if (!wanted) {
			return null;
		}
		if ((this.tlsCert == null) != (this.tlsKey == null)) {
			throw new CliException(ExitCodes.USAGE, "--tls-cert and --tls-key go together");
		}
		try {
			SslContextBuilder builder = SslContextBuilder.forClient();
			if (this.tlsCa != null) {
				builder.trustManager(readable(this.tlsCa, "--tls-ca"));
			}
			else if (this.tlsTruststore != null) {
				TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
				trust.init(keyStore(this.tlsTruststore, "--tls-truststore"));
				builder.trustManager(trust);
			}
			if (this.tlsCert != null && this.tlsKey != null) {
				builder.keyManager(readable(this.tlsCert, "--tls-cert"), readable(this.tlsKey, "--tls-key"));
			}
			else if (this.tlsKeystore != null) {
				KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
				keys.init(keyStore(this.tlsKeystore, "--tls-keystore"), password());
				builder.keyManager(keys);
			}
			return builder.build();
		}
		catch (CliException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new CliException(ExitCodes.USAGE, "Cannot set up TLS: " + ex.getMessage());
		}
	}

	private KeyStore keyStore(File file, String option) throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = new FileInputStream(readable(file, option))) {
			store.load(in, password());
		}
		return store;
	}

	private char[] password() {
		return (this.tlsPassword != null) ? this.tlsPassword.toCharArray() : new char[0];
	}

	private static File readable(File file, String option) {
		if (!file.canRead()) {
			throw new CliException(ExitCodes.USAGE, option + ": cannot read " + file);
		}
		return file;
	}

}
