package io.casty.client.protocol;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.casty.client.CastyMessage;
import io.casty.client.MessageCodecException;
import io.casty.client.UnknownMessageTypeException;
import io.casty.client.protocol.codec.Compression;
import io.casty.client.protocol.codec.MessageCodec;
import io.casty.client.protocol.codec.MessageTypeRegistry;
import io.casty.client.protocol.codec.PayloadFormat;
import io.casty.client.protocol.messages.ShardEnvelope;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link MessageEncoder} and {@link EncodedMessage}: a message is encoded once, with the
 * codec's bytes and type hint, and an unregistered or unencodable one fails at once with the
 * typed exception; its frame is the header written in front of the payload in the payload's
 * own buffer, and each buffer is released exactly once.
 */
class MessageEncoderTests {

	@CastyMessage("tests.messages.Add")
	record Add(int amount) {
	}

	record Unregistered(int amount) {
	}

	private final MessageCodec codec = new MessageCodec(registry());

	private final TrackingAllocator allocator = new TrackingAllocator();

	private final MessageEncoder encoder = new MessageEncoder(this.codec, this.allocator);

	private static MessageTypeRegistry registry() {
		MessageTypeRegistry registry = MessageTypeRegistry.withProtocolTypes();
		registry.register(Add.class);
		return registry;
	}

	@Test
	void encodesThePayloadAndTypeHintTheCodecGives() {
		EncodedMessage encoded = this.encoder.encode(new Add(5));
		assertThat(encoded.typeHint()).isEqualTo("tests.messages.Add");
		assertThat(encoded.payloadBytes()).isEqualTo(this.codec.encode(new Add(5)));
		assertThat(encoded.payloadSize()).isEqualTo(this.codec.encode(new Add(5)).length);
		assertThat(new String(encoded.payloadBytes(), StandardCharsets.UTF_8)).contains("\"amount\": 5");
		encoded.release();
		assertThat(this.allocator.unreleasedCount()).isZero();
	}

	@Test
	void encodesAnEntityMessageInItsShardEnvelope() {
		EncodedMessage encoded = this.encoder.encodeForEntity("alice", new Add(5));
		assertThat(encoded.typeHint()).isEqualTo(this.codec.typeHint(new ShardEnvelope("alice", new Add(5))));
		assertThat(encoded.payloadBytes()).isEqualTo(this.codec.encode(new ShardEnvelope("alice", new Add(5))));
		encoded.release();
	}

	@Test
	void anEntityMessageIsTheEnvelopesBytesInEveryFormatAndCompression() {
		for (PayloadFormat format : PayloadFormat.values()) {
			for (Compression compression : Compression.values()) {
				MessageCodec codec = new MessageCodec(registry(), format, compression, 6, 1 << 20);
				EncodedMessage encoded = new MessageEncoder(codec, this.allocator).encodeForEntity("bob",
						List.of(new Add(-3), "x", 2.5));
				ShardEnvelope envelope = new ShardEnvelope("bob", List.of(new Add(-3), "x", 2.5));
				assertThat(encoded.typeHint()).isEqualTo(codec.typeHint(envelope));
				assertThat(encoded.payloadBytes()).as("%s %s", format, compression).isEqualTo(codec.encode(envelope));
				encoded.release();
			}
		}
	}

	@Test
	void whenTheTypeIsNotRegisteredThenUnknownMessageTypeAtOnce() {
		assertThatExceptionOfType(UnknownMessageTypeException.class)
			.isThrownBy(() -> this.encoder.encode(new Unregistered(1)))
			.withMessageContaining("@CastyMessage");
		assertThatExceptionOfType(UnknownMessageTypeException.class)
			.isThrownBy(() -> this.encoder.encodeForEntity("alice", new Unregistered(1)));
		assertThat(this.allocator.allocatedCount()).isZero();
	}

