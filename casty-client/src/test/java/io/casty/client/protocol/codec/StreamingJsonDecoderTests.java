package io.casty.client.protocol.codec;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

import io.casty.client.ActorRef;
import io.casty.client.CastyMessage;
import io.casty.client.DataclassValue;
import io.casty.client.protocol.messages.ShardEnvelope;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streaming fast path must give exactly what the tree decoder gives (value, or exception
 * type and message) for every payload and expected type, also when the payload is a range of
 * a larger array; it may only give up more often.
 */
class StreamingJsonDecoderTests {

	@CastyMessage("t.Item")
	record Item(String name, int count, long big, double score, @Nullable String note, List<Integer> values,
			Optional<String> maybe, @Nullable ActorRef<Integer> replyTo, @Nullable Object any) {
	}

	@CastyMessage("t.Wrapper")
	record Wrapper(Item item, List<Item> items) {
	}

	@CastyMessage("t.Color")
	enum Color {

		RED

	}

	private static final MessageTypeRegistry REGISTRY = MessageTypeRegistry.withProtocolTypes()
		.register(Item.class, Wrapper.class, Color.class);

	private static final MessageCodec CODEC = new MessageCodec(REGISTRY);

	private static final List<Type> TYPES = List.of(Object.class, Item.class, Wrapper.class, String.class,
			Integer.class, int.class, Long.class, Double.class, Boolean.class, DataclassValue.class, ActorRef.class,
			ShardEnvelope.class, Item.class.getRecordComponents()[5].getGenericType(),
			Item.class.getRecordComponents()[6].getGenericType(), Wrapper.class.getRecordComponents()[1].getGenericType());

	private static final String ITEM = "{\"_type\": \"t.Item\", \"name\": \"a\", \"count\": 3, \"big\": 9007199254740993,"
			+ " \"score\": 1.5, \"note\": null, \"values\": [1, 2], \"maybe\": \"m\","
			+ " \"reply_to\": {\"__ref__\": \"casty://c-client@127.0.0.1:4100/_ask/0123\"}, \"any\": [1, \"x\", null]}";

	private static final List<String> CORPUS = List.of("1", "-7", "0", "-0", "007", "-", "12a", "123456789012345678",
			"-123456789012345678", "1234567890123456789", " 5", "5 ", "+5", "2147483647", "-2147483648", "-2147483649", "2147483648", "9223372036854775808", "1.5", "-0.0",
			"1e400", "NaN", "Infinity", "-Infinity", "true", "false", "null", "\"text\"", "\"\\u00e9\\ud83d\\ude00\"",
			"[]", "[1, 2, 3]", "[1, \"a\", [true, null]]", "{}", "{\"a\": 1}", ITEM,
			"{\"_type\": \"t.Wrapper\", \"item\": " + ITEM + ", \"items\": [" + ITEM + ", " + ITEM + "]}",
			"{\"_type\": \"t.Item\", \"name\": \"b\", \"count\": 1, \"big\": 2, \"score\": 3, \"values\": []}",
			"{\"_type\": \"t.Item\", \"name\": \"c\"}",
			"{\"_type\": \"t.Item\", \"name\": \"d\", \"count\": 1, \"big\": 2, \"score\": 3, \"values\": [], \"extra\": {\"deep\": [1]}}",
			"{\"_type\": \"t.Item\", \"name\": \"e\", \"name\": \"f\", \"count\": 1, \"big\": 2, \"score\": 0.5, \"values\": [1]}",
			"{\"_type\": \"t.Item\", \"_type\": \"t.Wrapper\", \"item\": null, \"items\": []}",
			"{\"_type\": \"t.Item\", \"name\": \"g\", \"count\": 2147483648, \"big\": 2, \"score\": 3, \"values\": []}",
			"{\"_type\": \"t.Item\", \"name\": 5, \"count\": 1, \"big\": 2, \"score\": 3, \"values\": []}",
			"{\"_type\": \"t.Item\", \"name\": \"h\", \"count\": 1, \"big\": 2, \"score\": 3, \"values\": [1.5]}",
			"{\"_type\": \"t.Item\", \"__ref__\": \"casty://s@h:1/p\", \"name\": \"i\"}",
			"{\"name\": \"j\", \"_type\": \"t.Item\", \"count\": 1, \"big\": 2, \"score\": 3, \"values\": []}",
			"{\"_type\": \"x.Unknown\", \"a\": 1, \"b\": [1, {\"_type\": \"x.Other\"}]}",
			"{\"_type\": \"x.Unknown\", \"a\": 1, \"a\": 2}", "{\"_type\": 5}", "{\"_type\": \"t.Color\", \"value\": \"RED\"}",
			"{\"__ref__\": \"casty://c@127.0.0.1:25520/_region-bench\"}", "{\"__ref__\": \"not a uri\"}",
			"{\"__ref__\": \"casty://c@h:1/p\", \"extra\": 1}", "{\"__tuple__\": [1, 2]}",
			"{\"__enum__\": \"t.Color\", \"value\": \"RED\"}", "{\"__frozenset__\": [1]}", "{\"__dict__\": [[1, 2]]}",
			"{\"_type\": \"casty.cluster.envelope.ShardEnvelope\", \"entity_id\": \"e-1\", \"message\": " + ITEM + "}",
			"{\"_type\": \"casty.cluster.envelope.ShardEnvelope\", \"entity_id\": \"e-1\", \"message\": {\"_type\": \"x.U\", \"seq\": 4}}",
			"1 2", "[1,", "{\"_type\": \"t.Item\"", "", "   ", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]");

