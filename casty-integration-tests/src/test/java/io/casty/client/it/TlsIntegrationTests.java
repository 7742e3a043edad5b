package io.casty.client.it;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

import io.casty.client.CastyClient;
import io.casty.client.ClusterUnavailableException;
import io.casty.client.EntityRef;
import io.casty.client.TlsOptions;
import io.casty.client.it.Counters.CounterMsg;
import io.casty.client.it.Counters.GetCount;
import io.casty.client.it.Counters.Increment;
import io.casty.testkit.CastyTestCluster;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Mutual TLS, as Casty's {@code TlsConfig} sets it up: nodes require a client certificate
 * signed by the cluster's CA. The certificate is made by the JDK's {@code keytool}.
 */
class TlsIntegrationTests {

	private static final char[] PASSWORD = "changeit".toCharArray();

	private static KeyManagerFactory keys;

	private static TrustManagerFactory trust;

	@BeforeAll
	static void makeCertificate(@TempDir Path dir) throws Exception {
		Path store = dir.resolve("casty.p12");
		String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
		Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "casty", "-keyalg", "RSA", "-keysize",
				"2048", "-validity", "2", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
				"-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", new String(PASSWORD), "-keypass",
				new String(PASSWORD))
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		KeyStore keyStore = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(store)) {
			keyStore.load(in, PASSWORD);
		}
		keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keys.init(keyStore, PASSWORD);
		trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(keyStore);
	}

	private static CastyTestCluster.Builder tlsCluster() throws Exception {
		SslContext server = SslContextBuilder.forServer(keys).trustManager(trust).clientAuth(ClientAuth.REQUIRE).build();
		return Counters.cluster(2).tls(server);
	}

	@Test
	void clientWithACertificateTalksToTlsNodes() throws Exception {
		SslContext client = SslContextBuilder.forClient().keyManager(keys).trustManager(trust).build();
		try (CastyTestCluster cluster = tlsCluster().start();
				CastyClient casty = CastyClient.start(Counters.options(cluster).tls(TlsOptions.of(client)).build())) {
			casty.awaitTopology(Duration.ofSeconds(5));
			EntityRef<CounterMsg> counters = casty.entityRef(Counters.TYPE, Counters.SHARDS, CounterMsg.class);
			counters.tell("tls", new Increment(42));
			assertThat(counters.ask("tls", GetCount::new, Integer.class).get(5, TimeUnit.SECONDS)).isEqualTo(42);
		}
	}

	@Test
	void clientWithoutTlsOrWithoutACertificateGetsNoTopology() throws Exception {
		SslContext noCertificate = SslContextBuilder.forClient().trustManager(trust).build();
		try (CastyTestCluster cluster = tlsCluster().start();
				CastyClient plain = CastyClient.start(Counters.options(cluster).build());
				CastyClient anonymous = CastyClient
					.start(Counters.options(cluster).tls(TlsOptions.of(noCertificate)).build())) {
			assertThatExceptionOfType(ClusterUnavailableException.class)
				.isThrownBy(() -> plain.awaitTopology(Duration.ofSeconds(2)));
			assertThatExceptionOfType(ClusterUnavailableException.class)
				.isThrownBy(() -> anonymous.awaitTopology(Duration.ofSeconds(2)));
		}
	}

}