	@Test
	void whenTheCodecCannotEncodeThenItFailsInTheCallerAndItsBufferIsReleased() {
		assertThatExceptionOfType(MessageCodecException.class).isThrownBy(() -> this.encoder.encode(new Object()))
			.withMessageContaining("Cannot send a java.lang.Object");
		assertThatExceptionOfType(MessageCodecException.class)
			.isThrownBy(() -> this.encoder.encodeForEntity("alice", List.of(1, new Object())));
		assertThat(this.allocator.allocatedCount()).isEqualTo(2);
		assertThat(this.allocator.unreleasedCount()).isZero();
	}

	@Test
	void aFrameIsTheHeaderWrittenInFrontOfThePayloadInItsOwnBuffer() {
		EncodedMessage encoded = this.encoder.encode(7);
		MessageHeader header = new MessageHeader("casty://demo@127.0.0.1:25602/user", "casty://demo@127.0.0.1:0/",
				encoded.typeHint());
		byte[] headerJson = FrameCodec.encodeHeader(header);
		ByteBuf copied = Unpooled.buffer();
		FrameCodec.writeMessage(headerJson, encoded, copied);

		ByteBuf frame = encoded.frame(headerJson);

		assertThat(frame.readableBytes()).isEqualTo(FrameCodec.messageFrameSize(headerJson, encoded));
		ByteBuf expected = Unpooled.buffer();
		FrameCodec.writeMessage(header, this.codec.encode(7), expected);
		assertThat(ByteBufUtil.getBytes(frame)).isEqualTo(ByteBufUtil.getBytes(expected))
			.isEqualTo(ByteBufUtil.getBytes(copied));
		assertThat(this.allocator.allocatedCount()).as("no buffer but the payload's").isEqualTo(1);
		assertThat(encoded.isEnded()).isTrue();
		frame.release();
		assertThat(this.allocator.unreleasedCount()).isZero();
	}

	@Test
	void whenTheHeaderDoesNotFitInFrontThenTheFrameIsACopyAndLaterMessagesGetMoreRoom() {
		EncodedMessage encoded = this.encoder.encode("hello");
		String longPath = "/" + "p".repeat(MessageEncoder.DEFAULT_HEADROOM);
		MessageHeader header = new MessageHeader("casty://demo@127.0.0.1:25602" + longPath, "casty://demo@127.0.0.1:0/",
				encoded.typeHint());
		byte[] headerJson = FrameCodec.encodeHeader(header);

		ByteBuf frame = encoded.frame(headerJson);

		ByteBuf expected = Unpooled.buffer();
		FrameCodec.writeMessage(header, this.codec.encode("hello"), expected);
		assertThat(ByteBufUtil.getBytes(frame)).isEqualTo(ByteBufUtil.getBytes(expected));
		assertThat(this.allocator.allocatedCount()).isEqualTo(2);
		assertThat(this.allocator.unreleasedCount()).as("only the frame").isEqualTo(1);
		frame.release();
		assertThat(this.encoder.headroom()).isGreaterThanOrEqualTo(FrameCodec.messagePrefixSize(headerJson));

		EncodedMessage next = this.encoder.encode("hello");
		next.frame(headerJson).release();
		assertThat(this.allocator.allocatedCount()).as("framed in place").isEqualTo(3);
		assertThat(this.allocator.unreleasedCount()).isZero();
	}

	@Test
	void aMessageIsFramedOrReleasedOnceWhicheverComesFirst() {
		byte[] headerJson = FrameCodec.encodeHeader(new MessageHeader("casty://demo@127.0.0.1:25602/user",
				"casty://demo@127.0.0.1:0/", "builtins.int"));
		EncodedMessage framed = this.encoder.encode(7);
		ByteBuf frame = framed.frame(headerJson);
		framed.release();
		assertThat(frame.refCnt()).as("releasing a framed message leaves the frame alone").isEqualTo(1);
		assertThatIllegalStateException().isThrownBy(() -> framed.frame(headerJson));
		assertThatIllegalStateException().isThrownBy(framed::payloadBytes);
		frame.release();

		EncodedMessage dropped = this.encoder.encode(7);
		dropped.release();
		dropped.release();
		assertThatIllegalStateException().isThrownBy(() -> dropped.frame(headerJson));
		assertThat(this.allocator.unreleasedCount()).isZero();
	}

}
