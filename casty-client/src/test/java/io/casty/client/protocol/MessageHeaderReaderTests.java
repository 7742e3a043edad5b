package io.casty.client.protocol;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link MessageHeaderReader} reading headers from heap and direct buffers of any size,
 * in Casty's exact form and in any other JSON form, and reusing repeated senders and type
 * hints.
 */
class MessageHeaderReaderTests {

	private static final MessageHeader HEADER = new MessageHeader(
			"casty://bench-client@127.0.0.1:41234/_ask/0123456789abcdef0123456789abcdef",
			"casty://bench@127.0.0.1:25711/", "builtins.int");

	@Test
	void whenHeaderIsInADirectOrAHeapBufferThenBothReadTheSameAndSkipIt() {
		byte[] json = FrameCodec.encodeHeader(HEADER);
		for (ByteBuf buf : new ByteBuf[] { Unpooled.directBuffer().writeBytes(json).writeByte(7),
				Unpooled.buffer().writeBytes(json).writeByte(7) }) {
			try {
				assertThat(MessageHeaderReader.read(buf, json.length)).isEqualTo(HEADER);
				assertThat(buf.readByte()).isEqualTo((byte) 7);
			}
			finally {
				buf.release();
			}
		}
	}

	@Test
	void whenHeadersAreLargerThanTheScratchArrayOrItsLimitThenTheyAreReadWhole() {
		for (int size : new int[] { 600, 5000, MessageHeaderReader.MAX_SCRATCH + 100 }) {
			MessageHeader large = new MessageHeader("casty://bench@127.0.0.1:25711/" + "x".repeat(size),
					"casty://bench-client@127.0.0.1:41234/", "bench.Ping");
			assertThat(readDirect(FrameCodec.encodeHeader(large))).isEqualTo(large);
			// a smaller one after it, through the grown scratch array, is not mixed with it
			assertThat(readDirect(FrameCodec.encodeHeader(HEADER))).isEqualTo(HEADER);
		}
	}

	@Test
	void whenSenderAndTypeHintRepeatThenTheSameStringsAreHandedOutAndTheTargetIsNew() {
		MessageHeader first = readDirect(FrameCodec.encodeHeader(HEADER));
		MessageHeader second = readDirect(FrameCodec.encodeHeader(HEADER));
		assertThat(second).isEqualTo(first);
		assertThat(second.sender()).isSameAs(first.sender());
		assertThat(second.typeHint()).isSameAs(first.typeHint());
		assertThat(second.target()).isNotSameAs(first.target());
	}

	@Test
	void whenManyDifferentTypeHintsShareTheSlotsThenEachIsReadAsWritten() {
		for (int round = 0; round < 2; round++) {
			for (int i = 0; i < 1000; i++) {
				MessageHeader header = new MessageHeader(HEADER.target(), "casty://bench@127.0.0.1:" + (20000 + i) + "/",
						"bench.Type" + i);
				assertThat(readDirect(FrameCodec.encodeHeader(header))).isEqualTo(header);
			}
		}
	}

	@Test
	void whenTheTargetIsAReplyPathThenItsAskIdIsReadAsTwoNumbersAndTheTargetReadsTheSame() {
		MessageHeader read = readDirect(FrameCodec.encodeHeader(HEADER));
		assertThat(read.isAskReply()).isTrue();
		assertThat(read.askIdHigh()).isEqualTo(0x0123456789abcdefL);
		assertThat(read.askIdLow()).isEqualTo(0x0123456789abcdefL);
		assertThat(read.target()).isEqualTo(HEADER.target());
		assertThat(read).isEqualTo(HEADER).hasSameHashCodeAs(HEADER);
		assertThat(FrameCodec.encodeHeader(read)).isEqualTo(FrameCodec.encodeHeader(HEADER));
	}

