package io.casty.client.topology;

import java.util.zip.CRC32;
import java.util.zip.CRC32C;

import io.casty.client.protocol.codec.MessageCodec;
import io.casty.client.protocol.messages.TopologySnapshot;
import org.jspecify.annotations.Nullable;

/**
 * Decodes topology snapshots, except one whose bytes are those of the snapshot decoded last:
 * then it returns that same instance. Casty nodes push the whole cluster state about four
 * times a second whether it changed or not, and decoding it takes time and garbage linear in
 * the allocated shards (about 20 ms and 10 MB for 10,000 of them), so an idle client would
 * spend a good part of a core on unchanged snapshots.
 * <p>
 * Payloads are compared by length and a 64-bit fingerprint (CRC-32 and CRC-32C, both
 * computed by the CPU's instructions) rather than kept whole, which would hold another copy
 * of the topology. Should two different payloads ever share length and fingerprint, the
 * change would show at the next full decode: every {@value #FULL_DECODE_EVERY}th repeat is
 * decoded anyway.
 * <p>
 * Internal: wired by {@code ClientSession} (through the client's codecs); not API, may change
 * without notice.
 *
 * @since 0.1.0
 */
public final class SnapshotDecoder {

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

	static long fingerprint(byte[] payload) {
		CRC32 crc = new CRC32();
		crc.update(payload, 0, payload.length);
		CRC32C crcC = new CRC32C();
		crcC.update(payload, 0, payload.length);
		return (crc.getValue() << 32) | crcC.getValue();
	}

}
