package io.casty.client.internal;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ByteWords}' tests on eight bytes against the same test byte by byte: every byte
 * value at every position of an otherwise plain word, and random words.
 */
class ByteWordsTests {

	@Test
	void everyByteValueAtEveryPositionOfAPlainWordIsJudgedAsByteByByte() {
		for (int position = 0; position < ByteWords.SIZE; position++) {
			for (int value = 0; value < 256; value++) {
				byte[] bytes = "abcdefgh".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
				bytes[position] = (byte) value;
				long word = ByteWords.word(bytes, 0);
				assertThat(ByteWords.isPlainText(word)).as("0x%02x at %d", value, position).isEqualTo(plain(bytes));
				assertThat(ByteWords.isAscii(word)).as("0x%02x at %d", value, position).isEqualTo(value < 0x80);
			}
		}
	}

	@Test
	void randomWordsAreJudgedAsByteByByteAndReadInIndexOrder() {
		SplittableRandom random = new SplittableRandom(11);
		int plain = 0;
		for (int i = 0; i < 200_000; i++) {
			byte[] bytes = new byte[ByteWords.SIZE + 3];
			for (int k = 0; k < bytes.length; k++) {
				// mostly plain text, now and then any byte: words of both kinds
				bytes[k] = (byte) ((random.nextInt(16) == 0) ? random.nextInt(256) : 0x20 + random.nextInt(0x5f));
			}
			int at = random.nextInt(4);
			byte[] window = java.util.Arrays.copyOfRange(bytes, at, at + ByteWords.SIZE);
			long word = ByteWords.word(bytes, at);
			for (int k = 0; k < ByteWords.SIZE; k++) {
				assertThat((byte) (word >>> (8 * k))).isEqualTo(window[k]);
			}
			boolean expected = plain(window);
			plain += expected ? 1 : 0;
			assertThat(ByteWords.isPlainText(word)).as("%016x", word).isEqualTo(expected);
			boolean ascii = true;
			for (byte b : window) {
				ascii &= b >= 0;
			}
			assertThat(ByteWords.isAscii(word)).as("%016x", word).isEqualTo(ascii);
		}
		assertThat(plain).isBetween(1, 199_999);
	}

	private static boolean plain(byte[] bytes) {
		for (byte b : bytes) {
			if (b < 0x20 || b == 0x7f || b == '"' || b == '\\') {
				return false;
			}
		}
		return true;
	}

}
