package io.casty.client.protocol;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.casty.client.protocol.codec.PythonJsonWriter;
import io.casty.client.protocol.codec.TreeWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * {@link PythonJsonWriter} against text printed by Python 3.11's {@code repr()} and
 * {@code json.dumps()}: every expected string below was produced by {@code python3}.
 */
class PythonJsonWriterTests {

	static Stream<Arguments> pythonReprs() {
		return Stream.of(arguments(0.1, "0.1"), arguments(1.0, "1.0"), arguments(-1.0, "-1.0"), arguments(0.0, "0.0"),
				arguments(-0.0, "-0.0"), arguments(1e-05, "1e-05"), arguments(0.0001, "0.0001"),
				arguments(1e16, "1e+16"), arguments(1.5e16, "1.5e+16"),
				arguments(1234567890123456.0, "1234567890123456.0"),
				arguments(12345678901234567.0, "1.2345678901234568e+16"), arguments(5e-324, "5e-324"),
				arguments(Double.MIN_VALUE, "5e-324"), arguments(1e-323, "1e-323"), arguments(1.5e-323, "1.5e-323"),
				arguments(2e-323, "2e-323"), arguments(2.5e-323, "2.5e-323"), arguments(4.4e-323, "4.4e-323"),
				arguments(1.7976931348623157e308, "1.7976931348623157e+308"),
				arguments(Double.MIN_NORMAL, "2.2250738585072014e-308"),
				arguments(Math.nextDown(Double.MIN_NORMAL), "2.225073858507201e-308"), arguments(2.0e-3, "0.002"),
				arguments(0.001, "0.001"), arguments(1.0e23, "1e+23"), arguments(9.999999999999999e22, "1e+23"),
				arguments(1e22, "1e+22"), arguments(1e21, "1e+21"), arguments(1e15, "1000000000000000.0"),
				arguments(9007199254740993.0, "9007199254740992.0"), arguments(0x1p63, "9.223372036854776e+18"),
				arguments(123.456, "123.456"), arguments(100.0, "100.0"), arguments(123456789012.5, "123456789012.5"),
				arguments(0.00012345, "0.00012345"), arguments(0.000012345, "1.2345e-05"), arguments(1e-7, "1e-07"),
				arguments(-2.5e-5, "-2.5e-05"), arguments(0.1 + 0.2, "0.30000000000000004"),
				arguments(1.0 / 3, "0.3333333333333333"), arguments(4.35, "4.35"),
				// json.dumps spelling (repr would say nan/inf)
				arguments(Double.NaN, "NaN"), arguments(Double.POSITIVE_INFINITY, "Infinity"),
				arguments(Double.NEGATIVE_INFINITY, "-Infinity"));
	}

	@ParameterizedTest(name = "{1}")
	@MethodSource("pythonReprs")
	void whenFloatIsFormattedThenItMatchesPythonRepr(double value, String python) {
		assertThat(PythonJsonWriter.pythonRepr(value)).isEqualTo(python);
		assertThat(json((w) -> w.floating(value))).isEqualTo(python);
	}

	@Test
	void whenAnyFloatIsFormattedThenItReadsBackAsTheSameDouble() {
		SplittableRandom random = new SplittableRandom(2024);
		for (int i = 0; i < 20_000; i++) {
			long bits = (i % 4 == 0) ? random.nextLong(1L << random.nextInt(1, 53)) : random.nextLong();
			double value = Double.longBitsToDouble(bits);
			if (Double.isNaN(value) || Double.isInfinite(value)) {
				continue;
			}
			String repr = PythonJsonWriter.pythonRepr(value);
			assertThat(Double.doubleToRawLongBits(Double.parseDouble(repr))).as(repr).isEqualTo(bits);
			assertThat(repr).as(repr).matches("-?(\\d+\\.\\d+|\\d(\\.\\d+)?e[+-]\\d{2,3})");
		}
	}

	@Test
	void whenStringHasControlQuoteBackslashAndNonAsciiCharactersThenItIsEscapedLikeJsonDumps() {
		String value = "a\u0000\u0001\u001f\u007f\"\\/\n\r\t\b\f é€\uD83D\uDE00z\u2028\uD7FF\uE000\uFFFF";
		// python3 -c 'print(json.dumps("a\x00\x01\x1f\x7f\"\\/\n\r\t\b\f é€😀z\u2028\ud7ff\ue000\uffff"))'
		assertThat(json((w) -> w.string(value))).isEqualTo("\"a\\u0000\\u0001\\u001f\\u007f\\\"\\\\/\\n\\r\\t\\b\\f "
				+ "\\u00e9\\u20ac\\ud83d\\ude00z\\u2028\\ud7ff\\ue000\\uffff\"");
	}

	@Test
	void whenStringHasLoneSurrogatesThenTheyAreEscapedLikeJsonDumps() {
		// python3: json.dumps(["\ud800", "a\udc00b"])
		assertThat(json((w) -> write(List.of("\uD800", "a\uDC00b"), w))).isEqualTo("[\"\\ud800\", \"a\\udc00b\"]");
	}