	@Test
	void handWrittenPayloadsDecodeAlikeOnBothPaths() {
		int fast = 0;
		for (String json : CORPUS) {
			for (Type type : TYPES) {
				fast += compare(json, type);
			}
		}
		assertThat(fast).as("payloads read by the fast path").isGreaterThan(60);
	}

	@Test
	void randomPayloadsDecodeAlikeOnBothPaths() {
		Random random = new Random(7);
		int fast = 0;
		for (int i = 0; i < 20_000; i++) {
			String json = randomValue(random, 0);
			fast += compare(json, TYPES.get(random.nextInt(TYPES.size())));
		}
		assertThat(fast).as("payloads read by the fast path").isGreaterThan(2_000);
	}

	@Test
	void aDataclassInAShardEnvelopeIsReadWithoutATree() {
		byte[] payload = ("{\"_type\": \"casty.cluster.envelope.ShardEnvelope\", \"entity_id\": \"e-1\", \"message\": "
				+ ITEM + "}").getBytes(StandardCharsets.UTF_8);
		Object value = new StreamingJsonDecoder(REGISTRY).decode(payload, 0, payload.length, Object.class);
		assertThat(value).isInstanceOf(ShardEnvelope.class);
		Item item = (Item) ((ShardEnvelope) Objects.requireNonNull(value)).message();
		assertThat(item.big()).isEqualTo(9007199254740993L);
		assertThat(item.maybe()).contains("m");
		assertThat(item.replyTo()).isNotNull();
		assertThat(value).isEqualTo(CODEC.decodeThroughTree(payload, Object.class));
	}

