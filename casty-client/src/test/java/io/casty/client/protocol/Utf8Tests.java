package io.casty.client.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import io.casty.client.protocol.codec.Utf8;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Utf8Tests {

	@Test
	void agreesWithTheJdksStrictDecoderOnRandomBytes() {
		SplittableRandom random = new SplittableRandom(42);
		int valid = 0;
		for (int i = 0; i < 200_000; i++) {
			byte[] bytes = new byte[1 + random.nextInt(8)];
			for (int k = 0; k < bytes.length; k++) {
				// bias towards multi-byte lead and continuation bytes
				bytes[k] = (byte) (random.nextBoolean() ? 0x80 + random.nextInt(0x80) : random.nextInt(256));
			}
			boolean expected = strictlyDecodes(bytes);
			valid += expected ? 1 : 0;
			assertThat(Utf8.isValid(bytes, 0, bytes.length)).as("%s", java.util.HexFormat.of().formatHex(bytes))
				.isEqualTo(expected);
		}
		assertThat(valid).isPositive();
	}

	@Test
	void rejectsOverlongSurrogatesAndBeyondU10ffffAndHonoursTheRange() {
		assertThat(Utf8.isValid(new byte[] { (byte) 0xc0, (byte) 0xaf }, 0, 2)).isFalse();
		assertThat(Utf8.isValid(new byte[] { (byte) 0xed, (byte) 0xa0, (byte) 0x80 }, 0, 3)).isFalse();
		assertThat(Utf8.isValid(new byte[] { (byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80 }, 0, 4)).isFalse();
		byte[] text = "xé🚀y".getBytes(StandardCharsets.UTF_8);
		assertThat(Utf8.isValid(text, 0, text.length)).isTrue();
		assertThat(Utf8.isValid(text, 0, 2)).isFalse();
		assertThat(Utf8.isValid(text, 1, 2)).isTrue();
	}

	@Test
	void agreesWithTheJdksStrictDecoderOnLongMostlyAsciiRangesAtEveryOffset() {
		// long enough for whole eight-byte words, with the odd byte anywhere in or after one
		SplittableRandom random = new SplittableRandom(7);
		int valid = 0;
		for (int i = 0; i < 100_000; i++) {
			byte[] bytes = new byte[random.nextInt(70)];
			for (int k = 0; k < bytes.length; k++) {
				bytes[k] = (byte) ((random.nextInt(24) == 0) ? 0x80 + random.nextInt(0x80) : random.nextInt(0x80));
			}
			int offset = (bytes.length == 0) ? 0 : random.nextInt(bytes.length);
			int length = random.nextInt(bytes.length - offset + 1);
			boolean expected = strictlyDecodes(java.util.Arrays.copyOfRange(bytes, offset, offset + length));
			valid += expected ? 1 : 0;
			assertThat(Utf8.isValid(bytes, offset, length))
				.as("%s [%d, +%d)", java.util.HexFormat.of().formatHex(bytes), offset, length)
				.isEqualTo(expected);
		}
		assertThat(valid).isBetween(1, 99_999);
	}

	@Test
	void aBadByteAfterAnyNumberOfAsciiBytesIsFoundAndARangeEndingBeforeItIsValid() {
		for (int ascii = 0; ascii <= 40; ascii++) {
			byte[] bytes = new byte[ascii + 1];
			java.util.Arrays.fill(bytes, (byte) 'a');
			bytes[ascii] = (byte) 0xff;
			assertThat(Utf8.isValid(bytes, 0, bytes.length)).as("after %d", ascii).isFalse();
			assertThat(Utf8.isValid(bytes, 0, ascii)).as("up to %d", ascii).isTrue();
		}
	}

	private static boolean strictlyDecodes(byte[] bytes) {
		try {
			StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

}
