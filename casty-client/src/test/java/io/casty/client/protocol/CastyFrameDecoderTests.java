package io.casty.client.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * {@link CastyFrameDecoder} on an {@link EmbeddedChannel}: frames split and joined
 * arbitrarily, and every kind of bad frame reported as {@link Frame.Invalid} without
 * losing step with the stream or leaking buffers.
 */
class CastyFrameDecoderTests {

	private static final int MAX_FRAME_LENGTH = 256;

	private static final byte[] REPLY_INT = GoldenVectors.named("reply_int").bytes();

	private static final MessageHeader REPLY_INT_HEADER = new MessageHeader(
			"casty://wire-demo-client@127.0.0.1:0/_ask/5b6f6d9b84744629a5e2b9f8b4a075d8",
			"casty://wire-demo@127.0.0.1:25602/", "builtins.int");

	private static final String VALID_HEADER = "{\"target\": \"casty://s@h:1/a\", \"sender\": \"casty://c@h:2/\", "
			+ "\"type_hint\": \"builtins.int\"}";

	private final List<ByteBuf> written = new ArrayList<>();

	private EmbeddedChannel channel;

	@BeforeEach
	void openChannel() {
		this.channel = new EmbeddedChannel(new CastyFrameDecoder(MAX_FRAME_LENGTH));
	}

	@AfterEach
	void closeChannelAndCheckBuffersWereReleased() {
		assertThat(this.channel.finishAndReleaseAll()).as("undecoded frames left in the channel").isFalse();
		assertThat(this.written).allSatisfy((buf) -> assertThat(buf.refCnt()).as("refCnt of a written buffer").isZero());
	}

	@Test
	void whenFrameArrivesOneByteAtATimeThenItDecodesOnceComplete() {
		for (int i = 0; i < REPLY_INT.length; i++) {
			write(Arrays.copyOfRange(REPLY_INT, i, i + 1));
			if (i < REPLY_INT.length - 1) {
				assertThat((Object) this.channel.readInbound()).as("after %d bytes", i + 1).isNull();
			}
		}
		assertNextIsReplyInt();
		assertThat((Object) this.channel.readInbound()).isNull();
	}

	@Test
	void whenFrameIsTruncatedThenNothingIsEmittedUntilTheRestArrives() {
		write(Arrays.copyOfRange(REPLY_INT, 0, 3));
		assertThat((Object) this.channel.readInbound()).isNull();
		write(Arrays.copyOfRange(REPLY_INT, 3, 100));
		assertThat((Object) this.channel.readInbound()).isNull();
		write(Arrays.copyOfRange(REPLY_INT, 100, REPLY_INT.length - 1));
		assertThat((Object) this.channel.readInbound()).isNull();
		write(concat(Arrays.copyOfRange(REPLY_INT, REPLY_INT.length - 1, REPLY_INT.length), REPLY_INT));
		assertNextIsReplyInt();
		assertNextIsReplyInt();
	}

	@Test
	void whenChannelClosesWithAPartialFrameThenItsBufferIsReleased() {
		write(Arrays.copyOfRange(REPLY_INT, 0, 50));
		assertThat((Object) this.channel.readInbound()).isNull();
		// the @AfterEach check: finishAndReleaseAll() must release the held partial frame
	}

	@Test
	void whenManyFramesArriveInOneBufferThenEachIsDecoded() {
		write(concat(REPLY_INT, GoldenVectors.named("client_handshake").bytes(), REPLY_INT));
		assertNextIsReplyInt();
		assertThat((Frame) this.channel.readInbound()).isEqualTo(new Frame.Handshake("127.0.0.1", 0));
		assertNextIsReplyInt();
	}

	@Test
	void whenLengthIsZeroThenInvalidAndTheNextFrameInTheSameBufferDecodes() {
		write(concat(new byte[] { 0, 0, 0, 0 }, REPLY_INT));
		assertNextIsInvalid("length 0");
		assertNextIsReplyInt();
		assertThat(this.channel.isOpen()).isTrue();
	}

