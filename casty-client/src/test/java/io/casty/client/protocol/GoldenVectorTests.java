package io.casty.client.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.casty.client.ActorRef;
import io.casty.client.NodeAddress;
import io.casty.client.protocol.WirevecMessages.Greeting;
import io.casty.client.protocol.WirevecMessages.Increment;
import io.casty.client.protocol.WirevecMessages.Level;
import io.casty.client.protocol.WirevecMessages.Point;
import io.casty.client.protocol.WirevecMessages.Profile;
import io.casty.client.protocol.codec.Compression;
import io.casty.client.protocol.codec.MessageCodec;
import io.casty.client.protocol.codec.MessageTypeRegistry;
import io.casty.client.protocol.codec.PayloadFormat;
import io.casty.client.protocol.messages.GetShardLocation;
import io.casty.client.protocol.messages.MemberStatus;
import io.casty.client.protocol.messages.ShardEnvelope;
import io.casty.client.protocol.messages.ShardLocation;
import io.casty.client.protocol.messages.SubscribeTopology;
import io.casty.client.protocol.messages.TopologySnapshot;
import io.casty.client.protocol.messages.UnsubscribeTopology;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every frame captured from real Casty nodes decodes into typed Java objects and encodes
 * back to the identical bytes.
 */
class GoldenVectorTests {

	private static final MessageTypeRegistry REGISTRY = MessageTypeRegistry.withProtocolTypes()
		.register(WirevecMessages.ALL);

	static Stream<GoldenVectors.Vector> vectors() {
		return GoldenVectors.all().stream();
	}

	static MessageCodec codecFor(String encoding) {
		return switch (encoding) {
			case "json" -> new MessageCodec(REGISTRY);
			case "msgpack" -> new MessageCodec(REGISTRY, PayloadFormat.MSGPACK, Compression.NONE, 6, 1 << 20);
			case "zlib+json" -> new MessageCodec(REGISTRY, PayloadFormat.JSON, Compression.ZLIB, 6, 1 << 20);
			case "gzip+json" -> new MessageCodec(REGISTRY, PayloadFormat.JSON, Compression.GZIP, 6, 1 << 20);
			default -> throw new IllegalArgumentException(encoding);
		};
	}

