package io.casty.client.protocol.codec;

import io.casty.client.internal.ByteWords;

/**
 * Strict UTF-8 validation, as Python decodes: no overlong forms, no surrogates, nothing above
 * U+10FFFF. Jackson alone accepts some of those, Casty never does.
 *
 * @since 0.1.0
 */
public final class Utf8 {

	private Utf8() {
	}

	/**
	 * Whether a byte range is well-formed UTF-8.
	 * @param bytes the bytes
	 * @param offset where the range starts
	 * @param length how long it is
	 * @return whether it is valid
	 */
	public static boolean isValid(byte[] bytes, int offset, int length) {
		int i = offset;
		int end = offset + length;
		while (i < end) {
			// ASCII, most of what Casty sends, a word at a time
			if (end - i >= ByteWords.SIZE && ByteWords.isAscii(ByteWords.word(bytes, i))) {
				i += ByteWords.SIZE;
				continue;
			}
			int b = bytes[i];
			if (b >= 0) {
				i++;
				continue;
			}
			int lead = b & 0xff;
			int needed;
			int min;
			if (lead >= 0xc2 && lead <= 0xdf) {
				needed = 1;
				min = 0x80;
			}
			else if (lead >= 0xe0 && lead <= 0xef) {
				needed = 2;
				min = 0x800;
			}
			else if (lead >= 0xf0 && lead <= 0xf4) {
				needed = 3;
				min = 0x10000;
			}
			else {
				return false;
			}
			if (i + needed >= end) {
				return false;
			}
			int cp = lead & (0x3f >> needed);
			for (int k = 1; k <= needed; k++) {
				int c = bytes[i + k] & 0xff;
				if ((c & 0xc0) != 0x80) {
					return false;
				}
				cp = (cp << 6) | (c & 0x3f);
			}
			if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
				return false;
			}
			i += needed + 1;
		}
		return true;
	}

}
