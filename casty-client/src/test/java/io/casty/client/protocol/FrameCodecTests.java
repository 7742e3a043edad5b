package io.casty.client.protocol;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link FrameCodec} writing frames exactly as Casty does and refusing what Casty could not
 * read.
 */
class FrameCodecTests {

	private static final MessageHeader HEADER = new MessageHeader("casty://wire-demo@127.0.0.1:25602/_region-counter",
			"casty://wire-demo-client@127.0.0.1:0/", "builtins.int");

	@Test
	void whenPayloadWriterAppendsNothingThenIllegalStateAndTheBufferIsUnchanged() {
		ByteBuf out = Unpooled.buffer();
		out.writeBytes(new byte[] { 1, 2, 3 });
		byte[] before = ByteBufUtil.getBytes(out);
		assertThatIllegalStateException().isThrownBy(() -> FrameCodec.writeMessage(HEADER, (buf) -> {
		}, out)).withMessageContaining("payload");
		assertThatIllegalStateException().isThrownBy(() -> FrameCodec.writeMessage(HEADER, new byte[0], out));
		assertThat(ByteBufUtil.getBytes(out)).isEqualTo(before);
		assertThat(out.writerIndex()).isEqualTo(3);
	}

	@Test
	void whenPayloadWriterFailsThenTheExceptionPropagatesAndTheBufferIsUnchanged() {
		ByteBuf out = Unpooled.buffer();
		out.writeByte(9);
		IllegalArgumentException failure = new IllegalArgumentException("cannot encode");
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> FrameCodec.writeMessage(HEADER, (buf) -> {
			buf.writeBytes(new byte[] { 'x', 'y' });
			throw failure;
		}, out)).isSameAs(failure);
		assertThat(ByteBufUtil.getBytes(out)).containsExactly(9);
	}

	@Test
	void whenMessageIsWrittenAfterOtherBytesThenItsLengthsCountOnlyItsOwnBytes() {
		ByteBuf out = Unpooled.buffer();
		out.writeBytes(new byte[] { 7, 7 });
		FrameCodec.writeMessage(HEADER, new byte[] { '5' }, out);
		out.skipBytes(2);
		byte[] frame = ByteBufUtil.getBytes(out);
		String header = FrameCodec.headerJson(HEADER);
		assertThat(readInt(frame, 0)).isEqualTo(frame.length - 4);
		assertThat(frame[4]).isEqualTo(Frame.TYPE_MESSAGE);
		assertThat(readInt(frame, 5)).isEqualTo(header.length());
		assertThat(new String(frame, 9, header.length(), StandardCharsets.US_ASCII)).isEqualTo(header);
		assertThat(frame[frame.length - 1]).isEqualTo((byte) '5');
		assertThat(FrameCodec.decodeWhole(Unpooled.wrappedBuffer(frame)))
			.isInstanceOfSatisfying(Frame.Message.class, (message) -> {
				assertThat(message.header()).isEqualTo(HEADER);
				assertThat(message.payload()).containsExactly('5');
			});
	}

	@Test
	void whenHandshakeHostIsNonAsciiThenItIsEscapedLikePythonJsonDumps() {
		ByteBuf out = Unpooled.buffer();
		FrameCodec.writeHandshake("hôst-ü\uD83D\uDE00.例え", 25601, out);
		// python3: json.dumps({"host": "hôst-ü😀.例え", "port": 25601}), framed
		assertThat(HexFormat.of().formatHex(ByteBufUtil.getBytes(out))).isEqualTo(
				"00000045007b22686f7374223a2022685c753030663473742d5c75303066635c75643833645c75646530302e5c75346638625c7533303438222c2022706f7274223a2032353630317d");
		assertThat(FrameCodec.decodeWhole(out)).isEqualTo(new Frame.Handshake("hôst-ü\uD83D\uDE00.例え", 25601));
	}

	@Test
	void whenHandshakeDeclaresPipelinedThenItIsWrittenAsAThirdKeyAndDecoded() {
		ByteBuf out = Unpooled.buffer();
		FrameCodec.writeHandshake("127.0.0.1", 25611, true, out);
		byte[] bytes = ByteBufUtil.getBytes(out);
		// python3: json.dumps({"host": "127.0.0.1", "port": 25611, "pipelined": True}); Casty reads host and port
		assertThat(new String(bytes, 5, bytes.length - 5, StandardCharsets.UTF_8))
			.isEqualTo("{\"host\": \"127.0.0.1\", \"port\": 25611, \"pipelined\": true}");
		assertThat(FrameCodec.decodeWhole(out)).isEqualTo(new Frame.Handshake("127.0.0.1", 25611, true));
		// the other form, read through the tree
		assertThat(decodeHandshake("{\"host\": \"h\", \"port\": \"1\", \"pipelined\": true}"))
			.isEqualTo(new Frame.Handshake("h", 1, true));
	}

	@Test
	void whenHandshakeDeclaresNothingOrNotTrueThenItIsNotPipelined() {
		for (String json : java.util.List.of("{\"host\": \"h\", \"port\": 1}",
				"{\"host\": \"h\", \"port\": 1, \"pipelined\": \"true\"}",
				"{\"host\": \"h\", \"port\": 1, \"pipelined\": false}",
				"{\"host\": \"h\", \"port\": 1, \"pipelined\": {\"a\": true}}",
				"{\"host\": \"h\", \"port\": 1, \"pipelined\": true, \"pipelined\": 1}",
				"{\"host\": \"h\", \"port\": \"1\", \"pipelined\": 1}")) {
			assertThat(decodeHandshake(json)).as(json).isEqualTo(new Frame.Handshake("h", 1, false));
		}
	}

	@Test
	void whenHandshakeTakesAnotherFormThanCastysThenItIsReadAsBefore() {
		// the usual form is streamed; these go through the tree, whose mapper is built on first use
		assertThat(decodeHandshake("{\"host\": \"127.0.0.1\", \"port\": 25601}"))
			.isEqualTo(new Frame.Handshake("127.0.0.1", 25601));
		assertThat(decodeHandshake("{\"port\":25601,\"host\":\"h\"}")).isEqualTo(new Frame.Handshake("h", 25601));
		assertThat(decodeHandshake(" {\"x\": {\"host\": 1, \"port\": [2]}, \"host\": \"h\", \"port\": 0, \"y\": null} "))
			.isEqualTo(new Frame.Handshake("h", 0));
		assertThat(decodeHandshake("{\"host\": \"h\u00f4st\", \"port\": \"25601\"}"))
			.isEqualTo(new Frame.Handshake("h\u00f4st", 25601));
		assertThat(decodeHandshake("{\"host\": \"a\", \"port\": 1, \"host\": \"b\", \"port\": 2}"))
			.isEqualTo(new Frame.Handshake("b", 2));
		assertThat(decodeHandshake("{\"host\": \"a\", \"port\": 65535}")).isEqualTo(new Frame.Handshake("a", 65535));
		assertThatExceptionOfType(FrameDecodingException.class)
			.isThrownBy(() -> decodeHandshake("{\"host\": \"a\", \"port\": 1} {}"))
			.withMessageStartingWith("The handshake is not valid UTF-8 JSON: Trailing token");
		assertThatExceptionOfType(FrameDecodingException.class)
			.isThrownBy(() -> decodeHandshake("{\"host\": \"a\", \"port\": NaN}"))
			.withMessageStartingWith("The handshake is not valid UTF-8 JSON: Non-standard token 'NaN'");
		assertThatExceptionOfType(FrameDecodingException.class)
			.isThrownBy(() -> decodeHandshake("{\"host\": \"a\", \"port\": 1, \"port\": 70000}"))
			.withMessage("Handshake 'port' is outside 0-65535: 70000");
	}

	private static Frame decodeHandshake(String json) {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		ByteBuf frame = Unpooled.buffer();
		frame.writeInt(body.length + 1);
		frame.writeByte(Frame.TYPE_HANDSHAKE);
		frame.writeBytes(body);
		return FrameCodec.decodeWhole(frame);
	}

	@Test
	void whenHandshakeIsWrittenThenItMatchesTheCapturedClientHandshake() {
		ByteBuf out = Unpooled.buffer();
		FrameCodec.writeHandshake("127.0.0.1", 0, out);
		assertThat(ByteBufUtil.getBytes(out)).isEqualTo(GoldenVectors.named("client_handshake").bytes());
	}

	@Test
	void whenHeaderHasNonAsciiAndControlCharactersThenHeaderJsonEscapesThemLikePython() {
		MessageHeader header = new MessageHeader("casty://sys@hé:1/päth\n", "casty://c@h:2/", "m.Ü");
		// python3: json.dumps({"target": ..., "sender": ..., "type_hint": ...})
		assertThat(FrameCodec.headerJson(header)).isEqualTo("{\"target\": \"casty://sys@h\\u00e9:1/p\\u00e4th\\n\", "
				+ "\"sender\": \"casty://c@h:2/\", \"type_hint\": \"m.\\u00dc\"}");
		ByteBuf out = Unpooled.buffer();
		FrameCodec.writeMessage(header, new byte[] { 'n', 'u', 'l', 'l' }, out);
		assertThat(((Frame.Message) FrameCodec.decodeWhole(out)).header()).isEqualTo(header);
	}

	@Test
	void whenLengthPrefixSaysMoreThanFollowsThenDecodeWholeRejectsIt() {
		byte[] frame = GoldenVectors.named("reply_int").bytes();
		byte[] truncated = java.util.Arrays.copyOf(frame, frame.length - 1);
		assertThatExceptionOfType(FrameDecodingException.class)
			.isThrownBy(() -> FrameCodec.decodeWhole(Unpooled.wrappedBuffer(truncated)))
			.withMessageContainingAll("171", "170");
	}

	@Test
	void whenLengthPrefixSaysLessThanFollowsThenDecodeWholeRejectsIt() {
		byte[] frame = GoldenVectors.named("reply_int").bytes();
		byte[] longer = CastyFrameDecoderTests.concat(frame, new byte[] { 0 });
		assertThatExceptionOfType(FrameDecodingException.class)
			.isThrownBy(() -> FrameCodec.decodeWhole(Unpooled.wrappedBuffer(longer)))
			.withMessageContainingAll("171", "172");
	}

	@Test
	void whenFewerThanFourBytesThenDecodeWholeRejectsIt() {
		assertThatExceptionOfType(FrameDecodingException.class)
			.isThrownBy(() -> FrameCodec.decodeWhole(Unpooled.wrappedBuffer(new byte[] { 0, 0, 1 })))
			.withMessageContaining("no length prefix");
	}

	@Test
	void whenFrameIsEmptyThenDecodeRejectsIt() {
		assertThatExceptionOfType(FrameDecodingException.class)
			.isThrownBy(() -> FrameCodec.decodeWhole(Unpooled.wrappedBuffer(new byte[] { 0, 0, 0, 0 })))
			.withMessageContaining("length 0");
	}

	@Test
	void whenFrameTypeIsUnknownThenDecodeConsumesItAsUnknown() {
		ByteBuf body = Unpooled.wrappedBuffer(new byte[] { 0x07, 1, 2, 3 });
		assertThat(FrameCodec.decode(body)).isEqualTo(new Frame.Unknown(7, 3));
		assertThat(body.isReadable()).isFalse();
	}

	private static int readInt(byte[] bytes, int offset) {
		return Unpooled.wrappedBuffer(bytes).getInt(offset);
	}

}
