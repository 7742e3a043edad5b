package io.casty.client.protocol;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

import io.casty.client.ActorRef;
import io.casty.client.CastyField;
import io.casty.client.CastyMessage;
import io.casty.client.DataclassValue;
import io.casty.client.EnumValue;
import io.casty.client.MessageCodecException;
import io.casty.client.Tuple;
import io.casty.client.UnknownMessageTypeException;
import io.casty.client.protocol.codec.Compression;
import io.casty.client.protocol.codec.MessageCodec;
import io.casty.client.protocol.codec.MessageTypeRegistry;
import io.casty.client.protocol.codec.PayloadFormat;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * {@link MessageCodec} with every conversion rule of Casty's {@code JsonSerializer}
 * (CASTY-WIRE §3.2), msgpack (§3.3) and compression (§3.4). Expected JSON text and
 * compressed bytes were printed by {@code python3} ({@code json.dumps}, {@code zlib},
 * {@code gzip}).
 */
class MessageCodecTests {

	static final AtomicInteger TRIPWIRE_INITIALIZED = new AtomicInteger();

	@CastyMessage("tests.messages.Color")
	enum Color {

		RED, @CastyField("dark_blue")
		BLUE

	}

	@CastyMessage("tests.messages.Inner")
	record Inner(String label, double weight) {
	}

	@CastyMessage("tests.messages.Everything")
	record Everything(Inner inner, Color color, Set<String> tags, @CastyField(tuple = true) List<Integer> coords,
			Tuple pair, Map<Integer, String> names, List<Long> counts, Optional<String> nickname,
			@Nullable String missing, boolean active, long big, @Nullable BigInteger huge, double ratio,
			ActorRef<String> replyTo, String httpURL2, @CastyField("renamed_field") int custom) {
	}

	@CastyMessage("tests.messages.Shape")
	sealed interface Shape permits Circle, Square {
	}

	@CastyMessage("tests.messages.Circle")
	record Circle(double radius) implements Shape {
	}

	@CastyMessage("tests.messages.Square")
	record Square(double side) implements Shape {
	}

	/** Never registered; its static initializer proves whether decoding loaded it. */
	@CastyMessage("tests.messages.Tripwire")
	record Tripwire(int value) {

		static {
			TRIPWIRE_INITIALIZED.incrementAndGet();
		}

	}

	record NotAnnotated(int value) {
	}

	@CastyMessage("tests.messages.Inner")
	record ImpostorInner(String label) {
	}

	@CastyMessage("tests.messages.Numbers")
	record Primitives(byte b, short s, int i, long l, float f, double d, boolean flag, char c) {
	}

	@CastyMessage("tests.messages.Numbers")
	record Boxed(Byte b, Short s, Integer i, Long l, Float f, Double d, Boolean flag, Character c) {
	}

	@CastyMessage("tests.messages.Plain")
	static final class PlainClass {

	}

	private static final String EVERYTHING_JSON = "{\"_type\": \"tests.messages.Everything\", \"inner\": "
			+ "{\"_type\": \"tests.messages.Inner\", \"label\": \"caf\\u00e9 \\u2615\", \"weight\": 0.1}, "
			+ "\"color\": {\"__enum__\": \"tests.messages.Color\", \"value\": \"dark_blue\"}, "
			+ "\"tags\": {\"__frozenset__\": [\"a\", \"b\"]}, \"coords\": {\"__tuple__\": [3, -4]}, "
			+ "\"pair\": {\"__tuple__\": [1, \"x\"]}, \"names\": {\"__dict__\": [[1, \"one\"], [2, \"two\"]]}, "
			+ "\"counts\": [1, 3000000000], \"nickname\": \"nick\", \"missing\": null, \"active\": true, "
			+ "\"big\": 3000000000, \"huge\": 18446744073709551617, \"ratio\": 1e-05, "
			+ "\"reply_to\": {\"__ref__\": \"casty://sys@127.0.0.1:0/_ask/1\"}, \"http_url2\": \"u\", \"renamed_field\": 7}";

	private static final String INNER_JSON = "{\"_type\": \"tests.messages.Inner\", \"label\": \"hello hello hello hello\", "
			+ "\"weight\": 2.5}";

	private final MessageTypeRegistry registry = new MessageTypeRegistry().register(Everything.class, Shape.class);

