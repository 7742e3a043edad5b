package io.casty.client.protocol.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

import io.casty.client.MessageCodecException;

/**
 * Casty's payload compression wrappers ({@code CompressedSerializer}): the serializer's
 * output is compressed whole, in the library's standard container, with no Casty header.
 * Decompression is bounded so a small frame cannot expand without limit.
 *
 * @since 0.1.0
 */
public enum Compression {

	/** No compression. */
	NONE,

	/** RFC 1950 zlib stream, as Python's {@code zlib.compress(data, level)}. */
	ZLIB,

	/** RFC 1952 gzip member, as Python's {@code gzip.compress(data, compresslevel=level)}. */
	GZIP;

	/** Casty's default compression level. */
	public static final int DEFAULT_LEVEL = 6;

	/**
	 * Compresses a payload.
	 * @param data the serializer's output
	 * @param level the level, 0-9
	 * @return the compressed bytes
	 */
	public byte[] compress(byte[] data, int level) {
		return switch (this) {
			case NONE -> data;
			case ZLIB -> deflate(data, level, false);
			case GZIP -> gzip(data, level);
		};
	}

	/**
	 * Decompresses a payload.
	 * @param data the payload as received
	 * @param maxBytes the largest decompressed size accepted
	 * @return the serializer's bytes
	 * @throws MessageCodecException if the data is not of this format or expands beyond the limit
	 */
	public byte[] decompress(byte[] data, int maxBytes) {
		if (this == NONE) {
			return data;
		}
		try (InputStream in = (this == ZLIB) ? new InflaterInputStream(new java.io.ByteArrayInputStream(data))
				: new GZIPInputStream(new java.io.ByteArrayInputStream(data))) {
			ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, Math.max(64, data.length * 4)));
			byte[] chunk = new byte[8192];
			int n;
			while ((n = in.read(chunk)) > 0) {
				if (out.size() + n > maxBytes) {
					throw new MessageCodecException(
							name().toLowerCase() + " payload expands beyond the limit of " + maxBytes + " bytes");
				}
				out.write(chunk, 0, n);
			}
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new MessageCodecException("Payload is not valid " + name().toLowerCase() + " data: " + ex.getMessage(),
					ex);
		}
	}

	private static byte[] deflate(byte[] data, int level, boolean raw) {
		Deflater deflater = new Deflater(level, raw);
		try {
			deflater.setInput(data);
			deflater.finish();
			ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
			byte[] chunk = new byte[Math.max(64, Math.min(data.length + 64, 65536))];
			while (!deflater.finished()) {
				int n = deflater.deflate(chunk);
				out.write(chunk, 0, n);
			}
			return out.toByteArray();
		}
		finally {
			deflater.end();
		}
	}

	private static byte[] gzip(byte[] data, int level) {
		byte[] body = deflate(data, level, true);
		long mtime = System.currentTimeMillis() / 1000;
		int xfl = (level == Deflater.BEST_COMPRESSION) ? 2 : (level == Deflater.BEST_SPEED) ? 4 : 0;
		CRC32 crc = new CRC32();
		crc.update(data);
		byte[] out = new byte[10 + body.length + 8];
		out[0] = 0x1f;
		out[1] = (byte) 0x8b;
		out[2] = 8;
		out[3] = 0;
		writeIntLe(out, 4, mtime);
		out[8] = (byte) xfl;
		out[9] = (byte) 0xff; // OS unknown, as Python writes it
		System.arraycopy(body, 0, out, 10, body.length);
		writeIntLe(out, 10 + body.length, crc.getValue());
		writeIntLe(out, 14 + body.length, data.length & 0xffffffffL);
		return out;
	}

	private static void writeIntLe(byte[] out, int offset, long value) {
		out[offset] = (byte) value;
		out[offset + 1] = (byte) (value >>> 8);
		out[offset + 2] = (byte) (value >>> 16);
		out[offset + 3] = (byte) (value >>> 24);
	}

}
