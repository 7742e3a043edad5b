package io.casty.client.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.casty.client.internal.ByteWords;
import io.casty.client.protocol.codec.Utf8;
import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads the JSON header of a message frame ({@code target}, {@code sender},
 * {@code type_hint}), the hot path of every inbound message. A header written exactly as
 * Casty writes it is read without a parser; anything else goes through a streaming parser
 * after a strict UTF-8 check. What it costs per message is kept small: a header in a direct
 * buffer is read through a per-thread scratch array; the sender and type hint, which
 * repeat from message to message, are handed out as the same {@link String} instances; and
 * a reply's target is kept as its ask id's two numbers after the same prefix string.
 *
 * @since 0.1.0
 */
final class MessageHeaderReader {

	private static final byte[] TARGET = "{\"target\": \"".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] SENDER = "\", \"sender\": \"".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] TYPE_HINT = "\", \"type_hint\": \"".getBytes(StandardCharsets.US_ASCII);

	/** Headers up to this size are read through the per-thread scratch array. */
	static final int MAX_SCRATCH = 8192;

	private static final FastThreadLocal<byte[]> SCRATCH = new FastThreadLocal<>() {

		@Override
		protected byte[] initialValue() {
			return new byte[512];
		}

	};

	/**
	 * Recently read senders and type hints, by a hash of their bytes. Racy on purpose: a
	 * {@code String} is immutable and safely published through its final fields, so a
	 * thread sees either a complete string or another slot's older one, and a miss only
	 * costs the allocation it would have made anyway.
	 */
	private static final String[] RECENT = new String[128];

	private MessageHeaderReader() {
	}

	/**
	 * Reads a header and skips its bytes.
	 * @param body the frame body, positioned at the header
	 * @param length the header's length in bytes
	 * @return the header
	 * @throws FrameDecodingException if the header is not a JSON object with the three
	 * string members in valid UTF-8
	 */
	static MessageHeader read(ByteBuf body, int length) {
		int start = body.readerIndex();
		byte[] bytes = bytesAt(body, start, length);
		int offset = offsetAt(body, start);
		body.skipBytes(length);
		MessageHeader exact = readExact(bytes, offset, length);
		return (exact != null) ? exact : readJson(bytes, offset, length);
	}

	/**
	 * An array holding the buffer's bytes {@code [index, index + length)} from
	 * {@link #offsetAt}: the buffer's own array, else a copy in a per-thread scratch array,
	 * valid until the thread's next call.
	 */
	static byte[] bytesAt(ByteBuf buf, int index, int length) {
		if (buf.hasArray()) {
			return buf.array();
		}
		byte[] bytes = scratch(length);
		buf.getBytes(index, bytes, 0, length);
		return bytes;
	}

	/** Where {@link #bytesAt} put the byte at {@code index}. */
	static int offsetAt(ByteBuf buf, int index) {
		return buf.hasArray() ? buf.arrayOffset() + index : 0;
	}

	/** A per-thread array of at least {@code length} bytes ({@link #MAX_SCRATCH} at most kept), valid until the thread's next call. */
	private static byte[] scratch(int length) {
		if (length > MAX_SCRATCH) {
			return new byte[length];
		}
		byte[] scratch = SCRATCH.get();
		if (scratch.length < length) {
			scratch = new byte[Math.max(length, Math.min(MAX_SCRATCH, scratch.length * 2))];
			SCRATCH.set(scratch);
		}
		return scratch;
	}

	/** Streams the three header members out of the JSON without building a tree. */
	private static MessageHeader readJson(byte[] bytes, int offset, int length) {
		if (!Utf8.isValid(bytes, offset, length)) {
			// Jackson accepts overlong and out-of-range sequences (C0 AF reads as '/'); Casty does not
			throw new FrameDecodingException("The message header is not valid UTF-8 JSON: malformed UTF-8 bytes");
		}
		String target = null;
		String sender = null;
		String typeHint = null;
		try (JsonParser parser = FrameCodec.JSON_FACTORY.createParser(bytes, offset, length)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new FrameDecodingException("The message header is not a JSON object");
			}
			String name;
			while ((name = parser.nextName()) != null) {
				JsonToken value = parser.nextToken();
				String text = (value == JsonToken.VALUE_STRING) ? parser.getString() : null;
				if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
					parser.skipChildren();
				}
				switch (name) {
					case "target" -> target = text;
					case "sender" -> sender = text;
					case "type_hint" -> typeHint = text;
					default -> {
					}
				}
			}
			if (parser.nextToken() != null) {
				throw new FrameDecodingException("The message header has trailing data after its JSON object");
			}
		}
		catch (JacksonException ex) {
			throw new FrameDecodingException("The message header is not valid UTF-8 JSON: " + ex.getOriginalMessage(),
					ex);
		}
		return new MessageHeader(require(target, "target"), require(sender, "sender"), require(typeHint, "type_hint"));
	}

	/**
	 * Reads a header written exactly as Casty writes it ({@code json.dumps} of the three
	 * members in order, plain ASCII without escapes) without a JSON parser.
	 * @return the header, or {@code null} when the bytes take any other form
	 */
	private static @Nullable MessageHeader readExact(byte[] bytes, int offset, int length) {
		long ends = exactEnds(bytes, offset, length);
		if (ends < 0) {
			return null;
		}
		// the target of a reply names its ask, new every time: kept as two numbers after the
		// text before them, which repeats
		int targetStart = offset + TARGET.length;
		int targetEnd = (int) (ends >>> 32);
		int senderStart = targetEnd + SENDER.length;
		int senderEnd = (int) ends;
		String sender = recent(bytes, senderStart, senderEnd - senderStart);
		int hintStart = senderEnd + TYPE_HINT.length;
		String typeHint = recent(bytes, hintStart, offset + length - 2 - hintStart);
		int askId = CastyPaths.askIdAt(bytes, targetStart, targetEnd);
		if (askId >= 0) {
			return new MessageHeader(recent(bytes, targetStart, askId - targetStart), CastyPaths.hex16(bytes, askId),
					CastyPaths.hex16(bytes, askId + 16), sender, typeHint);
		}
		return new MessageHeader(new String(bytes, targetStart, targetEnd - targetStart, StandardCharsets.ISO_8859_1),
				sender, typeHint);
	}

	/**
	 * Where the ask id of a reply's target starts, if the header is in the exact form Casty
	 * writes and its target is a reply path: what {@link #read} would give as an ask reply,
	 * found without making anything.
	 * @param bytes holds the header
	 * @param offset where the header starts
	 * @param length its length in bytes
	 * @return the index of the id's first hex digit in {@code bytes}, or {@code -1}
	 */
	static int exactReplyIdAt(byte[] bytes, int offset, int length) {
		long ends = exactEnds(bytes, offset, length);
		return (ends < 0) ? -1 : CastyPaths.askIdAt(bytes, offset + TARGET.length, (int) (ends >>> 32));
	}

	/**
	 * Where the target's and the sender's strings end (their closing quotes) in a header of
	 * Casty's exact form, the target's in the high half; {@code -1} for any other form.
	 */
	private static long exactEnds(byte[] bytes, int offset, int length) {
		int end = offset + length;
		int at = expect(bytes, offset, end, TARGET);
		int targetEnd = (at < 0) ? -1 : plainStringEnd(bytes, at, end);
		if (targetEnd < 0) {
			return -1;
		}
		at = expect(bytes, targetEnd, end, SENDER);
		int senderEnd = (at < 0) ? -1 : plainStringEnd(bytes, at, end);
		if (senderEnd < 0) {
			return -1;
		}
		at = expect(bytes, senderEnd, end, TYPE_HINT);
		int close = (at < 0) ? -1 : plainStringEnd(bytes, at, end);
		if (close < 0 || close + 2 != end || bytes[close + 1] != '}') {
			return -1;
		}
		return ((long) targetEnd << 32) | senderEnd;
	}

	/** The string of plain ASCII bytes, the same instance as last time when it repeats. */
	static String recent(byte[] bytes, int at, int length) {
		int hash = length;
		for (int i = at; i < at + length; i++) {
			hash = 31 * hash + bytes[i];
		}
		int slot = (hash ^ (hash >>> 16)) & (RECENT.length - 1);
		String last = RECENT[slot];
		if (last != null && sameAscii(last, bytes, at, length)) {
			return last;
		}
		String read = new String(bytes, at, length, StandardCharsets.ISO_8859_1);
		RECENT[slot] = read;
		return read;
	}

	private static boolean sameAscii(String text, byte[] bytes, int at, int length) {
		if (text.length() != length) {
			return false;
		}
		for (int i = 0; i < length; i++) {
			if (text.charAt(i) != bytes[at + i]) {
				return false;
			}
		}
		return true;
	}

	private static int expect(byte[] bytes, int at, int end, byte[] literal) {
		if (end - at < literal.length || !Arrays.equals(bytes, at, at + literal.length, literal, 0, literal.length)) {
			return -1;
		}
		return at + literal.length;
	}

	/** The index of the closing quote of a string of printable ASCII without escapes, or -1. */
	static int plainStringEnd(byte[] bytes, int at, int end) {
		int i = at;
		// a word at a time while no byte in it ends the string or breaks the form
		while (end - i >= ByteWords.SIZE && ByteWords.isPlainText(ByteWords.word(bytes, i))) {
			i += ByteWords.SIZE;
		}
		for (; i < end; i++) {
			byte b = bytes[i];
			if (b == '"') {
				return i;
			}
			if (b < 0x20 || b == '\\' || b == 0x7f) {
				return -1;
			}
		}
		return -1;
	}

	private static String require(@Nullable String value, String name) {
		if (value == null) {
			throw new FrameDecodingException("Message header lacks string '" + name + "'");
		}
		return value;
	}

}
