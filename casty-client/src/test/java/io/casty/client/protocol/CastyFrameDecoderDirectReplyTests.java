package io.casty.client.protocol;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.casty.client.protocol.CastyFrameDecoderTests.concat;
import static io.casty.client.protocol.CastyFrameDecoderTests.message;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CastyFrameDecoder} with {@link DirectReplies}: an ask reply in Casty's exact header
 * form (a frame captured from a real node) is handed over as its id and payload without
 * becoming a frame, in the stream's order, from heap and direct buffers and in any split;
 * every other message, and a reply declined, still becomes a {@link Frame.Message}.
 */
class CastyFrameDecoderDirectReplyTests {

	private static final byte[] REPLY_INT = GoldenVectors.named("reply_int").bytes();

	/** The reply's target: {@code .../_ask/5b6f6d9b84744629a5e2b9f8b4a075d8}. */
	private static final long ID_HIGH = 0x5b6f6d9b84744629L;

	private static final long ID_LOW = 0xa5e2b9f8b4a075d8L;

	private final List<Object> seen = new ArrayList<>();

	private final List<ByteBuf> written = new ArrayList<>();

	private boolean declining;

	private final DirectReplies replies = (high, low, payload, offset, length) -> {
		if (this.declining) {
			return false;
		}
		this.seen.add(new Taken(high, low, new String(payload, offset, length, StandardCharsets.UTF_8)));
		return true;
	};

	private final EmbeddedChannel channel = new EmbeddedChannel(
			new CastyFrameDecoder(64 * 1024, Duration.ZERO, PayloadRecognizer.NONE, this.replies),
			new ChannelInboundHandlerAdapter() {

				@Override
				public void channelRead(ChannelHandlerContext ctx, Object msg) {
					CastyFrameDecoderDirectReplyTests.this.seen.add(msg);
				}

			});

	@AfterEach
	void closeChannelAndCheckBuffersWereReleased() {
		assertThat(this.channel.finishAndReleaseAll()).as("undecoded frames left in the channel").isFalse();
		assertThat(this.written).allSatisfy((buf) -> assertThat(buf.refCnt()).as("refCnt of a written buffer").isZero());
	}

	@Test
	void aRealNodesReplyIsTakenAsItsIdAndPayloadAndNoFrameIsPassedOn() {
		write(Unpooled.wrappedBuffer(REPLY_INT));
		assertThat(this.seen).containsExactly(new Taken(ID_HIGH, ID_LOW, "5"));
	}

	@Test
	void aReplyInADirectBufferIsTakenTheSame() {
		write(Unpooled.directBuffer().writeBytes(REPLY_INT));
		assertThat(this.seen).containsExactly(new Taken(ID_HIGH, ID_LOW, "5"));
	}

	@Test
	void aReplyArrivingOneByteAtATimeIsTakenOnceWhenComplete() {
		for (int i = 0; i < REPLY_INT.length; i++) {
			write(Unpooled.wrappedBuffer(Arrays.copyOfRange(REPLY_INT, i, i + 1)));
		}
		assertThat(this.seen).containsExactly(new Taken(ID_HIGH, ID_LOW, "5"));
	}

	@Test
	void repliesAndOtherFramesInOneBufferKeepTheirOrder() {
		byte[] other = message(ascii("{\"target\": \"casty://s@h:1/user/a\", \"sender\": \"casty://c@h:2/\", "
				+ "\"type_hint\": \"builtins.int\"}"), ascii("6"));
		write(Unpooled.wrappedBuffer(concat(REPLY_INT, other, REPLY_INT)));
		assertThat(this.seen).hasSize(3);
		assertThat(this.seen.get(0)).isEqualTo(new Taken(ID_HIGH, ID_LOW, "5"));
		assertThat(this.seen.get(1)).isInstanceOfSatisfying(Frame.Message.class, (message) -> {
			assertThat(message.header().target()).isEqualTo("casty://s@h:1/user/a");
			assertThat(message.payload()).containsExactly('6');
		});
		assertThat(this.seen.get(2)).isEqualTo(new Taken(ID_HIGH, ID_LOW, "5"));
	}

	@Test
	void aDeclinedReplyIsDecodedIntoAFrameAsUsual() {
		this.declining = true;
		write(Unpooled.wrappedBuffer(REPLY_INT));
		assertThat(this.seen).singleElement().isInstanceOfSatisfying(Frame.Message.class, (message) -> {
			assertThat(message.header().isAskReply()).isTrue();
			assertThat(message.header().askIdHigh()).isEqualTo(ID_HIGH);
			assertThat(message.header().askIdLow()).isEqualTo(ID_LOW);
			assertThat(message.payload()).containsExactly('5');
		});
	}

	@Test
	void aReplyWhoseHeaderIsInAnotherFormIsDecodedIntoAFrame() {
		String target = "casty://c@127.0.0.1:0/_ask/5b6f6d9b84744629a5e2b9f8b4a075d8";
		write(Unpooled.wrappedBuffer(message(ascii("{\"sender\": \"casty://n@h:1/\", \"target\": \"" + target
				+ "\", \"type_hint\": \"builtins.int\"}"), ascii("5"))));
		assertThat(this.seen).singleElement().isInstanceOfSatisfying(Frame.Message.class,
				(message) -> assertThat(message.header().target()).isEqualTo(target));
	}

	@Test
	void aReplyLargerThanTheScratchArrayIsDecodedIntoAFrame() {
		byte[] header = Arrays.copyOfRange(REPLY_INT, 9, REPLY_INT.length - 1);
		byte[] payload = new byte[MessageHeaderReader.MAX_SCRATCH];
		Arrays.fill(payload, (byte) '7');
		write(Unpooled.wrappedBuffer(message(header, payload)));
		assertThat(this.seen).singleElement().isInstanceOfSatisfying(Frame.Message.class, (message) -> {
			assertThat(message.header().askIdLow()).isEqualTo(ID_LOW);
			assertThat(message.payload()).isEqualTo(payload);
		});
	}

	private void write(ByteBuf buf) {
		this.written.add(buf);
		this.channel.writeInbound(buf);
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	/** What the {@link DirectReplies} were handed. */
	private record Taken(long high, long low, String payload) {
	}

}
