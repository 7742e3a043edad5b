package io.casty.client.protocol;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;

import io.casty.client.protocol.codec.MessageCodec;
import io.casty.client.protocol.codec.MessageTypeRegistry;
import io.casty.client.protocol.messages.TopologySnapshot;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a fresh client decodes on the way to its first topology (a node's handshake, headers,
 * a topology snapshot) must not build a Jackson {@code JsonMapper}: building one loads some
 * 350 databind classes, most of a fresh JVM's start-up before the mapper became lazy. Checked
 * in a class loader of its own, so that nothing this test JVM loaded before counts.
 */
class FirstTopologyClassLoadingTests {

	@Test
	void whenAHandshakeAndATopologySnapshotAreDecodedThenNoMapperIsBuilt() throws Exception {
		try (Isolated loader = new Isolated()) {
			Object members = loader.loadClass(Probe.class.getName()).getMethod("decode").invoke(null);
			assertThat(members).isEqualTo(3);
			assertThat(loader.isLoaded(TopologySnapshot.class.getName())).isTrue();
			assertThat(loader.isLoaded("tools.jackson.core.json.JsonFactory")).isTrue();
			assertThat(loader.isLoaded("tools.jackson.databind.ObjectMapper")).isFalse();
		}
	}

	/** Runs inside the isolated loader. */
	public static final class Probe {

		private Probe() {
		}

		public static int decode() {
			Frame handshake = FrameCodec.decodeWhole(Unpooled.wrappedBuffer(vector("02-node_handshake_reply.bin")));
			assertThat(handshake).isInstanceOf(Frame.Handshake.class);
			Frame.Message message = (Frame.Message) FrameCodec
				.decodeWhole(Unpooled.wrappedBuffer(vector("17-topology_snapshot_3_nodes.bin")));
			TopologySnapshot snapshot = new MessageCodec(MessageTypeRegistry.withProtocolTypes())
				.decode(message.payload(), TopologySnapshot.class);
			return snapshot.members().size();
		}

		private static byte[] vector(String file) {
			try (InputStream in = Probe.class.getClassLoader().getResourceAsStream("vectors/" + file)) {
				if (in == null) {
					throw new IllegalStateException("Missing test resource vectors/" + file);
				}
				return in.readAllBytes();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

	/** The test class path again, below the platform loader only. */
	private static final class Isolated extends URLClassLoader {

		Isolated() {
			super(urls(), ClassLoader.getPlatformClassLoader());
		}

		boolean isLoaded(String name) {
			return findLoadedClass(name) != null;
		}

		private static URL[] urls() {
			List<URL> urls = new ArrayList<>();
			for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
				try {
					urls.add(new File(entry).toURI().toURL());
				}
				catch (MalformedURLException ex) {
					throw new IllegalStateException(ex);
				}
			}
			return urls.toArray(new URL[0]);
		}

	}

}