	@Test
	void whenOversizedFrameIsPresentWholeThenItIsSkippedAndTheNextFrameDecodes() {
		byte[] oversized = frame(Frame.TYPE_MESSAGE, filler(1000));
		write(concat(oversized, REPLY_INT));
		assertNextIsInvalid("Oversized frame", "256");
		assertNextIsReplyInt();
		assertThat((Object) this.channel.readInbound()).isNull();
		assertThat(this.channel.isOpen()).isTrue();
	}

	@Test
	void whenOversizedFrameArrivesInChunksThenItIsReportedOnceSkippedAndTheNextFrameDecodes() {
		byte[] stream = concat(frame(Frame.TYPE_MESSAGE, filler(1000)), REPLY_INT);
		write(Arrays.copyOfRange(stream, 0, 10));
		assertNextIsInvalid("Oversized frame");
		int offset = 10;
		while (offset < stream.length) {
			int end = Math.min(stream.length, offset + 97);
			write(Arrays.copyOfRange(stream, offset, end));
			if (end < stream.length) {
				assertThat((Object) this.channel.readInbound()).as("after %d bytes", end).isNull();
			}
			offset = end;
		}
		assertNextIsReplyInt();
		assertThat((Object) this.channel.readInbound()).isNull();
		assertThat(this.channel.isOpen()).isTrue();
	}

