package io.casty.client.topology;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

import io.casty.client.protocol.CastyPaths;
import io.casty.client.protocol.MessageHeader;
import io.casty.client.protocol.PayloadRecognizer;
import io.casty.client.protocol.codec.MessageCodec;
import io.casty.client.protocol.messages.TopologySnapshot;
import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

/**
 * Decodes topology snapshots, except one whose bytes are those of the snapshot decoded last:
 * then it returns that same instance. Casty nodes push the whole cluster state about four
 * times a second whether it changed or not, and decoding it takes time and garbage linear in
 * the allocated shards (about 20 ms and 10 MB for 10,000 of them), so an idle client would
 * spend a good part of a core on unchanged snapshots.
 * <p>
 * Payloads are compared by length and CRC-32C (computed by the CPU's instructions, about
 * 0.1 ms for 2 MB) rather than kept whole, which would hold another copy of the topology.
 * A change that keeps the length has one chance in 2<sup>32</sup> to keep the CRC too; it
 * would then show at the next full decode: every {@value #FULL_DECODE_EVERY}th repeat is
 * decoded anyway. A second checksum was dropped: CRC-32 took 1.7 times as long as CRC-32C
 * (0.145 against 0.083 ms for 1.8 MB), about 7 % of an idle client's CPU at 10,000 shards.
 * <p>
 * As the connections' {@link PayloadRecognizer} it recognises a large repeat while the frame
 * decoder still holds it in the network buffers, fingerprinted there: the payload is then not
 * even copied, and its frame carries the snapshot returned last time. Those repeats count
 * towards the periodic full decode like the others.
 * <p>
 * Internal: wired by {@code ClientSession} (through the client's codecs); not API, may change
 * without notice.
 *
 * @since 0.1.0
 */
public final class SnapshotDecoder implements PayloadRecognizer {

	/** A repeated payload is decoded anyway after this many skipped repeats. */
	public static final int FULL_DECODE_EVERY = 256;

	private final MessageCodec codec;

	private @Nullable TopologySnapshot last;

	private int lastLength = -1;

	private long lastFingerprint;

	private int repeats;

	private long decoded;

	private long skipped;

	/**
	 * Creates a decoder.
	 * @param codec the client's codec
	 */
	public SnapshotDecoder(MessageCodec codec) {
		this.codec = codec;
	}

	/**
	 * Decodes a snapshot's payload.
	 * @param payload the payload as received
	 * @return the snapshot: the instance returned last time when the payload is the same,
	 * else a new one; {@code null} for a {@code null} payload
	 * @throws io.casty.client.MessageCodecException if it cannot be decoded
	 */
	public synchronized @Nullable TopologySnapshot decode(byte[] payload) {
		long fingerprint = fingerprint(payload);
		TopologySnapshot previous = this.last;
		if (previous != null && payload.length == this.lastLength && fingerprint == this.lastFingerprint
				&& this.repeats < FULL_DECODE_EVERY) {
			this.repeats++;
			this.skipped++;
			return previous;
		}
		TopologySnapshot snapshot = this.codec.decode(payload, TopologySnapshot.class);
		this.decoded++;
		this.repeats = 0;
		this.last = snapshot;
		this.lastLength = (snapshot != null) ? payload.length : -1;
		this.lastFingerprint = fingerprint;
		return snapshot;
	}

	/**
	 * Payloads decoded so far.
	 * @return the count
	 */
	public synchronized long decodedCount() {
		return this.decoded;
	}

	/**
	 * Payloads recognised as repeats and not decoded.
	 * @return the count
	 */
	public synchronized long skippedCount() {
		return this.skipped;
	}

	/**
	 * Recognises a large snapshot payload that repeats the last one decoded, before the frame
	 * decoder copies it: such a payload is neither copied nor decoded, and its frame carries
	 * the same {@link TopologySnapshot} instance {@link #decode} would have returned. Counted
	 * as a repeat like those, so the periodic full decode still comes: at that repeat this
	 * returns {@code null} and the payload is copied and decoded.
	 * @param header the message's header
	 * @param payload the payload in the network buffers (indexes left as they are)
	 * @return the last snapshot if the payload repeats it, else {@code null}
	 */
	@Override
	public synchronized @Nullable Object recognize(MessageHeader header, ByteBuf payload) {
		TopologySnapshot previous = this.last;
		if (previous == null || payload.readableBytes() != this.lastLength || this.repeats >= FULL_DECODE_EVERY
				|| !isSnapshot(header) || fingerprint(payload) != this.lastFingerprint) {
			return null;
		}
		this.repeats++;
		this.skipped++;
		return previous;
	}

	private static boolean isSnapshot(MessageHeader header) {
		if (header.isAskReply()) {
			return false;
		}
		String target = header.target();
		if (!target.endsWith(CastyPaths.TOPOLOGY_SUBSCRIBER)) {
			return false;
		}
		try {
			return CastyPaths.pathOf(target).equals(CastyPaths.TOPOLOGY_SUBSCRIBER);
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	static long fingerprint(byte[] payload) {
		CRC32C crc = new CRC32C();
		crc.update(payload, 0, payload.length);
		return crc.getValue();
	}

	static long fingerprint(ByteBuf payload) {
		CRC32C crc = new CRC32C();
		int index = payload.readerIndex();
		int length = payload.readableBytes();
		if (payload.nioBufferCount() == 1) {
			crc.update(payload.nioBuffer(index, length));
		}
		else {
			for (ByteBuffer part : payload.nioBuffers(index, length)) {
				crc.update(part);
			}
		}
		return crc.getValue();
	}

}