	private final MessageCodec json = new MessageCodec(this.registry);

	private final MessageCodec msgpack = new MessageCodec(this.registry, PayloadFormat.MSGPACK, Compression.NONE, 6,
			1 << 20);

	static Everything everything(@Nullable BigInteger huge) {
		Map<Integer, String> names = new LinkedHashMap<>();
		names.put(1, "one");
		names.put(2, "two");
		return new Everything(new Inner("café ☕", 0.1), Color.BLUE, new LinkedHashSet<>(List.of("a", "b")),
				List.of(3, -4), Tuple.of(1, "x"), names, List.of(1L, 3_000_000_000L), Optional.of("nick"), null, true,
				3_000_000_000L, huge, 1e-05, ActorRef.parse("casty://sys@127.0.0.1:0/_ask/1"), "u", 7);
	}

	@Test
	void whenRecordUsesEveryRuleThenJsonIsExactlyWhatPythonJsonDumpsPrints() {
		Everything value = everything(BigInteger.TWO.pow(64).add(BigInteger.ONE));
		assertThat(text(this.json.encode(value))).isEqualTo(EVERYTHING_JSON);
		assertThat(this.json.typeHint(value)).isEqualTo("tests.messages.Everything");
	}

	@Test
	void whenRecordRoundTripsThroughJsonThenItIsEqual() {
		Everything value = everything(BigInteger.TWO.pow(64).add(BigInteger.ONE));
		Everything decoded = this.json.decode(this.json.encode(value), Everything.class);
		assertThat(decoded).isEqualTo(value);
		assertThat(decoded.huge()).isEqualTo(new BigInteger("18446744073709551617"));
		assertThat(this.json.decode(EVERYTHING_JSON.getBytes(StandardCharsets.UTF_8))).isEqualTo(value);
	}

	@Test
	void whenOptionalIsEmptyThenItTravelsAsNullAndComesBackEmpty() {
		Everything base = everything(null);
		Everything value = new Everything(base.inner(), Color.RED, Set.of(), List.of(), Tuple.of(), Map.of(), List.of(),
				Optional.empty(), null, false, -1L, null, -0.0, base.replyTo(), "", 0);
		byte[] payload = this.json.encode(value);
		assertThat(text(payload)).contains("\"color\": {\"__enum__\": \"tests.messages.Color\", \"value\": \"RED\"}",
				"\"tags\": {\"__frozenset__\": []}", "\"pair\": {\"__tuple__\": []}", "\"names\": {\"__dict__\": []}",
				"\"nickname\": null", "\"huge\": null", "\"ratio\": -0.0");
		assertThat(this.json.decode(payload, Everything.class)).isEqualTo(value);
		assertThat(this.msgpack.decode(this.msgpack.encode(value), Everything.class)).isEqualTo(value);
	}

	@Test
	void whenRecordRoundTripsThroughMsgpackThenItIsEqual() {
		for (BigInteger huge : Arrays.asList(null, BigInteger.TWO.pow(64).subtract(BigInteger.ONE),
				BigInteger.TWO.pow(63).negate())) {
			Everything value = everything(huge);
			byte[] payload = this.msgpack.encode(value);
			assertThat(payload[0] & 0xff).as("map16 header").isEqualTo(0xde);
			assertThat(this.msgpack.decode(payload, Everything.class)).as("huge = %s", huge).isEqualTo(value);
			assertThat(text(this.json.encode(this.msgpack.readTree(payload)))).isEqualTo(text(this.json.encode(value)));
		}
	}

	@Test
	void whenIntegerNeedsMoreThanSixtyFourBitsThenMsgpackRejectsItAndAppendsNothing() {
		io.netty.buffer.ByteBuf out = io.netty.buffer.Unpooled.buffer();
		out.writeByte(42);
		assertThatExceptionOfType(MessageCodecException.class)
			.isThrownBy(() -> this.msgpack.encode(everything(BigInteger.TWO.pow(64)), out))
			.withMessageContaining("64 bits");
		assertThatExceptionOfType(MessageCodecException.class)
			.isThrownBy(() -> this.msgpack.encode(BigInteger.TWO.pow(63).add(BigInteger.ONE).negate()));
		assertThat(out.readableBytes()).isEqualTo(1);
		assertStillWorks(this.msgpack);
	}

