package io.casty.client.protocol;

import java.nio.charset.StandardCharsets;

import io.casty.client.CastyMessage;
import io.casty.client.UnknownMessageTypeException;
import io.casty.client.protocol.codec.MessageCodec;
import io.casty.client.protocol.codec.MessageTypeRegistry;
import io.casty.client.protocol.messages.ShardEnvelope;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link MessageEncoder}: a message is encoded once, with the codec's bytes and type hint,
 * and an unregistered one fails at once with the typed exception.
 */
class MessageEncoderTests {

	@CastyMessage("tests.messages.Add")
	record Add(int amount) {
	}

	record Unregistered(int amount) {
	}

	private final MessageCodec codec = new MessageCodec(registry());

	private final MessageEncoder encoder = new MessageEncoder(this.codec);

	private static MessageTypeRegistry registry() {
		MessageTypeRegistry registry = MessageTypeRegistry.withProtocolTypes();
		registry.register(Add.class);
		return registry;
	}

	@Test
	void encodesThePayloadAndTypeHintTheCodecGives() {
		EncodedMessage encoded = this.encoder.encode(new Add(5));
		assertThat(encoded.typeHint()).isEqualTo("tests.messages.Add");
		assertThat(payload(encoded)).isEqualTo(this.codec.encode(new Add(5)));
		assertThat(new String(payload(encoded), StandardCharsets.UTF_8)).contains("\"amount\": 5");
	}

	@Test
	void encodesAnEntityMessageInItsShardEnvelope() {
		EncodedMessage encoded = this.encoder.encodeForEntity("alice", new Add(5));
		assertThat(encoded.typeHint()).isEqualTo(this.codec.typeHint(new ShardEnvelope("alice", new Add(5))));
		assertThat(payload(encoded)).isEqualTo(this.codec.encode(new ShardEnvelope("alice", new Add(5))));
	}

	@Test
	void whenTheTypeIsNotRegisteredThenUnknownMessageTypeAtOnce() {
		assertThatExceptionOfType(UnknownMessageTypeException.class)
			.isThrownBy(() -> this.encoder.encode(new Unregistered(1)))
			.withMessageContaining("@CastyMessage");
		assertThatExceptionOfType(UnknownMessageTypeException.class)
			.isThrownBy(() -> this.encoder.encodeForEntity("alice", new Unregistered(1)));
	}

	@Test
	void framesTheEncodedPayloadAfterTheHeader() {
		EncodedMessage encoded = this.encoder.encode(7);
		MessageHeader header = new MessageHeader("casty://demo@127.0.0.1:25602/user", "casty://demo@127.0.0.1:0/",
				encoded.typeHint());
		byte[] headerJson = FrameCodec.encodeHeader(header);
		ByteBuf out = Unpooled.buffer();
		FrameCodec.writeMessage(headerJson, encoded, out);
		assertThat(out.readableBytes()).isEqualTo(FrameCodec.messageFrameSize(headerJson, encoded));
		ByteBuf expected = Unpooled.buffer();
		FrameCodec.writeMessage(header, this.codec.encode(7), expected);
		assertThat(ByteBufUtil.getBytes(out)).isEqualTo(ByteBufUtil.getBytes(expected));
	}

	private static byte[] payload(EncodedMessage encoded) {
		ByteBuf out = Unpooled.buffer();
		encoded.writePayload(out);
		return ByteBufUtil.getBytes(out);
	}

}
