package io.casty.client.distributed;

import java.util.ArrayList;
import java.util.List;

import io.casty.client.protocol.GoldenVectors;
import tools.jackson.databind.JsonNode;

/**
 * Loads the frames captured from Casty v0.21.0's own client and a real node
 * ({@code vectors/distributed/index.json}).
 */
final class DistributedVectors {

	private DistributedVectors() {
	}

	/**
	 * One captured frame.
	 *
	 * @param name its name, e.g. {@code lock_acquire} or {@code lock_acquire_reply}
	 * @param index its entry in the index
	 * @param bytes the whole frame
	 */
	record Vector(String name, JsonNode index, byte[] bytes) {

		@Override
		public String toString() {
			return this.name;
		}

	}

	static List<Vector> all() {
		List<Vector> vectors = new ArrayList<>();
		for (JsonNode entry : GoldenVectors.read("vectors/distributed/index.json").get("vectors").values()) {
			vectors.add(new Vector(entry.get("name").stringValue(), entry,
					GoldenVectors.bytes("vectors/distributed/" + entry.get("file").stringValue())));
		}
		return vectors;
	}

	static Vector named(String name) {
		return all().stream()
			.filter((v) -> v.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No captured vector " + name));
	}

}