	@Test
	void whenNamesAreCamelCaseThenTheyBecomeSnakeCase() {
		assertThat(MessageTypeRegistry.snakeCase("replyTo")).isEqualTo("reply_to");
		assertThat(MessageTypeRegistry.snakeCase("httpURL2")).isEqualTo("http_url2");
		assertThat(MessageTypeRegistry.snakeCase("entityId")).isEqualTo("entity_id");
		assertThat(MessageTypeRegistry.snakeCase("parseHTTPResponse")).isEqualTo("parse_http_response");
		assertThat(MessageTypeRegistry.snakeCase("already_snake")).isEqualTo("already_snake");
		assertThat(MessageTypeRegistry.snakeCase("x")).isEqualTo("x");
	}

	@Test
	void whenTypeIsUnknownAndAnythingIsExpectedThenItDecodesAsDataclassValue() {
		String payload = "{\"_type\": \"shop.Unknown\", \"a\": 1, \"b\": {\"__tuple__\": [1, 2]}, "
				+ "\"c\": {\"_type\": \"tests.messages.Inner\", \"label\": \"l\", \"weight\": 1.0}, "
				+ "\"d\": {\"__enum__\": \"shop.Mood\", \"value\": \"HAPPY\"}}";
		Object decoded = this.json.decode(bytes(payload));
		assertThat(decoded).isInstanceOfSatisfying(DataclassValue.class, (value) -> {
			assertThat(value.type()).isEqualTo("shop.Unknown");
			assertThat(value.fields()).containsExactly(Map.entry("a", 1), Map.entry("b", Tuple.of(1, 2)),
					Map.entry("c", new Inner("l", 1.0)), Map.entry("d", new EnumValue("shop.Mood", "HAPPY")));
		});
		assertThat(text(this.json.encode(decoded))).isEqualTo(payload);
		assertThat(this.json.typeHint(decoded)).isEqualTo("shop.Unknown");
	}

	@Test
	void whenTypeIsUnknownWhereARegisteredTypeIsExpectedThenUnknownMessageTypeNamesThePythonType() {
		assertThatExceptionOfType(UnknownMessageTypeException.class)
			.isThrownBy(() -> this.json.decode(bytes("{\"_type\": \"shop.Unknown\", \"a\": 1}"), Everything.class))
			.satisfies((ex) -> assertThat(ex.getTypeName()).isEqualTo("shop.Unknown"))
			.withMessageContaining("@CastyMessage(\"shop.Unknown\")");
		String nested = EVERYTHING_JSON.replace("\"_type\": \"tests.messages.Inner\"", "\"_type\": \"shop.Other\"");
		assertThatExceptionOfType(UnknownMessageTypeException.class)
			.isThrownBy(() -> this.json.decode(bytes(nested), Everything.class))
			.satisfies((ex) -> assertThat(ex.getTypeName()).isEqualTo("shop.Other"));
		assertThatExceptionOfType(UnknownMessageTypeException.class)
			.isThrownBy(() -> this.json.decode(bytes("{\"__enum__\": \"shop.Mood\", \"value\": \"HAPPY\"}"), Color.class))
			.satisfies((ex) -> assertThat(ex.getTypeName()).isEqualTo("shop.Mood"));
		assertStillWorks(this.json);
	}

	@ParameterizedTest
	@ValueSource(strings = { "java.lang.Runtime", "java.lang.ProcessBuilder", "io.casty.client.ActorRef",
			"io.casty.client.protocol.MessageCodecTests$Tripwire", "io.casty.client.protocol.MessageCodecTests$Inner",
			"tests.messages.Tripwire" })
	void whenTypeNamesARealJavaClassThenNoClassIsLookedUpOrCreated(String name) {
		byte[] payload = bytes("{\"_type\": \"" + name + "\", \"value\": 1, \"label\": \"l\", \"weight\": 1.0, "
				+ "\"address\": \"casty://s/p\"}");
		assertThat(this.json.decode(payload)).isInstanceOfSatisfying(DataclassValue.class,
				(value) -> assertThat(value.type()).isEqualTo(name));
		assertThat(this.msgpack.decode(this.msgpack.encode(this.json.decode(payload))))
			.isInstanceOf(DataclassValue.class);
		assertThatExceptionOfType(UnknownMessageTypeException.class)
			.isThrownBy(() -> this.json.decode(payload, Inner.class))
			.satisfies((ex) -> assertThat(ex.getTypeName()).isEqualTo(name));
		assertThat(TRIPWIRE_INITIALIZED).hasValue(0);
	}