	@Test
	void whenObjectsAndArraysNestThenSeparatorsAreCommaSpaceAndColonSpace() {
		Map<String, Object> inner = new LinkedHashMap<>();
		inner.put("b", null);
		inner.put("c", List.of(true, false));
		Map<String, Object> root = new LinkedHashMap<>();
		root.put("a", List.of(1, inner));
		root.put("d", Map.of());
		root.put("e", List.of());
		// python3: json.dumps({"a": [1, {"b": None, "c": [True, False]}], "d": {}, "e": []})
		assertThat(json((w) -> write(root, w)))
			.isEqualTo("{\"a\": [1, {\"b\": null, \"c\": [true, false]}], \"d\": {}, \"e\": []}");
	}

	@Test
	void whenNestingIsDeeperThanTheInitialStackThenSeparatorsStayRight() {
		Object value = List.of(1, "x");
		for (int i = 0; i < 40; i++) {
			value = (i % 2 == 1) ? List.of(value, Map.of("k", i)) : List.of(value);
		}
		Object tree = value;
		// python3: x = [1, "x"]; for i in range(40): x = [x, {"k": i}] if i % 2 else [x]; print(json.dumps(x))
		String expected = "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1, \"x\"]], {\"k\": 1}]], {\"k\": 3}]], {\"k\": 5}]], "
				+ "{\"k\": 7}]], {\"k\": 9}]], {\"k\": 11}]], {\"k\": 13}]], {\"k\": 15}]], {\"k\": 17}]], "
				+ "{\"k\": 19}]], {\"k\": 21}]], {\"k\": 23}]], {\"k\": 25}]], {\"k\": 27}]], {\"k\": 29}]], "
				+ "{\"k\": 31}]], {\"k\": 33}]], {\"k\": 35}]], {\"k\": 37}]], {\"k\": 39}]";
		assertThat(json((w) -> write(tree, w))).isEqualTo(expected);
	}

	@Test
	void whenIntegersExceedLongOrAreExtremeThenTheyAreWrittenInFull() {
		Map<String, Object> root = new LinkedHashMap<>();
		root.put("big", BigInteger.TWO.pow(70));
		root.put("neg", Long.MIN_VALUE);
		root.put("f", List.of(1.0, -0.0, 1e-7));
		// python3: json.dumps({"big": 2**70, "neg": -2**63, "f": [1.0, -0.0, 1e-7]})
		assertThat(json((w) -> write(root, w)))
			.isEqualTo("{\"big\": 1180591620717411303424, \"neg\": -9223372036854775808, \"f\": [1.0, -0.0, 1e-07]}");
	}

	@Test
	void whenAnActorUriIsWrittenFromItsPartsThenItReadsAsTheWholeUriWritten() {
		List<io.casty.client.ActorAddress> addresses = new ArrayList<>();
		for (int port : new int[] { 0, 7, 10, 99, 100, 999, 1000, 9999, 10000, 25520, 65535 }) {
			addresses.add(io.casty.client.ActorAddress.of("shop-client", "10.0.0.1", port, "/_ask/0123456789abcdef0123456789abcdef"));
		}
		addresses.add(new io.casty.client.ActorAddress("caf\u00e9 \"s\"", null, -1, "/user/\u2603\\x\n"));
		addresses.add(io.casty.client.ActorAddress.of("s", "h\u00f6st", 1, "/a\ud83d\ude00"));
		for (io.casty.client.ActorAddress address : addresses) {
			String whole = json((w) -> w.string(address.toUri()));
			assertThat(json((w) -> w.uri(address))).as(whole).isEqualTo(whole);
			assertThat(json((w) -> {
				w.beginArray(2);
				w.uri(address);
				w.uri(address);
				w.endArray();
			})).isEqualTo("[" + whole + ", " + whole + "]");
		}
	}

	@Test
	void whenTheReusedWriterWritesManyUrisInTurnThenEachReadsAsItsWholeUri() {
		// more systems, hosts and ports than the writer keeps starts for, equal strings in
		// other instances, and no host: each URI must still be its own
		List<io.casty.client.ActorAddress> addresses = new ArrayList<>();
		for (int i = 0; i < 9; i++) {
			addresses.add(io.casty.client.ActorAddress.of("shop-client", "10.0.0." + (i % 3), 25520 + (i % 4),
					"/_ask/" + i));
			addresses.add(io.casty.client.ActorAddress.of(new String("shop-client"), new String("10.0.0.0"), 25520,
					"/user/" + i));
			addresses.add(new io.casty.client.ActorAddress("shop" + (i % 2), null, 25520, "/x\u00e9" + i));
		}
		addresses.add(io.casty.client.ActorAddress.of("s".repeat(200), "h", 1, "/long"));
		for (int round = 0; round < 3; round++) {
			for (io.casty.client.ActorAddress address : addresses) {
				String whole = json((w) -> w.string(address.toUri()));
				ByteBuf out = Unpooled.buffer();
				PythonJsonWriter writer = PythonJsonWriter.of(out);
				writer.beginArray(2);
				writer.uri(address);
				writer.string("next");
				writer.endArray();
				writer.finish();
				assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("[" + whole + ", \"next\"]");
			}
		}
	}

