package io.casty.client.topology;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.casty.client.MessageCodecException;
import io.casty.client.NodeAddress;
import io.casty.client.protocol.codec.MessageCodec;
import io.casty.client.protocol.codec.MessageTypeRegistry;
import io.casty.client.protocol.messages.Member;
import io.casty.client.protocol.messages.MemberStatus;
import io.casty.client.protocol.messages.ShardAllocation;
import io.casty.client.protocol.messages.TopologySnapshot;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SnapshotDecoderTests {

	private static final NodeAddress A = new NodeAddress("127.0.0.1", 25601);

	private static final NodeAddress B = new NodeAddress("127.0.0.1", 25602);

	private final MessageCodec codec = new MessageCodec(MessageTypeRegistry.withProtocolTypes());

	private final SnapshotDecoder decoder = new SnapshotDecoder(this.codec);

	private static TopologySnapshot snapshot(long epoch, NodeAddress ownerOfShard3) {
		Map<Long, ShardAllocation> shards = new LinkedHashMap<>();
		for (long shard = 0; shard < 8; shard++) {
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
	void fingerprintsDifferForPayloadsThatDifferInOneByte() {
		byte[] payload = this.codec.encode(snapshot(4, A));
		byte[] changed = payload.clone();
		changed[changed.length / 2] ^= 1;

		assertThat(SnapshotDecoder.fingerprint(changed)).isNotEqualTo(SnapshotDecoder.fingerprint(payload));
		assertThat(SnapshotDecoder.fingerprint(payload.clone())).isEqualTo(SnapshotDecoder.fingerprint(payload));
	}

}
