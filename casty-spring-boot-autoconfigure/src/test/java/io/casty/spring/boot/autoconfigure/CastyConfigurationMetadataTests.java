package io.casty.spring.boot.autoconfigure;

import java.io.InputStream;
import java.util.Map;
import java.util.stream.StreamSupport;

import io.casty.client.TopologyOptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.convert.DurationStyle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration metadata the build generates, as an IDE reads it.
 */
class CastyConfigurationMetadataTests {

	private static JsonNode metadata() throws Exception {
		try (InputStream in = CastyConfigurationMetadataTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("generated metadata").isNotNull();
			return JsonMapper.builder().build().readTree(in);
		}
	}

	private static JsonNode property(JsonNode metadata, String name) {
		return StreamSupport.stream(metadata.get("properties").spliterator(), false)
			.filter((p) -> p.get("name").asString().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no property " + name));
	}

	private static JsonNode hint(JsonNode metadata, String name) {
		return StreamSupport.stream(metadata.get("hints").spliterator(), false)
			.filter((h) -> h.get("name").asString().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no hint " + name));
	}

	@Test
	void defaultsAreShownForConnectionsPerNodeAndTheCallbackExecutorIsDocumented() throws Exception {
		JsonNode metadata = metadata();
		JsonNode connections = property(metadata, "casty.client.connections-per-node");
		assertThat(connections.get("defaultValue").asInt()).isZero();
		assertThat(connections.get("description").asString()).contains("0 to choose them from the nodes")
			.contains("pipelined");
		assertThat(property(metadata, "casty.client.callback-executor").get("description").asString())
			.contains("spring.threads.virtual.enabled");
		Map<String, String> values = new java.util.LinkedHashMap<>();
		hint(metadata, "casty.client.callback-executor").get("values")
			.forEach((v) -> values.put(v.get("value").asString(), v.get("description").asString()));
		assertThat(values).containsOnlyKeys("pool", "virtual", "io-thread");
	}

	@Test
	void defaultsAreShownForIoThreadsAndTheHealthsMaxTopologyAge() throws Exception {
		JsonNode metadata = metadata();
		JsonNode ioThreads = property(metadata, "casty.client.io-threads");
		assertThat(ioThreads.get("defaultValue").asInt()).isZero();
		assertThat(ioThreads.get("description").asString()).contains("0 uses one per processor, at most 4");
		JsonNode maxAge = property(metadata, "casty.client.health.max-topology-age");
		assertThat(DurationStyle.detectAndParse(maxAge.get("defaultValue").asString()))
			.isEqualTo(TopologyOptions.DEFAULT_POLL_INTERVAL.multipliedBy(3).plus(TopologyOptions.DEFAULT_TIMEOUT));
		assertThat(maxAge.get("description").asString()).contains("three topology poll intervals plus the topology timeout");
	}

	@Test
	void theAllocatorDefaultsToPooledAndBothChoicesAreDescribed() throws Exception {
		JsonNode metadata = metadata();
		assertThat(property(metadata, "casty.client.allocator").get("defaultValue").asString()).isEqualTo("pooled");
		Map<String, String> values = new java.util.LinkedHashMap<>();
		hint(metadata, "casty.client.allocator").get("values")
			.forEach((v) -> values.put(v.get("value").asString(), v.get("description").asString()));
		assertThat(values).containsOnlyKeys("pooled", "adaptive");
		assertThat(values.get("pooled")).contains("direct memory per I/O thread");
	}

	@Test
	void theEntitiesMessageTypeHasAClassReferenceHint() throws Exception {
		JsonNode provider = hint(metadata(), "casty.client.entities.*.message-type").get("providers").get(0);
		assertThat(provider.get("name").asString()).isEqualTo("class-reference");
		assertThat(provider.get("parameters").get("concrete").asBoolean())
			.as("message types are usually sealed interfaces")
			.isFalse();
	}

	@Test
	void theSerializerHintDoesNotCallJsonCastysDefault() throws Exception {
		JsonNode json = StreamSupport.stream(hint(metadata(), "casty.client.serializer").get("values").spliterator(), false)
			.filter((v) -> v.get("value").asString().equals("json"))
			.findFirst()
			.orElseThrow();
		assertThat(json.get("description").asString()).doesNotContain("Casty's default serializer").contains("pickle");
	}

}