	@Test
	void whenRecordHasPrimitiveComponentsThenTheyEncodeExactlyAsTheirBoxedValues() {
		Primitives primitives = new Primitives((byte) -7, (short) 300, -70_000, Long.MIN_VALUE, 0.1f, -2.5e-9, true, 'x');
		Boxed boxed = new Boxed((byte) -7, (short) 300, -70_000, Long.MIN_VALUE, 0.1f, -2.5e-9, true, 'x');
		MessageCodec json = new MessageCodec(new MessageTypeRegistry().register(Primitives.class));
		MessageCodec boxedJson = new MessageCodec(new MessageTypeRegistry().register(Boxed.class));
		MessageCodec msgpack = new MessageCodec(new MessageTypeRegistry().register(Primitives.class),
				PayloadFormat.MSGPACK, Compression.NONE, 6, 1 << 20);
		MessageCodec boxedMsgpack = new MessageCodec(new MessageTypeRegistry().register(Boxed.class),
				PayloadFormat.MSGPACK, Compression.NONE, 6, 1 << 20);
		assertThat(text(json.encode(primitives))).isEqualTo(text(boxedJson.encode(boxed)))
			.isEqualTo("{\"_type\": \"tests.messages.Numbers\", \"b\": -7, \"s\": 300, \"i\": -70000, "
					+ "\"l\": -9223372036854775808, \"f\": " + (double) 0.1f + ", \"d\": -2.5e-09, \"flag\": true, "
					+ "\"c\": \"x\"}");
		assertThat(msgpack.encode(primitives)).isEqualTo(boxedMsgpack.encode(boxed));
		assertThat(json.decode(json.encode(primitives), Primitives.class)).isEqualTo(primitives);
	}

	@Test
	void whenEnumIsUnknownThenItDecodesAsEnumValueAndEncodesBack() {
		String payload = "{\"__enum__\": \"shop.Mood\", \"value\": \"HAPPY\"}";
		assertThat(this.json.decode(bytes(payload))).isEqualTo(new EnumValue("shop.Mood", "HAPPY"));
		assertThat(text(this.json.encode(new EnumValue("shop.Mood", "HAPPY")))).isEqualTo(payload);
	}

	@Test
	void whenRegisteredEnumHasNoSuchMemberThenTheErrorListsTheKnownMembers() {
		assertThatExceptionOfType(MessageCodecException.class)
			.isThrownBy(() -> this.json.decode(bytes("{\"__enum__\": \"tests.messages.Color\", \"value\": \"BLUE\"}")))
			.withMessageContainingAll("BLUE", "RED", "dark_blue");
		assertThat(this.json.decode(bytes("{\"__enum__\": \"tests.messages.Color\", \"value\": \"dark_blue\"}")))
			.isEqualTo(Color.BLUE);
		assertStillWorks(this.json);
	}

	@Test
	void whenPlainObjectArrivesThenItIsKeptAsRawJsonWithMarkersUndecoded() {
		Object decoded = this.json.decode(bytes("{\"a\": {\"__tuple__\": [1]}, \"b\": {\"__ref__\": \"casty://s/p\"}}"));
		assertThat(decoded).isInstanceOfSatisfying(JsonNode.class, (node) -> {
			assertThat(node.get("a").isObject()).isTrue();
			assertThat(node.get("a").get("__tuple__").isArray()).isTrue();
			assertThat(node.get("b").get("__ref__").stringValue()).isEqualTo("casty://s/p");
		});
		assertThat(text(this.json.encode(decoded)))
			.isEqualTo("{\"a\": {\"__tuple__\": [1]}, \"b\": {\"__ref__\": \"casty://s/p\"}}");
	}

