package io.casty.spring.boot.autoconfigure;

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
import io.casty.spring.boot.autoconfigure.app.CounterMsg;
import io.casty.testkit.CastyTestCluster;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContextBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code casty.client.ssl.bundle} against nodes that require mutual TLS, as Casty's
 * {@code TlsConfig} does. The key store is made by the JDK's {@code keytool}.
 */
class CastySslBundleIntegrationTests {

	private static final String PASSWORD = "changeit";

	private static Path store;

	private static CastyTestCluster cluster;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, CastyClientAutoConfiguration.class));

	@BeforeAll
	static void startTlsCluster(@TempDir Path dir) throws Exception {
		store = dir.resolve("casty.p12");
		String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
		Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "casty", "-keyalg", "RSA", "-keysize",
				"2048", "-validity", "2", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype",
				"PKCS12", "-keystore",
				store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
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
		int[] counts = new int[1];
		cluster = CastyTestCluster.builder()
			.nodes(1)
			.systemName("tls")
			.messageTypes(CounterMsg.class)
			.tls(SslContextBuilder.forServer(keys).trustManager(trust).clientAuth(ClientAuth.REQUIRE).build())
			.shardedType("app-counter", 32, (id) -> (ctx, message) -> {
				if (message instanceof CounterMsg.Increment increment) {
					counts[0] += increment.amount();
				}
				else if (message instanceof CounterMsg.GetCount get) {
					ctx.tell(get.replyTo(), counts[0]);
				}
			})
			.start();
	}

	@AfterAll
	static void stopCluster() {
		cluster.close();
	}

	private String[] connection() {
		return new String[] { "casty.client.contact-points=" + cluster.contactPoints().get(0),
				"casty.client.system-name=tls", "casty.client.entities.app-counter.shards=32",
				"casty.client.entities.app-counter.message-type=" + CounterMsg.class.getName() };
	}

	@Test
	void whenTheSslBundleIsSetThenTheClientTalksMutualTls() {
		this.contextRunner.withPropertyValues(connection())
			.withPropertyValues("spring.ssl.bundle.jks.casty.keystore.location=file:" + store,
					"spring.ssl.bundle.jks.casty.keystore.password=" + PASSWORD,
					"spring.ssl.bundle.jks.casty.keystore.type=PKCS12",
					"spring.ssl.bundle.jks.casty.truststore.location=file:" + store,
					"spring.ssl.bundle.jks.casty.truststore.password=" + PASSWORD,
					"spring.ssl.bundle.jks.casty.truststore.type=PKCS12", "casty.client.ssl.bundle=casty")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				CastyClient client = context.getBean(CastyClient.class);
				assertThat(client.options().tls().sslContext()).isNotNull();
				client.awaitTopology(Duration.ofSeconds(5));
				EntityRef<CounterMsg> counters = client.entityRef("app-counter", 32, CounterMsg.class);
				counters.tell("secure", new CounterMsg.Increment(7));
				assertThat(counters.ask("secure", CounterMsg.GetCount::new, Integer.class).get(5, TimeUnit.SECONDS))
					.isEqualTo(7);
			});
	}

	@Test
	void whenNoSslBundleIsSetThenTlsNodesGiveNoTopology() {
		this.contextRunner.withPropertyValues(connection()).run((context) -> {
			CastyClient client = context.getBean(CastyClient.class);
			assertThat(client.options().tls().sslContext()).isNull();
			assertThatExceptionOfType(ClusterUnavailableException.class)
				.isThrownBy(() -> client.awaitTopology(Duration.ofSeconds(2)));
		});
	}

}
