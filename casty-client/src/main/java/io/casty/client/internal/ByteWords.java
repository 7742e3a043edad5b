package io.casty.client.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Tests on eight bytes at once, read as one {@code long}: scanning the text of a frame
 * (headers, payloads) skips a word at a time while no byte in it needs a closer look, then
 * goes on byte by byte. Each test is exact: it says a word has such a byte if and only if
 * it has one.
 *
 * @since 0.1.0
 */
public final class ByteWords {

	/** How many bytes a word holds. */
	public static final int SIZE = Long.BYTES;

	private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class,
			ByteOrder.LITTLE_ENDIAN);

	private static final long ONES = 0x0101010101010101L;

	private static final long HIGH_BITS = 0x8080808080808080L;

	private static final long QUOTES = ONES * '"';

	private static final long BACKSLASHES = ONES * '\\';

	private static final long DELETES = ONES * 0x7f;

	private static final long SPACES = ONES * 0x20;

	private ByteWords() {
	}

	/**
	 * The eight bytes from an index, the first in the lowest bits.
	 * @param bytes the bytes; at least eight from {@code at}
	 * @param at the index of the first
	 * @return the word
	 */
	public static long word(byte[] bytes, int at) {
		return (long) WORDS.get(bytes, at);
	}

	/**
	 * Whether every byte of a word is ASCII (below 0x80).
	 * @param word eight bytes
	 * @return whether none has its high bit set
	 */
	public static boolean isAscii(long word) {
		return (word & HIGH_BITS) == 0;
	}

	/**
	 * Whether every byte of a word is printable ASCII other than a quote and a backslash
	 * (0x20-0x7e): text a JSON string holds as is, without its end or an escape.
	 * @param word eight bytes
	 * @return whether all eight are such bytes
	 */
	public static boolean isPlainText(long word) {
		long special = (word & HIGH_BITS) | below(word, SPACES) | zeroByte(word ^ QUOTES) | zeroByte(word ^ BACKSLASHES)
				| zeroByte(word ^ DELETES);
		return special == 0;
	}

	/** Non-zero if and only if some byte is zero. */
	private static long zeroByte(long word) {
		return (word - ONES) & ~word & HIGH_BITS;
	}

	/** Non-zero if and only if some byte is below the one repeated in {@code bound} (at most 0x80). */
	private static long below(long word, long bound) {
		return (word - bound) & ~word & HIGH_BITS;
	}

}