	@Test
	void whenShapesAreDecodedByThemselvesThenTheyFollowCastysOrder() {
		assertThat(this.json.decode(bytes("{\"__frozenset__\": [1, 2]}"))).isEqualTo(Set.of(1, 2));
		Map<Object, Object> dict = new LinkedHashMap<>();
		dict.put(1, "a");
		dict.put(List.of(1, 2), null);
		assertThat(this.json.decode(bytes("{\"__dict__\": [[1, \"a\"], [[1, 2], null]]}"))).isEqualTo(dict);
		assertThat(this.json.decode(bytes("[1, 2.5, \"x\", true, null]"))).isEqualTo(Arrays.asList(1, 2.5, "x", true, null));
		assertThat(this.json.decode(bytes("{\"__ref__\": \"casty://s@h:1/p\", \"_type\": \"x.Y\"}")))
			.isEqualTo(ActorRef.parse("casty://s@h:1/p"));
		assertThat(this.json.decode(bytes("NaN"))).isInstanceOfSatisfying(Double.class, (d) -> assertThat(d).isNaN());
		assertThat(this.json.decode(bytes("-Infinity"))).isEqualTo(Double.NEGATIVE_INFINITY);
		assertThat(this.json.decode(bytes("18446744073709551617"))).isEqualTo(new BigInteger("18446744073709551617"));
		assertThat(this.json.decode(bytes("3000000000"))).isEqualTo(3_000_000_000L);
		assertThat(this.json.decode(bytes("null"))).isNull();
	}

