package io.casty.cli;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

import io.casty.testkit.CastyTestCluster;
import io.casty.testkit.launcher.TestClusterLauncher;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContextBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tool against nodes that require mutual TLS, with a PKCS#12 store made by the JDK's
 * {@code keytool}.
 */
class CastyCliTlsIntegrationTests {

	private static final String PASSWORD = "changeit";

	@Test
	void withTheStoresEveryCommandWorksAndWithoutTlsTheClusterIsUnreachable(@TempDir Path dir) throws Exception {
		Path store = dir.resolve("casty.p12");
		String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
		Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "casty", "-keyalg", "RSA", "-keysize",
				"2048", "-validity", "2", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
				"-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		KeyStore keyStore = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(store)) {
			keyStore.load(in, PASSWORD.toCharArray());
		}
		KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keys.init(keyStore, PASSWORD.toCharArray());
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(keyStore);
		try (CastyTestCluster cluster = TestClusterLauncher.builder(new String[] { "--system", "secure", "--nodes", "2" })
			.tls(SslContextBuilder.forServer(keys).trustManager(trust).clientAuth(ClientAuth.REQUIRE).build())
			.start()) {
			String contact = "localhost:" + cluster.contactPoints().get(0).port();
			String[] tls = { "--tls-keystore", store.toString(), "--tls-truststore", store.toString(), "--tls-password",
					PASSWORD };
			CliRun topology = CliRun.against(contact, "secure", concat(new String[] { "topology" }, tls));
			assertThat(topology.code()).as(topology.toString()).isZero();
			assertThat(topology.out()).contains("node-1", "node-2");
			CliRun ping = CliRun.against(contact, "secure", concat(new String[] { "ping", "--count", "1" }, tls));
			assertThat(ping.code()).as(ping.toString()).isZero();
			CliRun ask = CliRun.against(contact, "secure", concat(new String[] { "ask", "counter", "tls", "-n", "100",
					"{\"_type\": \"casty_sample.messages.GetCount\"}" }, tls));
			assertThat(ask.code()).as(ask.toString()).isZero();
			assertThat(ask.out().trim()).isEqualTo("0");
			CliRun plain = CliRun.against(contact, "secure", "topology", "--timeout", "1s");
			assertThat(plain.code()).as(plain.toString()).isEqualTo(ExitCodes.UNAVAILABLE);
			CliRun wrongPassword = CliRun.against(contact, "secure", "topology", "--tls-keystore", store.toString(),
					"--tls-password", "wrong");
			assertThat(wrongPassword.code()).isEqualTo(ExitCodes.USAGE);
			assertThat(wrongPassword.err()).contains("Cannot set up TLS");
		}
	}

	private static String[] concat(String[] a, String[] b) {
		String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, all, a.length, b.length);
		return all;
	}

}