	@Test
	void integersAreWrittenAsLongToStringWritesThem() {
		long[] values = { 0, 7, -7, 9, 10, -10, 99, 100, 123456789, -987654321012L, Long.MAX_VALUE, Long.MIN_VALUE,
				Long.MIN_VALUE + 1, Integer.MAX_VALUE + 1L };
		for (long value : values) {
			assertThat(json((w) -> w.integer(value))).isEqualTo(Long.toString(value));
		}
	}

	@Test
	void aThreadReusesItsWriterOnceFinishedOrDiscardedAndANestedWriteGetsItsOwn() {
		ByteBuf first = Unpooled.buffer();
		PythonJsonWriter writer = PythonJsonWriter.of(first);
		writer.beginArray(1);
		ByteBuf nested = Unpooled.buffer();
		PythonJsonWriter inner = PythonJsonWriter.of(nested);
		assertThat(inner).as("taken: a new writer").isNotSameAs(writer);
		inner.string("inner");
		inner.finish();
		writer.integer(1);
		writer.endArray();
		writer.finish();
		assertThat(first.toString(StandardCharsets.UTF_8)).isEqualTo("[1]");
		assertThat(nested.toString(StandardCharsets.UTF_8)).isEqualTo("\"inner\"");

		ByteBuf second = Unpooled.buffer();
		PythonJsonWriter again = PythonJsonWriter.of(second);
		assertThat(again).as("given back: reused").isSameAs(writer);
		again.beginObject(1);
		again.name("half");
		again.discard();
		ByteBuf third = Unpooled.buffer();
		PythonJsonWriter reset = PythonJsonWriter.of(third);
		assertThat(reset).isSameAs(writer);
		reset.string("x");
		reset.finish();
		assertThat(second.readableBytes()).as("nothing of a discarded value").isZero();
		assertThat(third.toString(StandardCharsets.UTF_8)).isEqualTo("\"x\"");
	}

	@Test
	void recurringNamesAndStringsAreWrittenAsNamesAndStringsAreInTheReusedAndInANewWriter() {
		// more distinct strings than the reused writer keeps, so slots are taken over again and again
		List<String> texts = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			texts.add("field_" + i + ((i % 7 == 0) ? "\u00e9\"\n" : ""));
		}
		SplittableRandom random = new SplittableRandom(16);
		for (int round = 0; round < 2_000; round++) {
			String name = texts.get(random.nextInt(texts.size()));
			String value = texts.get(random.nextInt(texts.size()));
			Consumer<TreeWriter> plain = (w) -> {
				w.beginObject(2);
				w.name(name);
				w.string(value);
				w.name("_type");
				w.string(name);
				w.endObject();
			};
			Consumer<TreeWriter> recurring = (w) -> {
				w.beginObject(2);
				w.recurringName(name);
				w.recurringString(value);
				w.recurringName("_type");
				w.recurringString(name);
				w.endObject();
			};
			String expected = json(plain);
			ByteBuf out = Unpooled.buffer();
			PythonJsonWriter reused = PythonJsonWriter.of(out);
			recurring.accept(reused);
			reused.finish();
			assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
			assertThat(json(recurring)).isEqualTo(expected);
		}
		ByteBuf root = Unpooled.buffer();
		PythonJsonWriter writer = PythonJsonWriter.of(root);
		writer.recurringString("alone");
		writer.finish();
		assertThat(root.toString(StandardCharsets.UTF_8)).isEqualTo("\"alone\"");
	}

	private static String json(Consumer<TreeWriter> body) {
		ByteBuf out = Unpooled.buffer();
		PythonJsonWriter writer = new PythonJsonWriter(out);
		body.accept(writer);
		writer.finish();
		return out.toString(StandardCharsets.UTF_8);
	}

	@SuppressWarnings("unchecked")
	private static void write(Object value, TreeWriter out) {
		if (value == null) {
			out.nul();
		}
		else if (value instanceof Map<?, ?> map) {
			out.beginObject(map.size());
			for (Map.Entry<String, Object> entry : new ArrayList<>(((Map<String, Object>) map).entrySet())) {
				out.name(entry.getKey());
				write(entry.getValue(), out);
			}
			out.endObject();
		}
		else if (value instanceof List<?> list) {
			out.beginArray(list.size());
			list.forEach((item) -> write(item, out));
			out.endArray();
		}
		else if (value instanceof String s) {
			out.string(s);
		}
		else if (value instanceof Boolean b) {
			out.bool(b);
		}
		else if (value instanceof BigInteger big) {
			out.integer(big);
		}
		else if (value instanceof Double d) {
			out.floating(d);
		}
		else {
			out.integer(((Number) value).longValue());
		}
	}

}