	@Test
	void allThirtyThreeVectorsArePresentAndIntact() throws Exception {
		List<GoldenVectors.Vector> vectors = GoldenVectors.all();
		assertThat(vectors).hasSize(33);
		for (GoldenVectors.Vector vector : vectors) {
			String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(vector.bytes()));
			assertThat(sha).as(vector.file()).isEqualTo(vector.index().get("sha256").stringValue());
		}
	}

	@ParameterizedTest
	@MethodSource("vectors")
	void decodesToTypedObjectsAndReencodesToIdenticalBytes(GoldenVectors.Vector vector) {
		Frame frame = FrameCodec.decodeWhole(Unpooled.wrappedBuffer(vector.bytes()));
		ByteBuf out = Unpooled.buffer();
		if (frame instanceof Frame.Handshake handshake) {
			FrameCodec.writeHandshake(handshake.host(), handshake.port(), out);
			assertThat(ByteBufUtil.getBytes(out)).isEqualTo(vector.bytes());
			return;
		}
		assertThat(frame).isInstanceOf(Frame.Message.class);
		Frame.Message message = (Frame.Message) frame;
		JsonNode index = vector.index();
		assertThat(FrameCodec.headerJson(message.header())).isEqualTo(index.get("header_text").stringValue());
		MessageCodec codec = codecFor(vector.encoding());
		Object decoded = codec.decode(message.payload());
		assertThat(decoded).as("typed decoding of %s", vector.name()).isNotNull();
		if (decoded instanceof Record record && !(record instanceof io.casty.client.Tuple)) {
			assertThat(record.getClass().getPackageName()).startsWith("io.casty.client");
		}
		assertThat(codec.typeHint(decoded)).isEqualTo(message.header().typeHint());
		FrameCodec.writeMessage(message.header(), (buf) -> codec.encode(decoded, buf), out);
		byte[] reencoded = ByteBufUtil.getBytes(out);
		if (vector.encoding().equals("gzip+json")) {
			Frame.Message again = (Frame.Message) FrameCodec.decodeWhole(Unpooled.wrappedBuffer(reencoded));
			assertThat(again.header()).isEqualTo(message.header());
			assertThat(Compression.GZIP.decompress(again.payload(), 1 << 20))
				.isEqualTo(Compression.GZIP.decompress(message.payload(), 1 << 20));
			assertThat(again.payload()).startsWith(0x1f, 0x8b, 0x08, 0x00);
		}
		else {
			assertThat(reencoded).isEqualTo(vector.bytes());
		}
	}

	@Test
	void healthySnapshotDecodesIntoTheTopologyModel() {
		TopologySnapshot snapshot = decode("topology_snapshot_3_nodes", TopologySnapshot.class);
		assertThat(snapshot.members()).hasSize(3).allSatisfy((m) -> assertThat(m.status()).isEqualTo(MemberStatus.UP));
		assertThat(snapshot.leader()).isEqualTo(new NodeAddress("127.0.0.1", 25601));
		assertThat(snapshot.shardAllocations()).containsOnlyKeys("counter", "profile");
		assertThat(snapshot.shardAllocations().get("profile").values())
			.allSatisfy((allocation) -> assertThat(allocation.replicas()).hasSize(1));
		assertThat(snapshot.registry()).singleElement()
			.satisfies((entry) -> assertThat(entry.path()).isEqualTo("/greeter-svc"));
		assertThat(snapshot.unreachable()).isEmpty();
	}

	@Test
	void downAndUnreachableMemberIsDecoded() {
		TopologySnapshot snapshot = decode("topology_snapshot_unreachable_down", TopologySnapshot.class);
		NodeAddress node3 = new NodeAddress("127.0.0.1", 25603);
		assertThat(snapshot.unreachable()).containsExactly(node3);
		assertThat(snapshot.members()).filteredOn((m) -> m.address().equals(node3))
			.singleElement()
			.satisfies((m) -> assertThat(m.status()).isEqualTo(MemberStatus.DOWN));
	}

	@Test
	void clientMessagesDecodeToProtocolRecords() {
		SubscribeTopology subscribe = decode("subscribe_topology", SubscribeTopology.class);
		assertThat(subscribe.replyTo().uri()).isEqualTo("casty://wire-demo-client@127.0.0.1:0/_topology_sub");
		UnsubscribeTopology unsubscribe = decode("unsubscribe_topology", UnsubscribeTopology.class);
		assertThat(unsubscribe.subscriber()).isEqualTo(subscribe.replyTo());
		GetShardLocation get = decode("get_shard_location", GetShardLocation.class);
		assertThat(get.shardId()).isEqualTo(2);
		ShardLocation location = decode("shard_location_with_replica", ShardLocation.class);
		assertThat(location.replicas()).hasSize(1);
		ShardEnvelope envelope = decode("shard_envelope_increment", ShardEnvelope.class);
		assertThat(envelope.entityId()).isEqualTo("alice");
		assertThat(envelope.message()).isInstanceOfSatisfying(Increment.class, (increment) -> {
			assertThat(increment.amount()).isEqualTo(5);
			assertThat(increment.replyTo().address().path()).matches("/_ask/[0-9a-f]{32}");
		});
	}

	@Test
	void dataclassWithEveryEncodingDecodesInJsonAndMsgpack() {
		for (String name : List.of("reply_dataclass_all_encodings", "msgpack_reply_dataclass_all_encodings")) {
			Profile profile = decode(name, Profile.class);
			assertThat(profile.level()).isEqualTo(Level.GOLD);
			assertThat(profile.tags()).isEqualTo(Set.of("vip"));
			assertThat(profile.coords()).containsExactly(3, -4);
			assertThat(profile.attrs()).containsExactly(Map.entry("age", 42), Map.entry("visits", 7));
			assertThat(profile.scores()).containsExactly(1.5, 2.0);
			assertThat(profile.nickname()).isNull();
			assertThat(profile.active()).isTrue();
			assertThat(profile.home()).isEqualTo(new Point(0.25, -1.0));
		}
		assertThat(decode("reply_dataclass", Greeting.class).text()).isEqualTo("hello, Ada");
		assertThat(decode("reply_int", Integer.class)).isEqualTo(5);
		assertThat(decode("msgpack_reply_str", String.class)).isEqualTo("echo:hi");
	}

	@Test
	void encodingTheSameRecordsFromScratchGivesTheCapturedPayload() {
		GoldenVectors.Vector vector = GoldenVectors.named("shard_envelope_increment");
		Frame.Message message = (Frame.Message) FrameCodec.decodeWhole(Unpooled.wrappedBuffer(vector.bytes()));
		ShardEnvelope envelope = new ShardEnvelope("alice", new Increment(5,
				ActorRef.parse("casty://wire-demo-client@127.0.0.1:0/_ask/5b6f6d9b84744629a5e2b9f8b4a075d8")));
		for (String encoding : List.of("json", "msgpack", "zlib+json")) {
			byte[] expected = (encoding.equals("json")) ? message.payload()
					: ((Frame.Message) FrameCodec.decodeWhole(Unpooled.wrappedBuffer(GoldenVectors
						.named(encoding.equals("msgpack") ? "msgpack_reencoded_shard_envelope_increment"
								: "zlib_json_shard_envelope_increment")
						.bytes()))).payload();
			assertThat(codecFor(encoding).encode(envelope)).as(encoding).isEqualTo(expected);
		}
		assertThat(new String(message.payload(), StandardCharsets.UTF_8))
			.isEqualTo(vector.index().get("payload_text").stringValue());
	}

	@Test
	void anEncodedMessageFramedForSendingIsTheCapturedFrame() {
		ShardEnvelope envelope = new ShardEnvelope("alice", new Increment(5,
				ActorRef.parse("casty://wire-demo-client@127.0.0.1:0/_ask/5b6f6d9b84744629a5e2b9f8b4a075d8")));
		for (String name : List.of("shard_envelope_increment", "msgpack_reencoded_shard_envelope_increment",
				"zlib_json_shard_envelope_increment")) {
			GoldenVectors.Vector vector = GoldenVectors.named(name);
			Frame.Message captured = (Frame.Message) FrameCodec.decodeWhole(Unpooled.wrappedBuffer(vector.bytes()));
			MessageEncoder encoder = new MessageEncoder(codecFor(vector.encoding()));
			EncodedMessage encoded = encoder.encodeForEntity("alice", envelope.message());
			assertThat(encoded.typeHint()).isEqualTo(captured.header().typeHint());
			ByteBuf frame = encoded.frame(FrameCodec.encodeHeader(captured.header()));
			try {
				assertThat(ByteBufUtil.getBytes(frame)).as(name).isEqualTo(vector.bytes());
			}
			finally {
				frame.release();
			}
		}
	}

	private static <T> T decode(String vectorName, Class<T> type) {
		GoldenVectors.Vector vector = GoldenVectors.named(vectorName);
		Frame.Message message = (Frame.Message) FrameCodec.decodeWhole(Unpooled.wrappedBuffer(vector.bytes()));
		return codecFor(vector.encoding()).decode(message.payload(), type);
	}

}
