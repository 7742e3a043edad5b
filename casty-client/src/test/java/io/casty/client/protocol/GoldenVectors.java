package io.casty.client.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads the frames captured from real Casty v0.21.0 nodes ({@code vectors/vectors.json}).
 */
public final class GoldenVectors {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private GoldenVectors() {
	}

	/**
	 * One vector.
	 *
	 * @param name its name
	 * @param file the .bin file
	 * @param encoding json, msgpack, zlib+json or gzip+json
	 * @param index its entry in vectors.json
	 * @param bytes the whole frame
	 */
	public record Vector(String name, String file, String encoding, JsonNode index, byte[] bytes) {

		@Override
		public String toString() {
			return this.file;
		}

	}

	public static JsonNode index() {
		return read("vectors/vectors.json");
	}

	public static List<Vector> all() {
		List<Vector> vectors = new ArrayList<>();
		for (JsonNode entry : index().get("vectors").values()) {
			String file = entry.get("file").stringValue();
			vectors.add(new Vector(entry.get("name").stringValue(), file, entry.get("payload_encoding").stringValue(),
					entry, bytes("vectors/" + file)));
		}
		return vectors;
	}

	public static Vector named(String name) {
		return all().stream().filter((v) -> v.name().equals(name)).findFirst().orElseThrow();
	}

	public static JsonNode read(String resource) {
		return MAPPER.readTree(bytes(resource));
	}

	public static byte[] bytes(String resource) {
		try (InputStream in = GoldenVectors.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("Missing test resource " + resource);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
