package io.casty.codegen.java;

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.casty.client.ActorRef;
import io.casty.client.Tuple;
import io.casty.client.protocol.Frame;
import io.casty.client.protocol.FrameCodec;
import io.casty.client.protocol.codec.Compression;
import io.casty.client.protocol.codec.MessageCodec;
import io.casty.client.protocol.codec.MessageTypeRegistry;
import io.casty.client.protocol.codec.PayloadFormat;
import io.casty.client.protocol.messages.ShardEnvelope;
import io.casty.codegen.Fixtures;
import io.casty.codegen.check.SchemaCheck;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records generated from a schema pass the client's codec: the golden frames captured from
 * real Casty v0.21.0 nodes decode into the generated {@code wirevec} records and encode back
 * to the identical frames, and payloads that real Casty's {@code JsonSerializer} wrote for
 * the {@code shop} fixture types ({@code src/test/resources/payloads}) decode into the
 * generated {@code shop} records and encode back to the identical bytes.
 */
class GeneratedRecordsRoundTripTests {

	private static ClassLoader wirevec;

	private static ClassLoader shop;

	@BeforeAll
	static void compile() {
		wirevec = InMemoryCompiler.compile(JavaGenerator.of(Fixtures.WIREVEC_OPTIONS).generate(Fixtures.wirevecSchema()));
		shop = InMemoryCompiler.compile(JavaGenerator.of(Fixtures.SHOP_OPTIONS).generate(Fixtures.shopSchema()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "08-shard_envelope_increment.bin:json", "10-shard_envelope_echo.bin:json",
			"12-shard_envelope_greet.bin:json", "13-reply_dataclass.bin:json", "14-reply_dataclass_all_encodings.bin:json",
			"15-service_request.bin:json", "16-service_reply.bin:json", "26-msgpack_shard_envelope_increment.bin:msgpack",
			"29-msgpack_reply_dataclass_all_encodings.bin:msgpack" })
	void goldenFramesDecodeIntoGeneratedRecordsAndEncodeBackIdentically(String vector) throws Exception {
		String[] parts = vector.split(":");
		byte[] bytes = Fixtures.bytes("vectors/" + parts[0]);
		MessageTypeRegistry registry = MessageTypeRegistry.withProtocolTypes()
			.register(wirevec.loadClass("com.example.wirevec.WirevecMsg"), wirevec.loadClass("com.example.wirevec.Greeting"),
					wirevec.loadClass("com.example.wirevec.Profile"));
		MessageCodec codec = parts[1].equals("json") ? new MessageCodec(registry)
				: new MessageCodec(registry, PayloadFormat.MSGPACK, Compression.NONE, 6, 1 << 20);
		Frame.Message message = (Frame.Message) FrameCodec.decodeWhole(Unpooled.wrappedBuffer(bytes));
		Object decoded = codec.decode(message.payload());
		Object dataclass = (decoded instanceof ShardEnvelope envelope) ? envelope.message() : decoded;
		assertThat(dataclass.getClass().getPackageName()).isEqualTo("com.example.wirevec");
		ByteBuf out = Unpooled.buffer();
		FrameCodec.writeMessage(message.header(), (buf) -> codec.encode(decoded, buf), out);
		assertThat(ByteBufUtil.getBytes(out)).isEqualTo(bytes);
	}

	@Test
	void everyEncodingOfTheProfileVectorLandsInTheGeneratedComponents() throws Exception {
		MessageTypeRegistry registry = new MessageTypeRegistry().register(wirevec.loadClass("com.example.wirevec.Profile"));
		Frame.Message message = (Frame.Message) FrameCodec
			.decodeWhole(Unpooled.wrappedBuffer(Fixtures.bytes("vectors/14-reply_dataclass_all_encodings.bin")));
		Record profile = (Record) new MessageCodec(registry).decode(message.payload());
		Map<String, Object> components = components(profile);
		assertThat(components.get("level")).hasToString("GOLD");
		assertThat(components.get("tags")).isEqualTo(Set.of("vip"));
		assertThat(components.get("coords")).isEqualTo(List.of(3L, -4L));
		assertThat(components.get("attrs")).isEqualTo(Map.of("age", 42L, "visits", 7L));
		assertThat(components.get("scores")).isEqualTo(List.of(1.5, 2.0));
		assertThat(components.get("nickname")).isNull();
		assertThat(components.get("active")).isEqualTo(true);
		assertThat(components(components.get("home"))).containsEntry("x", 0.25).containsEntry("y", -1.0);
	}

	@ParameterizedTest
	@ValueSource(strings = { "add_item", "remove_item", "get_cart", "cart_view" })
	void payloadsOfRealCastyDecodeIntoGeneratedRecordsAndEncodeBackIdentically(String name) throws Exception {
		MessageTypeRegistry registry = new MessageTypeRegistry().register(shop.loadClass("com.example.shop.CartMsg"),
				shop.loadClass("com.example.shop.CartView"));
		MessageCodec codec = new MessageCodec(registry);
		byte[] payload = Fixtures.bytes("payloads/" + name + ".json");
		Object decoded = codec.decode(payload);
		assertThat(decoded.getClass().getPackageName()).isEqualTo("com.example.shop");
		assertThat(new String(codec.encode(decoded), StandardCharsets.UTF_8))
			.isEqualTo(new String(payload, StandardCharsets.UTF_8));
	}

	@Test
	void theCartViewOfRealCastyLandsInTheGeneratedComponents() throws Exception {
		MessageTypeRegistry registry = new MessageTypeRegistry().register(shop.loadClass("com.example.shop.CartView"));
		Record view = (Record) new MessageCodec(registry).decode(Fixtures.bytes("payloads/cart_view.json"));
		Map<String, Object> components = components(view);
		assertThat(components.get("lines")).asList().hasSize(1);
		assertThat(components.get("total")).isEqualTo(12.5);
		assertThat(components.get("positions")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsOnlyKeys(1L);
		assertThat(components.get("note")).isNull();
		assertThat(components.get("color")).hasToString("DARK_BLUE");
		assertThat(components.get("lastEvent").getClass().getSimpleName()).isEqualTo("Cancel");
		assertThat(components.get("event").getClass().getSimpleName()).isEqualTo("Checkout");
		assertThat(components.get("pair")).isEqualTo(Tuple.of(7, "seven"));
		assertThat(components.get("weights")).isEqualTo(Map.of(Tuple.of(1, 2), 0.5));
		assertThat(components.get("new_")).isEqualTo(true);
		assertThat(components.get("priority")).hasToString("HIGH");
		assertThat(components.get("ratio")).isEqualTo(2.0);
	}

	@Test
	void aGeneratedReplyToIsAnActorRef() throws Exception {
		MessageTypeRegistry registry = new MessageTypeRegistry().register(shop.loadClass("com.example.shop.CartMsg"));
		Record getCart = (Record) new MessageCodec(registry).decode(Fixtures.bytes("payloads/get_cart.json"));
		assertThat(components(getCart).get("replyTo")).isInstanceOfSatisfying(ActorRef.class,
				(ref) -> assertThat(ref.uri()).endsWith("/_ask/0123456789abcdef0123456789abcdef"));
	}

	@Test
	void generatedRecordsPassTheSchemaCheckOfTheirOwnSchema() throws Exception {
		assertThat(SchemaCheck.check(Fixtures.shopSchema(), List.of(shop.loadClass("com.example.shop.CartMsg"),
				shop.loadClass("com.example.shop.CartView"), shop.loadClass("com.example.shop.catalog.CatalogEntry"),
				shop.loadClass("com.example.shop.catalog.Stock"))))
			.isEmpty();
		assertThat(SchemaCheck.check(Fixtures.wirevecSchema(), List.of(wirevec.loadClass("com.example.wirevec.WirevecMsg"),
				wirevec.loadClass("com.example.wirevec.Profile")))).isEmpty();
	}

	private static Map<String, Object> components(Object record) throws Exception {
		Map<String, Object> values = new java.util.LinkedHashMap<>();
		for (RecordComponent component : record.getClass().getRecordComponents()) {
			component.getAccessor().setAccessible(true);
			values.put(component.getName(), component.getAccessor().invoke(record));
		}
		return values;
	}

}