	static Stream<Arguments> wrongShapes() {
		return Stream.of(arguments("string into a double field", "\"weight\": 0.1", "\"weight\": \"heavy\"", "'weight'"),
				arguments("object into a list field", "\"counts\": [1, 3000000000]", "\"counts\": {\"a\": 1}",
						"'counts'"),
				arguments("__dict__ entry that is not a pair", "\"names\": {\"__dict__\": [[1, \"one\"], [2, \"two\"]]}",
						"\"names\": {\"__dict__\": [[1, \"one\"], [2]]}", "'names'"),
				arguments("__dict__ entry that is a scalar", "\"names\": {\"__dict__\": [[1, \"one\"], [2, \"two\"]]}",
						"\"names\": {\"__dict__\": [5]}", "'names'"),
				arguments("float into an int field", "\"renamed_field\": 7", "\"renamed_field\": 7.5", "'renamed_field'"),
				arguments("int overflow into an int field", "\"renamed_field\": 7", "\"renamed_field\": 3000000000",
						"'renamed_field'"),
				arguments("int overflow into a long field", "\"big\": 3000000000", "\"big\": 9223372036854775808",
						"'big'"),
				arguments("null into a boolean field", "\"active\": true", "\"active\": null", "'active'"),
				arguments("missing primitive field", "\"active\": true, ", "", "'active'"),
				arguments("string into a nested record", "\"inner\": {", "\"inner\": \"x\", \"unused\": {", "'inner'"),
				arguments("list item of the wrong type", "\"counts\": [1, 3000000000]", "\"counts\": [1, \"2\"]",
						"'counts'"),
				arguments("invalid actor ref", "\"reply_to\": {\"__ref__\": \"casty://sys@127.0.0.1:0/_ask/1\"}",
						"\"reply_to\": {\"__ref__\": \"http://example.com/\"}", "'reply_to'"),
				arguments("number into a string field", "\"http_url2\": \"u\"", "\"http_url2\": 5", "'http_url2'"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("wrongShapes")
	void whenFieldHasTheWrongShapeThenTheErrorNamesTheField(String description, String original, String replacement,
			String fieldName) {
		assertThat(EVERYTHING_JSON).contains(original);
		byte[] payload = bytes(EVERYTHING_JSON.replace(original, replacement));
		assertThatExceptionOfType(MessageCodecException.class)
			.isThrownBy(() -> this.json.decode(payload, Everything.class))
			.withMessageContaining(fieldName)
			.isNotInstanceOf(UnknownMessageTypeException.class);
		assertStillWorks(this.json);
	}

	static Stream<Arguments> malformedJsonPayloads() {
		return Stream.of(arguments("empty", new byte[0]), arguments("invalid UTF-8 byte", new byte[] { '"', (byte) 0xff, '"' }),
				arguments("overlong UTF-8", new byte[] { '"', (byte) 0xc0, (byte) 0xaf, '"' }),
				arguments("UTF-8 encoded surrogate", new byte[] { '"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"' }),
				arguments("truncated UTF-8 at the end", new byte[] { '"', 'a', (byte) 0xe2, (byte) 0x82 }),
				arguments("trailing garbage", bytes("{\"__tuple__\": [1]} x")), arguments("two values", bytes("5 6")),
				arguments("truncated object", bytes("{\"_type\": \"tests.messages.Inner\", \"label\": ")),
				arguments("single quotes", bytes("{'a': 1}")), arguments("whitespace only", bytes("  ")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("malformedJsonPayloads")
	void whenJsonPayloadIsMalformedThenMessageCodecExceptionAndTheCodecKeepsWorking(String description, byte[] payload) {
		assertThatExceptionOfType(MessageCodecException.class).isThrownBy(() -> this.json.decode(payload));
		assertThatExceptionOfType(MessageCodecException.class).isThrownBy(() -> this.json.decode(payload, Inner.class));
		assertStillWorks(this.json);
	}

	static Stream<Arguments> malformedMsgpackPayloads() {
		byte[] valid = new MessageCodec(new MessageTypeRegistry().register(Inner.class), PayloadFormat.MSGPACK,
				Compression.NONE, 6, 1 << 20)
			.encode(new Inner("l", 1.0));
		return Stream.of(arguments("empty", new byte[0]), arguments("truncated map", Arrays.copyOf(valid, valid.length - 1)),
				arguments("map header only", new byte[] { (byte) 0x81 }),
				arguments("trailing bytes", new byte[] { 0x05, 0x06 }),
				arguments("fixext1", new byte[] { (byte) 0xd4, 0x01, 0x00 }),
				arguments("ext8", new byte[] { (byte) 0xc7, 0x01, 0x05, 0x00 }),
				arguments("never-used byte 0xc1", new byte[] { (byte) 0xc1 }),
				arguments("invalid UTF-8 in str", new byte[] { (byte) 0xa1, (byte) 0xff }),
				arguments("overlong UTF-8 in str", new byte[] { (byte) 0xa2, (byte) 0xc0, (byte) 0xaf }),
				arguments("integer map key", new byte[] { (byte) 0x81, 0x01, 0x02 }),
				arguments("str32 claiming 4 GB", new byte[] { (byte) 0xdb, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff }));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("malformedMsgpackPayloads")
	void whenMsgpackPayloadIsMalformedThenMessageCodecExceptionAndTheCodecKeepsWorking(String description,
			byte[] payload) {
		assertThatExceptionOfType(MessageCodecException.class).isThrownBy(() -> this.msgpack.decode(payload));
		assertStillWorks(this.msgpack);
	}

	@Test
	void whenMsgpackNestsTooDeeplyThenItIsRejected() {
		byte[] payload = new byte[PayloadFormat.MAX_DEPTH + 10];
		Arrays.fill(payload, (byte) 0x91);
		payload[payload.length - 1] = 0x01;
		assertThatExceptionOfType(MessageCodecException.class).isThrownBy(() -> this.msgpack.decode(payload))
			.withMessageContaining("deeper");
		assertStillWorks(this.msgpack);
	}

	@Test
	void whenZlibCompressesThenTheBytesEqualPythonZlibCompress() {
		MessageCodec zlib = codec(Compression.ZLIB, 6, 1 << 20);
		Everything value = everything(BigInteger.TWO.pow(64).add(BigInteger.ONE));
		// python3: zlib.compress(EVERYTHING_JSON.encode(), 6).hex()
		assertThat(hex(zlib.encode(value))).isEqualTo(
				"789c7590cb6e833010457f05799d804d2034ac2a555df41b12643930012b8e417e24a551febd1e20eaa22d6cb0efe1cce34eb81b07"
						+ "2065441c5867e30b582b5ab0f1fb15cce83aa95bb28a88d41a4ca0eefff21f131150258ea010a8c5e9e029855d74f0e996e5"
						+ "18de40b69d0b298dd9239ceb5ef58b9783f617ceff50bf4d50a0af42f9a97623cc991ff18012275abb384ea6ff026dc14da2"
						+ "3d11f8db915473adde344fd0f941c10c6d56d13a9b884148f33b6721f99c155a84a616a291f55265227a0da45a45fb141bba"
						+ "f5a45a6a7aedec62d9d0e753a14bd667f4e13cf88d9d5ea4b5b8f132d25ea970216a27af8838e301479118fe88c255e75b04"
						+ "d84b966d8b2ca3c5a6a0bb3c675b5684d408277b8c614d733cc3a046eefa650803a779e5b5b06e2c93c48ef695a5454cc3cb"
						+ "4a9a7061cf099bd6dc3937706f548abc27930c0768f849826ac26df1f806977ab17e");
		assertThat(zlib.decode(zlib.encode(value), Everything.class)).isEqualTo(value);
		// python3: zlib.compress(INNER_JSON.encode(), 1) and (..., 9)
		String body = "ab568a2fa92c4855b252502a492d2e29d6cb4d2d2e4e4c4f2dd6f3cccb4b2d52d25150ca494c4acd0129c848cdc9c957c0"
				+ "20416aca5333d3334a808a8cf44c6b01bc521bc4";
		assertThat(text(this.json.encode(new Inner("hello hello hello hello", 2.5)))).isEqualTo(INNER_JSON);
		assertThat(hex(codec(Compression.ZLIB, 1, 1 << 20).encode(new Inner("hello hello hello hello", 2.5))))
			.isEqualTo("7801" + body);
		assertThat(hex(codec(Compression.ZLIB, 9, 1 << 20).encode(new Inner("hello hello hello hello", 2.5))))
			.isEqualTo("78da" + body);
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 6, 9 })
	void whenGzipCompressesThenHeaderAndBodyMatchPythonGzipCompress(int level) {
		long before = System.currentTimeMillis() / 1000;
		byte[] payload = codec(Compression.GZIP, level, 1 << 20).encode(new Inner("hello hello hello hello", 2.5));
		long after = System.currentTimeMillis() / 1000;
		assertThat(Arrays.copyOfRange(payload, 0, 4)).containsExactly(0x1f, 0x8b, 0x08, 0x00);
		long mtime = (payload[4] & 0xffL) | (payload[5] & 0xffL) << 8 | (payload[6] & 0xffL) << 16
				| (payload[7] & 0xffL) << 24;
		assertThat(mtime).isBetween(before, after);
		int xfl = (level == 9) ? 2 : (level == 1) ? 4 : 0;
		assertThat(payload[8] & 0xff).as("XFL").isEqualTo(xfl);
		assertThat(payload[9] & 0xff).as("OS").isEqualTo(0xff);
		// python3: gzip.compress(INNER_JSON.encode(), level, mtime=1), with the mtime bytes set to 1
		payload[4] = 1;
		payload[5] = 0;
		payload[6] = 0;
		payload[7] = 0;
		assertThat(hex(payload)).isEqualTo("1f8b080001000000" + String.format("%02x", xfl) + "ff"
				+ "ab568a2fa92c4855b252502a492d2e29d6cb4d2d2e4e4c4f2dd6f3cccb4b2d52d25150ca494c4acd0129c848cdc9c957c0"
				+ "20416aca5333d3334a808a8cf44c6b0155a919d854000000");
		assertThat(codec(Compression.GZIP, 6, 1 << 20).decode(payload, Inner.class))
			.isEqualTo(new Inner("hello hello hello hello", 2.5));
	}

	@ParameterizedTest
	@ValueSource(strings = { "ZLIB", "GZIP" })
	void whenCompressedPayloadExpandsBeyondTheLimitThenItIsRejected(Compression compression) throws Exception {
		byte[] bomb = compressZeros(compression, 50 * 1024 * 1024);
		assertThat(bomb.length).isLessThan(100_000);
		MessageCodec codec = codec(compression, 6, 1 << 20);
		assertThatExceptionOfType(MessageCodecException.class).isThrownBy(() -> codec.decode(bomb))
			.withMessageContaining("limit of 1048576 bytes");
		assertStillWorks(codec);
	}

	@ParameterizedTest
	@ValueSource(strings = { "ZLIB", "GZIP" })
	void whenDecompressedPayloadIsExactlyAtTheLimitThenItIsAccepted(Compression compression) {
		byte[] plain = bytes(INNER_JSON);
		assertThat(codec(compression, 6, plain.length).decode(compression.compress(plain, 6)))
			.isEqualTo(new Inner("hello hello hello hello", 2.5));
		assertThatExceptionOfType(MessageCodecException.class)
			.isThrownBy(() -> codec(compression, 6, plain.length - 1).decode(compression.compress(plain, 6)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "ZLIB", "GZIP" })
	void whenPayloadIsNotValidCompressedDataThenMessageCodecException(Compression compression) {
		MessageCodec codec = codec(compression, 6, 1 << 20);
		byte[] valid = codec.encode(new Inner("x", 1.0));
		for (byte[] payload : List.of(bytes(INNER_JSON), Arrays.copyOf(valid, valid.length / 2), new byte[] { 0x78 },
				Arrays.copyOf(valid, valid.length - 4))) {
			assertThatExceptionOfType(MessageCodecException.class).as(hex(payload))
				.isThrownBy(() -> codec.decode(payload))
				.withMessageContaining(compression.name().toLowerCase());
		}
		assertStillWorks(codec);
	}

	@Test
	void whenRecordIsNotAnnotatedThenRegisteringItSaysHowToFixIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> new MessageTypeRegistry().register(NotAnnotated.class))
			.withMessageContainingAll(NotAnnotated.class.getName(), "@CastyMessage");
		assertThatIllegalArgumentException().isThrownBy(() -> new MessageTypeRegistry().register(PlainClass.class))
			.withMessageContaining("record");
		assertThatExceptionOfType(UnknownMessageTypeException.class)
			.isThrownBy(() -> this.json.encode(new NotAnnotated(1)))
			.withMessageContaining("@CastyMessage");
	}

	@Test
	void whenTwoClassesClaimThePythonNameThenRegistrationFails() {
		MessageTypeRegistry registry = new MessageTypeRegistry().register(Inner.class);
		assertThatIllegalArgumentException().isThrownBy(() -> registry.register(ImpostorInner.class))
			.withMessageContainingAll("tests.messages.Inner", Inner.class.getName(), ImpostorInner.class.getName());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new MessageTypeRegistry().register(Circle.class).register(Square.class, "tests.messages.Circle"));
		assertThat(registry.forName("tests.messages.Inner").type()).isEqualTo(Inner.class);
		assertThat(registry.isRegistered(ImpostorInner.class)).isFalse();
	}

	@Test
	void whenSealedInterfaceIsRegisteredThenItsPermittedRecordsAreAndDecodeThroughIt() {
		MessageTypeRegistry registry = new MessageTypeRegistry().register(Shape.class);
		assertThat(registry.pythonNames()).containsExactlyInAnyOrder("tests.messages.Circle", "tests.messages.Square");
		MessageCodec codec = new MessageCodec(registry);
		assertThat(codec.decode(codec.encode(new Square(2.0)), Shape.class)).isEqualTo(new Square(2.0));
		assertThatExceptionOfType(MessageCodecException.class)
			.isThrownBy(() -> codec.decode(codec.encode(new Square(2.0)), Circle.class))
			.withMessageContainingAll("tests.messages.Square", Circle.class.getName());
	}

	@Test
	void whenRecordIsRegisteredThenTheTypesItsComponentsReferToAreRegisteredToo() {
		MessageTypeRegistry registry = new MessageTypeRegistry().register(Everything.class);
		assertThat(registry.isRegistered(Inner.class)).isTrue();
		assertThat(registry.isRegistered(Color.class)).isTrue();
		assertThat(registry.pythonNames()).containsExactlyInAnyOrder("tests.messages.Everything", "tests.messages.Inner",
				"tests.messages.Color");
	}

	private void assertStillWorks(MessageCodec codec) {
		Inner value = new Inner("still", 2.5);
		byte[] payload = codec.encode(value);
		assertThat(codec.decode(payload, Inner.class)).isEqualTo(value);
		assertThat(codec.decode(payload)).isEqualTo(value);
	}

	private MessageCodec codec(Compression compression, int level, int maxPayloadBytes) {
		return new MessageCodec(this.registry, PayloadFormat.JSON, compression, level, maxPayloadBytes);
	}

	private static byte[] compressZeros(Compression compression, int size) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] zeros = new byte[64 * 1024];
		try (DeflaterOutputStream stream = (compression == Compression.ZLIB)
				? new DeflaterOutputStream(out, new Deflater(9)) : new GZIPOutputStream(out)) {
			for (int written = 0; written < size; written += zeros.length) {
				stream.write(zeros);
			}
		}
		return out.toByteArray();
	}

	private static byte[] bytes(String s) {
		return s.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(byte[] payload) {
		return new String(payload, StandardCharsets.UTF_8);
	}

	private static String hex(byte[] bytes) {
		return HexFormat.of().formatHex(bytes);
	}

}
