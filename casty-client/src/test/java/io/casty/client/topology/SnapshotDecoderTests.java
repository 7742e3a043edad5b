package io.casty.client.topology;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.casty.client.MessageCodecException;
import io.casty.client.NodeAddress;
import io.casty.client.protocol.CastyFrameDecoder;
import io.casty.client.protocol.Frame;
import io.casty.client.protocol.FrameCodec;
import io.casty.client.protocol.MessageHeader;
import io.casty.client.protocol.codec.MessageCodec;
import io.casty.client.protocol.codec.MessageTypeRegistry;
import io.casty.client.protocol.messages.Member;
import io.casty.client.protocol.messages.MemberStatus;
import io.casty.client.protocol.messages.ShardAllocation;
import io.casty.client.protocol.messages.TopologySnapshot;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SnapshotDecoderTests {

	private static final NodeAddress A = new NodeAddress("127.0.0.1", 25601);

	private static final NodeAddress B = new NodeAddress("127.0.0.1", 25602);

	private final MessageCodec codec = new MessageCodec(MessageTypeRegistry.withProtocolTypes());

	private final SnapshotDecoder decoder = new SnapshotDecoder(this.codec);

	/** The header of a snapshot Casty pushes to the client. */
	private static final MessageHeader PUSH = new MessageHeader("casty://casty-client@127.0.0.1:0/_topology_sub",
			"casty://casty@127.0.0.1:25601/", "casty.cluster.topology.TopologySnapshot");

	private static TopologySnapshot snapshot(long epoch, NodeAddress ownerOfShard3) {
		return snapshot(epoch, ownerOfShard3, 8);
	}

	private static TopologySnapshot snapshot(long epoch, NodeAddress ownerOfShard3, int shardCount) {
		Map<Long, ShardAllocation> shards = new LinkedHashMap<>();
		for (long shard = 0; shard < shardCount; shard++) {
			shards.put(shard, new ShardAllocation((shard == 3) ? ownerOfShard3 : A, List.of()));
		}
		return new TopologySnapshot(
				Set.of(new Member(A, MemberStatus.UP, Set.of(), "node-1"), new Member(B, MemberStatus.UP, Set.of(), "node-2")),
				A, Map.of("counter", shards), epoch, Set.of(), Set.of());
	}

	@Test
	void identicalBytesAreDecodedOnceAndReturnTheSameInstance() {
		byte[] payload = this.codec.encode(snapshot(4, A));

		TopologySnapshot first = this.decoder.decode(payload);
		TopologySnapshot again = this.decoder.decode(payload.clone());

		assertThat(first).isEqualTo(snapshot(4, A));
		assertThat(again).isSameAs(first);
		assertThat(this.decoder.decodedCount()).isEqualTo(1);
		assertThat(this.decoder.skippedCount()).isEqualTo(1);
	}

	@Test
	void aChangedSnapshotOfTheSameLengthIsDecoded() {
		byte[] before = this.codec.encode(snapshot(4, A));
		byte[] after = this.codec.encode(snapshot(4, B));
		assertThat(after).hasSameSizeAs(before);

		TopologySnapshot first = this.decoder.decode(before);
		TopologySnapshot changed = this.decoder.decode(after);

		assertThat(changed).isNotSameAs(first);
		assertThat(changed.shardAllocations().get("counter").get(3L).primary()).isEqualTo(B);
		assertThat(this.decoder.decodedCount()).isEqualTo(2);
	}

	@Test
	void onlyTheLastPayloadCountsAsARepeat() {
		byte[] a = this.codec.encode(snapshot(4, A));
		byte[] b = this.codec.encode(snapshot(5, B));

		TopologySnapshot first = this.decoder.decode(a);
		this.decoder.decode(b);
		TopologySnapshot back = this.decoder.decode(a);

		assertThat(back).isNotSameAs(first).isEqualTo(first);
		assertThat(this.decoder.decodedCount()).isEqualTo(3);
		assertThat(this.decoder.skippedCount()).isZero();
	}

	@Test
	void aRepeatIsDecodedAnywayAfterTheLimitOfSkippedRepeats() {
		byte[] payload = this.codec.encode(snapshot(4, A));
		TopologySnapshot first = this.decoder.decode(payload);
		for (int i = 0; i < SnapshotDecoder.FULL_DECODE_EVERY; i++) {
			assertThat(this.decoder.decode(payload)).isSameAs(first);
		}

		TopologySnapshot refreshed = this.decoder.decode(payload);

		assertThat(refreshed).isNotSameAs(first).isEqualTo(first);
		assertThat(this.decoder.decodedCount()).isEqualTo(2);
		assertThat(this.decoder.decode(payload)).isSameAs(refreshed);
	}

	@Test
	void anUndecodablePayloadThrowsAndKeepsTheLastSnapshot() {
		byte[] good = this.codec.encode(snapshot(4, A));
		TopologySnapshot first = this.decoder.decode(good);

		assertThatExceptionOfType(MessageCodecException.class)
			.isThrownBy(() -> this.decoder.decode("{\"_type\": \"nope\"".getBytes(java.nio.charset.StandardCharsets.UTF_8)));

		assertThat(this.decoder.decode(good)).isSameAs(first);
	}

	@Test
	void theBytesOfTheLastSnapshotAreRecognisedInNetworkBuffersWithoutDecoding() {
		byte[] payload = this.codec.encode(snapshot(4, A));
		TopologySnapshot first = this.decoder.decode(payload);
		ByteBuf parts = inParts(payload, 3);
		int readerIndex = parts.readerIndex();

		assertThat(this.decoder.recognize(PUSH, parts)).isSameAs(first);
		assertThat(this.decoder.recognize(PUSH, Unpooled.wrappedBuffer(payload.clone()))).isSameAs(first);

		assertThat(parts.readerIndex()).isEqualTo(readerIndex);
		assertThat(parts.readableBytes()).isEqualTo(payload.length);
		assertThat(this.decoder.decodedCount()).isEqualTo(1);
		assertThat(this.decoder.skippedCount()).isEqualTo(2);
		parts.release();
	}

	@Test
	void nothingIsRecognisedBeforeASnapshotIsDecodedNorAChangeNorAnotherTarget() {
		byte[] before = this.codec.encode(snapshot(4, A));
		byte[] after = this.codec.encode(snapshot(4, B));
		assertThat(this.decoder.recognize(PUSH, Unpooled.wrappedBuffer(before))).isNull();
		this.decoder.decode(before);

		assertThat(this.decoder.recognize(PUSH, Unpooled.wrappedBuffer(after))).as("same length, one owner changed")
			.isNull();
		MessageHeader reply = new MessageHeader("casty://casty-client@127.0.0.1:0/_ask/5b6f6d9b84744629a5e2b9f8b4a075d8",
				PUSH.sender(), PUSH.typeHint());
		assertThat(this.decoder.recognize(reply, Unpooled.wrappedBuffer(before))).as("an ask's reply").isNull();
		MessageHeader actor = new MessageHeader("casty://casty-client@127.0.0.1:0/user/_topology_sub", PUSH.sender(),
				PUSH.typeHint());
		assertThat(this.decoder.recognize(actor, Unpooled.wrappedBuffer(before))).as("an actor of that name").isNull();
		assertThat(this.decoder.skippedCount()).isZero();
	}

	@Test
	void afterAChangeTheEarlierBytesAreNotRecognised() {
		byte[] a = this.codec.encode(snapshot(4, A));
		byte[] b = this.codec.encode(snapshot(5, B));
		TopologySnapshot first = this.decoder.decode(a);
		TopologySnapshot second = this.decoder.decode(b);

		assertThat(this.decoder.recognize(PUSH, Unpooled.wrappedBuffer(b))).isSameAs(second);
		assertThat(this.decoder.recognize(PUSH, Unpooled.wrappedBuffer(a))).isNull();
		assertThat(this.decoder.decode(a)).isNotSameAs(first).isEqualTo(first);
	}

	@Test
	void recognisedRepeatsCountTowardsThePeriodicFullDecode() {
		byte[] payload = this.codec.encode(snapshot(4, A));
		TopologySnapshot first = this.decoder.decode(payload);
		for (int i = 0; i < SnapshotDecoder.FULL_DECODE_EVERY / 2; i++) {
			assertThat(this.decoder.recognize(PUSH, Unpooled.wrappedBuffer(payload))).isSameAs(first);
			assertThat(this.decoder.decode(payload)).isSameAs(first);
		}

		assertThat(this.decoder.recognize(PUSH, Unpooled.wrappedBuffer(payload))).as("at the limit").isNull();
		TopologySnapshot refreshed = this.decoder.decode(payload);

		assertThat(refreshed).isNotSameAs(first).isEqualTo(first);
		assertThat(this.decoder.decodedCount()).isEqualTo(2);
		assertThat(this.decoder.recognize(PUSH, Unpooled.wrappedBuffer(payload))).isSameAs(refreshed);
	}

	@Test
	void overTheFrameDecoderAnUnchangedLargeSnapshotArrivesDecodedAlreadyAndAChangedOneAsBytes() {
		byte[] a = this.codec.encode(snapshot(4, A, 400));
		byte[] b = this.codec.encode(snapshot(4, B, 400));
		assertThat(a).hasSameSizeAs(b).hasSizeGreaterThan(CastyFrameDecoder.RECOGNIZED_PAYLOAD_BYTES);
		EmbeddedChannel channel = new EmbeddedChannel(
				new CastyFrameDecoder(CastyFrameDecoder.DEFAULT_MAX_FRAME_LENGTH, Duration.ZERO, this.decoder));
		try {
			TopologySnapshot first = received(channel, a);
			assertThat(first).isEqualTo(snapshot(4, A, 400));
			assertThat(received(channel, a)).isSameAs(first);
			TopologySnapshot changed = received(channel, b);
			assertThat(changed).isEqualTo(snapshot(4, B, 400));
			assertThat(received(channel, b)).isSameAs(changed);
			assertThat(received(channel, a)).isNotSameAs(first).isEqualTo(first);

			assertThat(this.decoder.decodedCount()).isEqualTo(3);
			assertThat(this.decoder.skippedCount()).isEqualTo(2);
		}
		finally {
			assertThat(channel.finishAndReleaseAll()).isFalse();
		}
	}

	/** Pushes one snapshot frame through the channel, in 16 KiB reads, and decodes it as the client does. */
	private TopologySnapshot received(EmbeddedChannel channel, byte[] payload) {
		ByteBuf frame = Unpooled.buffer();
		FrameCodec.writeMessage(PUSH, payload, frame);
		while (frame.isReadable()) {
			channel.writeInbound(frame.readRetainedSlice(Math.min(16 * 1024, frame.readableBytes())));
		}
		frame.release();
		Frame.Message message = channel.readInbound();
		assertThat(message.header()).isEqualTo(PUSH);
		if (message.recognized() != null) {
			assertThat(message.payload()).as("the payload of a recognised snapshot").isEmpty();
			return (TopologySnapshot) message.recognized();
		}
		assertThat(message.payload()).isEqualTo(payload);
		return this.decoder.decode(message.payload());
	}

	@Test
	void fingerprintsOfNetworkBuffersAreThoseOfTheBytes() {
		byte[] payload = this.codec.encode(snapshot(4, A, 1000));
		assertThat(payload.length).isGreaterThan(100_000);
		long expected = SnapshotDecoder.fingerprint(payload);
		ByteBuf direct = Unpooled.directBuffer(payload.length + 10).writeZero(10).writeBytes(payload).skipBytes(10);
		ByteBuf parts = inParts(payload, 7);
		try {
			assertThat(SnapshotDecoder.fingerprint(Unpooled.wrappedBuffer(payload))).isEqualTo(expected);
			assertThat(SnapshotDecoder.fingerprint(direct)).isEqualTo(expected);
			assertThat(SnapshotDecoder.fingerprint(parts)).isEqualTo(expected);
			assertThat(SnapshotDecoder.fingerprint(Unpooled.wrappedBuffer(payload, 0, payload.length - 1)))
				.isNotEqualTo(expected);
		}
		finally {
			direct.release();
			parts.release();
		}
	}

	/** The bytes as a composite of direct buffers, as a large frame arrives. */
	private static ByteBuf inParts(byte[] bytes, int count) {
		CompositeByteBuf composite = Unpooled.compositeBuffer(count);
		int size = bytes.length / count + 1;
		for (int offset = 0; offset < bytes.length; offset += size) {
			int length = Math.min(size, bytes.length - offset);
			composite.addComponent(true, Unpooled.directBuffer(length).writeBytes(bytes, offset, length));
		}
		return composite;
	}

	@Test
	void fingerprintsDifferForPayloadsThatDifferInOneByte() {
		byte[] payload = this.codec.encode(snapshot(4, A));
		byte[] changed = payload.clone();
		changed[changed.length / 2] ^= 1;

		assertThat(SnapshotDecoder.fingerprint(changed)).isNotEqualTo(SnapshotDecoder.fingerprint(payload));
		assertThat(SnapshotDecoder.fingerprint(payload.clone())).isEqualTo(SnapshotDecoder.fingerprint(payload));
	}

}