	/** @return 1 if the fast path read the payload itself */
	private static int compare(String json, Type type) {
		byte[] payload = json.getBytes(StandardCharsets.UTF_8);
		Object tree = outcome(() -> CODEC.decodeThroughTree(payload, type));
		Object codec = outcome(() -> CODEC.decode(payload, type));
		assertThat(codec).as("%s as %s", json, type).isEqualTo(tree);
		// as a range of a larger array (a reply read where it lies in the network buffer),
		// between bytes that would change its meaning if read
		byte[] padded = new byte[payload.length + 6];
		java.util.Arrays.fill(padded, (byte) '[');
		System.arraycopy(payload, 0, padded, 3, payload.length);
		Object ranged = outcome(() -> CODEC.decode(padded, 3, payload.length, type));
		assertThat(ranged).as("in a range: %s as %s", json, type).isEqualTo(tree);
		Object streamed = (payload.length == 0) ? StreamingJsonDecoder.GAVE_UP
				: new StreamingJsonDecoder(REGISTRY).decode(payload, 0, payload.length, type);
		if (streamed == StreamingJsonDecoder.GAVE_UP) {
			return 0;
		}
		assertThat(outcome(() -> streamed)).as("fast path: %s as %s", json, type).isEqualTo(tree);
		return 1;
	}

	private static Object outcome(java.util.function.Supplier<@Nullable Object> decode) {
		try {
			Object value = decode.get();
			return (value != null) ? value : "null";
		}
		catch (RuntimeException ex) {
			return ex.getClass().getName() + ": " + ex.getMessage();
		}
	}

	private static String randomValue(Random random, int depth) {
		int kind = random.nextInt((depth > 4) ? 6 : 12);
		return switch (kind) {
			case 0 -> Integer.toString(random.nextInt(200) - 100);
			case 1 -> List.of("2147483647", "2147483648", "-9223372036854775809", "12345678901234567890123")
				.get(random.nextInt(4));
			case 2 -> List.of("0.5", "-1e-7", "3.0", "NaN", "1e308").get(random.nextInt(5));
			case 3 -> List.of("true", "false", "null").get(random.nextInt(3));
			case 4 -> "\"s" + random.nextInt(10) + "\"";
			case 5 -> "{\"__ref__\": \"casty://c@127.0.0.1:" + random.nextInt(70000) + "/p" + random.nextInt(3) + "\"}";
			case 6, 7 -> {
				List<String> items = new ArrayList<>();
				for (int i = random.nextInt(4); i > 0; i--) {
					items.add(randomValue(random, depth + 1));
				}
				yield "[" + String.join(", ", items) + "]";
			}
			case 8, 9 -> randomItem(random, depth);
			case 10 -> "{\"_type\": \"x.Free\", \"a\": " + randomValue(random, depth + 1) + ", \"b\": "
					+ randomValue(random, depth + 1) + "}";
			default -> List.of("{}", "{\"k\": " + randomValue(random, depth + 1) + "}",
					"{\"__tuple__\": [" + randomValue(random, depth + 1) + "]}",
					"{\"_type\": \"casty.cluster.envelope.ShardEnvelope\", \"entity_id\": \"e\", \"message\": "
							+ randomValue(random, depth + 1) + "}")
				.get(random.nextInt(4));
		};
	}

	private static String randomItem(Random random, int depth) {
		List<String> fields = new ArrayList<>(List.of("\"name\": \"n\"", "\"count\": " + (random.nextInt(5) - 1),
				"\"big\": " + random.nextLong(), "\"score\": " + (random.nextBoolean() ? "2" : "0.25"),
				"\"note\": " + (random.nextBoolean() ? "null" : "\"x\""), "\"values\": [1, 2]",
				"\"maybe\": " + (random.nextBoolean() ? "null" : "\"m\""),
				"\"reply_to\": {\"__ref__\": \"casty://c@h:1/_ask/1\"}", "\"any\": " + randomValue(random, depth + 1)));
		java.util.Collections.shuffle(fields, random);
		int keep = fields.size() - ((random.nextInt(4) == 0) ? random.nextInt(3) : 0);
		List<String> kept = new ArrayList<>(fields.subList(0, keep));
		if (random.nextInt(6) == 0) {
			kept.add("\"extra\": " + randomValue(random, depth + 1));
		}
		kept.add(0, "\"_type\": \"t.Item\"");
		if (random.nextInt(10) == 0) {
			java.util.Collections.swap(kept, 0, kept.size() - 1);
		}
		return "{" + String.join(", ", kept) + "}";
	}

}
