package io.casty.client.distributed;

import io.casty.client.ActorRef;
import io.casty.client.protocol.Frame;
import io.casty.client.protocol.FrameCodec;
import io.casty.client.protocol.MessageHeader;
import io.casty.client.protocol.codec.MessageCodec;
import io.casty.client.protocol.codec.MessageTypeRegistry;
import io.casty.client.streams.StreamMessages;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stream messages the client sends are byte for byte those Casty v0.21.0's client sent
 * to a real node's {@code stream_producer}; what the producer sent decodes.
 */
class StreamVectorTests {

	private static final MessageCodec CODEC = new MessageCodec(
			MessageTypeRegistry.withProtocolTypes().register(StreamMessages.class));

	@Test
	void subscribeDemandAndCancelAreTheCapturedFrames() {
		Frame.Message subscribe = frame("stream_subscribe_to_node");
		ActorRef<Object> consumer = ActorRef.parse("casty://dist-demo-client@127.0.0.1:0/numbers-consumer");
		assertThat(reencode(subscribe, new StreamMessages.Subscribe(consumer, 0)))
			.isEqualTo(DistributedVectors.named("stream_subscribe_to_node").bytes());
		assertThat(reencode(frame("stream_streamdemand_to_node"), new StreamMessages.StreamDemand(2)))
			.isEqualTo(DistributedVectors.named("stream_streamdemand_to_node").bytes());
		assertThat(reencode(frame("stream_streamcancel_to_node"), new StreamMessages.StreamCancel()))
			.isEqualTo(DistributedVectors.named("stream_streamcancel_to_node").bytes());
	}

	@Test
	void producerFramesDecode() {
		assertThat(CODEC.decode(frame("stream_streamelement_to_client").payload()))
			.isEqualTo(new StreamMessages.StreamElement(1));
		assertThat(CODEC.decode(frame("stream_streamcompleted_to_client").payload()))
			.isEqualTo(new StreamMessages.StreamCompleted());
		assertThat(frame("stream_streamelement_to_client").header().targetPath()).isEqualTo("/numbers-consumer");
		assertThat(CODEC.decode(frame("stream_subscribe_to_client").payload()))
			.isInstanceOfSatisfying(StreamMessages.Subscribe.class, (s) -> assertThat(s.demand()).isZero());
	}

	private static Frame.Message frame(String name) {
		return (Frame.Message) FrameCodec.decodeWhole(Unpooled.wrappedBuffer(DistributedVectors.named(name).bytes()));
	}

	private static byte[] reencode(Frame.Message captured, Object message) {
		MessageHeader header = new MessageHeader(captured.header().target(), captured.header().sender(),
				CODEC.typeHint(message));
		ByteBuf out = Unpooled.buffer();
		FrameCodec.writeMessage(header, (buf) -> CODEC.encode(message, buf), out);
		return ByteBufUtil.getBytes(out);
	}

}
