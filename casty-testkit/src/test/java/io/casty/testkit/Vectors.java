package io.casty.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import io.casty.client.protocol.Frame;
import io.casty.client.protocol.FrameCodec;
import io.netty.buffer.Unpooled;

/**
 * Golden frames captured from real Casty v0.21.0 nodes (copied from casty-client's test data).
 */
final class Vectors {

	private Vectors() {
	}

	static byte[] bytes(String file) {
		try (InputStream in = Vectors.class.getClassLoader().getResourceAsStream("vectors/" + file)) {
			if (in == null) {
				throw new IllegalStateException("Missing test resource vectors/" + file);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Frame.Message message(String file) {
		return (Frame.Message) FrameCodec.decodeWhole(Unpooled.wrappedBuffer(bytes(file)));
	}

}
