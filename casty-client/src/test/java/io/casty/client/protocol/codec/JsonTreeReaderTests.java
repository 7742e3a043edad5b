package io.casty.client.protocol.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.casty.client.MessageCodecException;
import io.casty.client.protocol.Frame;
import io.casty.client.protocol.FrameCodec;
import io.casty.client.protocol.GoldenVectors;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JSON payload trees are built from the streaming parser without a mapper: they must be
 * exactly the trees the payload mapper built before (the same node types, member order and
 * values), and whatever the reader leaves to the mapper, now built on first use, must still
 * read or fail as before.
 */
class JsonTreeReaderTests {

	/** The payload mapper as {@link PayloadFormat} built it eagerly before. */
	private static final JsonMapper REFERENCE = JsonMapper
		.builder(JsonFactory.builder().recyclerPool(JsonRecyclerPools.threadLocalPool()).build())
		.enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private static final List<String> READ_WITHOUT_MAPPER = List.of("1", "-7", "0", "-0", "2147483647", "-2147483648",
			"2147483648", "-2147483649", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
			"123456789012345678901234567890", "1.5", "-0.0", "0.1", "1e2", "1E-2", "1e400", "-1e400", "1e-400",
			"3.141592653589793238462643383279", "NaN", "Infinity", "-Infinity", "true", "false", "null", "\"text\"",
			"\"\\u00e9\\ud83d\\ude00\\n\\\"\"", "\"h\u00f4st-\u00fc\"", "[]", "{}", "[1, \"a\", [true, null], {}]",
			"{\"b\": 1, \"a\": {\"z\": [1.0, 2], \"y\": null}, \"c\": \"\"}", " {\"a\" : 1 } ", "\t[1]\n",
			"{\"__dict__\": [[1, {\"_type\": \"x.Y\", \"a\": [1, 2]}]], \"__frozenset__\": []}",
			"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]");

	/** Left to the mapper: it reads the first one, and fails on the rest with its own messages. */
	private static final List<String> LEFT_TO_MAPPER = List.of("{\"a\": 1, \"a\": [2]}", "{\"a\": {\"b\": 1, \"b\": 2}}",
			"1 2", "{} []", "[1,", "{\"a\"", "{\"a\": }", "[1 2]", "tru", "\"open", "", "   ", "'a'", "[NaN, -NaN]",
			"{a: 1}", "[1,]", "/* c */ 1");

	@Test
	void whenJsonIsWellFormedThenTheTreeIsTheMappersWithoutTheMapper() {
		for (String json : READ_WITHOUT_MAPPER) {
			byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
			JsonNode direct = JsonTreeReader.read(bytes, 0, bytes.length);
			assertThat(direct).as(json).isNotNull();
			assertSameTree(json, direct, REFERENCE.readTree(bytes));
			assertSameTree(json, PayloadFormat.JSON.read(Unpooled.wrappedBuffer(bytes)), REFERENCE.readTree(bytes));
		}
	}

	@Test
	void whenAPayloadOfTheGoldenVectorsIsReadThenItIsTheMappersTreeWithoutTheMapper() {
		int read = 0;
		for (GoldenVectors.Vector vector : GoldenVectors.all()) {
			if (!vector.encoding().equals("json")) {
				continue;
			}
			Frame frame = FrameCodec.decodeWhole(Unpooled.wrappedBuffer(vector.bytes()));
			if (!(frame instanceof Frame.Message message)) {
				continue;
			}
			byte[] payload = message.payload();
			JsonNode direct = JsonTreeReader.read(payload, 0, payload.length);
			assertThat(direct).as(vector.name()).isNotNull();
			assertSameTree(vector.name(), direct, REFERENCE.readTree(payload));
			read++;
		}
		assertThat(read).as("JSON message vectors").isGreaterThan(10);
	}

	@Test
	void whenJsonIsUnusualOrMalformedThenTheMapperReadsItOrFailsAsBefore() {
		for (String json : LEFT_TO_MAPPER) {
			byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
			assertThat(JsonTreeReader.read(bytes, 0, bytes.length)).as(json).isNull();
			Object expected = outcome(() -> {
				JsonNode tree;
				try {
					tree = REFERENCE.readTree(bytes);
				}
				catch (JacksonException ex) {
					throw new MessageCodecException("Payload is not valid JSON: " + ex.getOriginalMessage(), ex);
				}
				if (tree == null || tree.isMissingNode()) {
					throw new MessageCodecException("Payload is not valid JSON: it holds no value");
				}
				return tree;
			});
			Object actual = outcome(() -> PayloadFormat.JSON.read(Unpooled.wrappedBuffer(bytes)));
			if (expected instanceof JsonNode tree) {
				assertSameTree(json, (JsonNode) actual, tree);
			}
			else {
				assertThat(actual).as(json).isEqualTo(expected);
			}
		}
		byte[] duplicate = "{\"a\": 1, \"a\": [2]}".getBytes(StandardCharsets.UTF_8);
		assertThat(PayloadFormat.JSON.read(Unpooled.wrappedBuffer(duplicate)).get("a").get(0).intValue()).isEqualTo(2);
	}

	private static Object outcome(java.util.function.Supplier<JsonNode> read) {
		try {
			return read.get();
		}
		catch (RuntimeException ex) {
			return ex.getClass().getName() + ": " + ex.getMessage();
		}
	}

	/** Equal trees of the same node classes, members in the same order. */
	private static void assertSameTree(String what, JsonNode actual, JsonNode expected) {
		assertThat(actual).as(what).isEqualTo(expected);
		assertThat(shape(actual)).as(what).isEqualTo(shape(expected));
	}

	private static String shape(JsonNode node) {
		StringBuilder out = new StringBuilder(node.getClass().getSimpleName());
		if (node.isObject()) {
			List<String> members = new ArrayList<>();
			for (Map.Entry<String, JsonNode> entry : node.properties()) {
				members.add(entry.getKey() + "=" + shape(entry.getValue()));
			}
			out.append(members);
		}
		else if (node.isArray()) {
			List<String> items = new ArrayList<>();
			for (JsonNode item : node.values()) {
				items.add(shape(item));
			}
			out.append(items);
		}
		else {
			out.append('(').append(node).append(')');
		}
		return out.toString();
	}

}