	@Test
	void whenATargetOnlyLooksLikeAReplyPathThenItIsReadAsTextAsItWouldBeFromAString() {
		String base = "casty://bench-client@127.0.0.1:41234";
		String hex = "0123456789abcdef0123456789abcdef";
		String[] targets = { base + "/_ask/" + hex.toUpperCase(java.util.Locale.ROOT), base + "/_ask/" + hex.substring(2),
				base + "/_ask/" + hex + "00", base + "/_ask/" + hex.substring(1) + "z", base + "/_asks/" + hex,
				base + "/_ask/" + hex + "/", "/_ask/" + hex, "/_ask/x" + hex, base + "/_topology_sub" };
		for (String target : targets) {
			MessageHeader written = new MessageHeader(target, "casty://bench@127.0.0.1:25711/", "builtins.int");
			MessageHeader read = readDirect(FrameCodec.encodeHeader(written));
			assertThat(read).as(target).isEqualTo(written);
			assertThat(read.target()).isEqualTo(target);
			assertThat(read.isAskReply()).as(target).isEqualTo(written.isAskReply())
				.isEqualTo(target.equals("/_ask/" + hex));
		}
	}

	@Test
	void theEndOfAPlainStringIsFoundAsByteByByteWhereverTheQuoteOrABadByteIs() {
		java.util.SplittableRandom random = new java.util.SplittableRandom(3);
		for (int i = 0; i < 100_000; i++) {
			byte[] bytes = new byte[random.nextInt(48)];
			for (int k = 0; k < bytes.length; k++) {
				// printable ASCII, now and then a quote, a backslash or any byte
				bytes[k] = (byte) ((random.nextInt(20) == 0) ? random.nextInt(256) : 0x20 + random.nextInt(0x5f));
			}
			int at = (bytes.length == 0) ? 0 : random.nextInt(bytes.length);
			int end = at + random.nextInt(bytes.length - at + 1);
			assertThat(MessageHeaderReader.plainStringEnd(bytes, at, end))
				.as("%s [%d, %d)", java.util.HexFormat.of().formatHex(bytes), at, end)
				.isEqualTo(plainStringEndByteByByte(bytes, at, end));
		}
	}

	private static int plainStringEndByteByByte(byte[] bytes, int at, int end) {
		for (int i = at; i < end; i++) {
			if (bytes[i] == '"') {
				return i;
			}
			if (bytes[i] < 0x20 || bytes[i] == '\\' || bytes[i] == 0x7f) {
				return -1;
			}
		}
		return -1;
	}

	@Test
	void whenHeaderIsJsonInAnotherFormThenItIsParsed() {
		byte[] json = "{\"type_hint\":\"builtins.int\",\"extra\":[1,{\"a\":2}],\"sender\":\"s\",\"target\":\"t\\u00e9\"}"
			.getBytes(StandardCharsets.UTF_8);
		assertThat(readDirect(json)).isEqualTo(new MessageHeader("t\u00e9", "s", "builtins.int"));
	}

	@Test
	void whenHeaderLacksAMemberOrIsMalformedThenItIsRejected() {
		assertThatExceptionOfType(FrameDecodingException.class)
			.isThrownBy(() -> readDirect("{\"target\": \"t\", \"sender\": \"s\"}".getBytes(StandardCharsets.US_ASCII)))
			.withMessageContaining("type_hint");
		assertThatExceptionOfType(FrameDecodingException.class)
			.isThrownBy(() -> readDirect(new byte[] { '{', '"', (byte) 0xC0, (byte) 0xAF, '"', '}' }))
			.withMessageContaining("UTF-8");
		assertThatExceptionOfType(FrameDecodingException.class)
			.isThrownBy(() -> readDirect("{\"target\": \"t\", \"sender\": \"s\", \"type_hint\": \"h\"} {}"
				.getBytes(StandardCharsets.US_ASCII)))
			.withMessageContaining("trailing");
	}

	private static MessageHeader readDirect(byte[] json) {
		ByteBuf buf = Unpooled.directBuffer(json.length).writeBytes(json);
		try {
			return MessageHeaderReader.read(buf, json.length);
		}
		finally {
			buf.release();
		}
	}

}