	@Test
	void whenLengthPrefixIsTheLargestUnsignedIntThenItIsReportedAsOversized() {
		write(new byte[] { (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2, 3 });
		assertNextIsInvalid("Oversized frame", "4294967299");
		assertThat(this.channel.isOpen()).isTrue();
	}

	@Test
	void whenFrameIsExactlyTheMaximumIncludingItsLengthPrefixThenItIsAccepted() {
		// maxFrameLength counts the 4-byte prefix (Netty semantics): N = max - 4 fits, N = max - 3 not
		byte[] fits = frame(0x02, filler(MAX_FRAME_LENGTH - 5));
		byte[] tooLong = frame(0x02, filler(MAX_FRAME_LENGTH - 4));
		assertThat(fits).hasSize(MAX_FRAME_LENGTH);
		write(concat(fits, tooLong, REPLY_INT));
		assertThat((Frame) this.channel.readInbound()).isEqualTo(new Frame.Unknown(0x02, MAX_FRAME_LENGTH - 5));
		assertNextIsInvalid("Oversized frame");
		assertNextIsReplyInt();
	}

	@Test
	void whenFrameTypeIsUnknownThenItIsSkippedAsUnknownAndTheNextFrameDecodes() {
		write(concat(frame(0x02, "ignored".getBytes(StandardCharsets.US_ASCII)), REPLY_INT));
		assertThat((Frame) this.channel.readInbound()).isEqualTo(new Frame.Unknown(0x02, 7));
		assertNextIsReplyInt();
	}

	@Test
	void whenHandshakePortIsANumericStringThenItIsAcceptedLikeCastysInt() {
		write(concat(handshake("{\"host\": \"10.0.0.5\", \"port\": \"25601\"}"), REPLY_INT));
		assertThat((Frame) this.channel.readInbound()).isEqualTo(new Frame.Handshake("10.0.0.5", 25601));
		assertNextIsReplyInt();
	}

	@Test
	void whenHandshakePortIsAtEitherEndOfItsRangeThenItIsAccepted() {
		write(concat(handshake("{\"host\": \"a\", \"port\": 0}"), handshake("{\"port\": 65535, \"host\": \"b\"}")));
		assertThat((Frame) this.channel.readInbound()).isEqualTo(new Frame.Handshake("a", 0));
		assertThat((Frame) this.channel.readInbound()).isEqualTo(new Frame.Handshake("b", 65535));
	}

	@Test
	void whenHeaderHasExtraKeysInAnotherOrderThenTheMessageStillDecodes() {
		byte[] header = ("{\"type_hint\": \"t\", \"extra\": [1, 2], \"sender\": \"s\", \"target\": \"casty://x/y\"}")
			.getBytes(StandardCharsets.UTF_8);
		write(message(header, new byte[] { '5' }));
		Frame frame = this.channel.readInbound();
		assertThat(frame).isInstanceOfSatisfying(Frame.Message.class, (message) -> {
			assertThat(message.header()).isEqualTo(new MessageHeader("casty://x/y", "s", "t"));
			assertThat(message.payload()).containsExactly('5');
		});
	}

	static Stream<Arguments> badFrames() {
		byte[] payload = { '5' };
		return Stream.of(
				arguments("invalid UTF-8 byte in header",
						message(concat(ascii("{\"target\": \"casty://s@h:1/"), new byte[] { (byte) 0xff },
								ascii("\", \"sender\": \"x\", \"type_hint\": \"y\"}")), payload),
						new String[] { "message header", "UTF-8" }),
				arguments("truncated UTF-8 sequence in header",
						message(concat(ascii("{\"target\": \"a"), new byte[] { (byte) 0xc3 },
								ascii("\", \"sender\": \"x\", \"type_hint\": \"y\"}")), payload),
						new String[] { "message header", "UTF-8" }),
				arguments("overlong UTF-8 encoding of '/' in header target (Python rejects it, Jackson alone reads '/')",
						message(concat(ascii("{\"target\": \"casty://s@h:1/a"), new byte[] { (byte) 0xc0, (byte) 0xaf },
								ascii("\", \"sender\": \"x\", \"type_hint\": \"y\"}")), payload),
						new String[] { "message header", "UTF-8" }),
				arguments("UTF-8 sequence beyond U+10FFFF in handshake host",
						handshake(concat(ascii("{\"host\": \"h"),
								new byte[] { (byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80 },
								ascii("\", \"port\": 1}"))),
						new String[] { "handshake", "UTF-8" }),
				arguments("UTF-8 encoded surrogate in header",
						message(concat(ascii("{\"target\": \"a"), new byte[] { (byte) 0xed, (byte) 0xa0, (byte) 0x80 },
								ascii("\", \"sender\": \"x\", \"type_hint\": \"y\"}")), payload),
						new String[] { "message header", "UTF-8" }),
				arguments("malformed header JSON", message(ascii("{\"target\": \"a\", \"sender\""), payload),
						new String[] { "message header is not valid UTF-8 JSON" }),
				arguments("trailing garbage after header JSON", message(ascii(VALID_HEADER + " x"), payload),
						new String[] { "message header is not valid UTF-8 JSON" }),
				arguments("header is a JSON array", message(ascii("[\"casty://s@h:1/a\", \"x\", \"y\"]"), payload),
						new String[] { "message header is not a JSON object" }),
				arguments("header is a JSON string", message(ascii("\"casty://s@h:1/a\""), payload),
						new String[] { "message header is not a JSON object" }),
				arguments("empty header", message(new byte[0], payload), new String[] { "message header" }),
				arguments("header lacks type_hint",
						message(ascii("{\"target\": \"casty://s@h:1/a\", \"sender\": \"x\"}"), payload),
						new String[] { "'type_hint'" }),
				arguments("header target is a number",
						message(ascii("{\"target\": 5, \"sender\": \"x\", \"type_hint\": \"y\"}"), payload),
						new String[] { "'target'" }),
				arguments("header sender is null",
						message(ascii("{\"target\": \"casty://s/a\", \"sender\": null, \"type_hint\": \"y\"}"), payload),
						new String[] { "'sender'" }),
				arguments("header length larger than the frame",
						frame(Frame.TYPE_MESSAGE, concat(int32(500), ascii(VALID_HEADER), payload)),
						new String[] { "header length 500", "exceeds" }),
				arguments("header length is the largest unsigned int",
						frame(Frame.TYPE_MESSAGE, concat(int32(-1), ascii(VALID_HEADER))),
						new String[] { "header length 4294967295" }),
				arguments("message frame too short for its header length",
						frame(Frame.TYPE_MESSAGE, new byte[] { 0, 0 }), new String[] { "too short" }),
				arguments("handshake is not JSON", handshake("host=a port=1"),
						new String[] { "handshake is not valid UTF-8 JSON" }),
				arguments("handshake is a JSON array", handshake("[\"a\", 1]"),
						new String[] { "handshake is not a JSON object" }),
				arguments("handshake lacks host", handshake("{\"port\": 25601}"), new String[] { "'host'" }),
				arguments("handshake host is a number", handshake("{\"host\": 127, \"port\": 25601}"),
						new String[] { "'host'" }),
				arguments("handshake lacks port", handshake("{\"host\": \"a\"}"), new String[] { "'port'" }),
				arguments("handshake port above 65535", handshake("{\"host\": \"a\", \"port\": 65536}"),
						new String[] { "outside 0-65535", "65536" }),
				arguments("handshake port negative", handshake("{\"host\": \"a\", \"port\": -1}"),
						new String[] { "outside 0-65535", "-1" }),
				arguments("handshake string port above 65535", handshake("{\"host\": \"a\", \"port\": \"99999\"}"),
						new String[] { "outside 0-65535", "99999" }),
				arguments("handshake port beyond int", handshake("{\"host\": \"a\", \"port\": 10000000000}"),
						new String[] { "'port' is not an integer" }),
				arguments("handshake port is a fraction", handshake("{\"host\": \"a\", \"port\": 25601.5}"),
						new String[] { "'port' is not an integer" }),
				arguments("handshake port is not a number", handshake("{\"host\": \"a\", \"port\": \"http\"}"),
						new String[] { "'port' is not an integer" }),
				arguments("handshake port is a boolean", handshake("{\"host\": \"a\", \"port\": true}"),
						new String[] { "'port' is not an integer" }));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badFrames")
	void whenFrameIsBadThenInvalidSaysWhyAndTheNextFrameStillDecodes(String description, byte[] bad,
			String[] messageParts) {
		write(concat(bad, REPLY_INT));
		assertNextIsInvalid(messageParts);
		assertNextIsReplyInt();
		assertThat((Object) this.channel.readInbound()).isNull();
		assertThat(this.channel.isOpen()).isTrue();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badFrames")
	void whenBadFrameArrivesInPiecesThenTheOutcomeIsTheSame(String description, byte[] bad, String[] messageParts) {
		byte[] stream = concat(bad, REPLY_INT);
		for (int offset = 0; offset < stream.length; offset += 7) {
			write(Arrays.copyOfRange(stream, offset, Math.min(stream.length, offset + 7)));
		}
		assertNextIsInvalid(messageParts);
		assertNextIsReplyInt();
		assertThat(this.channel.isOpen()).isTrue();
	}

	private void write(byte[] bytes) {
		ByteBuf buf = Unpooled.wrappedBuffer(bytes);
		this.written.add(buf);
		this.channel.writeInbound(buf);
	}

	private void assertNextIsReplyInt() {
		Frame frame = this.channel.readInbound();
		assertThat(frame).isInstanceOfSatisfying(Frame.Message.class, (message) -> {
			assertThat(message.header()).isEqualTo(REPLY_INT_HEADER);
			assertThat(message.payload()).containsExactly('5');
		});
	}

	private void assertNextIsInvalid(String... messageParts) {
		Frame frame = this.channel.readInbound();
		assertThat(frame).isInstanceOfSatisfying(Frame.Invalid.class,
				(invalid) -> assertThat(invalid.error()).hasMessageContainingAll(messageParts));
	}

	static byte[] frame(int type, byte[] body) {
		return concat(int32(body.length + 1), new byte[] { (byte) type }, body);
	}

	static byte[] message(byte[] header, byte[] payload) {
		return frame(Frame.TYPE_MESSAGE, concat(int32(header.length), header, payload));
	}

	static byte[] handshake(String json) {
		return handshake(json.getBytes(StandardCharsets.UTF_8));
	}

	static byte[] handshake(byte[] json) {
		return frame(Frame.TYPE_HANDSHAKE, json);
	}

	static byte[] int32(int value) {
		return ByteBuffer.allocate(4).putInt(value).array();
	}

	static byte[] ascii(String s) {
		return s.getBytes(StandardCharsets.US_ASCII);
	}

	static byte[] filler(int length) {
		byte[] bytes = new byte[length];
		Arrays.fill(bytes, (byte) 'x');
		return bytes;
	}

	static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

}
