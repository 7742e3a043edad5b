package io.casty.client.protocol;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledHeapByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.casty.client.protocol.CastyFrameDecoderTests.concat;
import static io.casty.client.protocol.CastyFrameDecoderTests.int32;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CastyFrameDecoder} with frames of hundreds of kilobytes, as Casty's topology pushes
 * are at thousands of shards: cut exactly however they arrive, gathered without being copied
 * together, payloads a {@link PayloadRecognizer} knows not copied at all, the frame limit
 * still enforced, and no buffer leaked.
 */
class CastyFrameDecoderLargeFrameTests {

	private static final int MAX_FRAME_LENGTH = 1024 * 1024;

	private static final MessageHeader HEADER = new MessageHeader("casty://c@127.0.0.1:0/_topology_sub",
			"casty://s@127.0.0.1:25601/", "casty.cluster.topology.TopologySnapshot");

	private static final byte[] SMALL = message(HEADER, new byte[] { '5' });

	private final List<ByteBuf> written = new ArrayList<>();

	private final CountingAllocator allocator = new CountingAllocator();

	private @Nullable EmbeddedChannel channel;

	@AfterEach
	void closeChannelAndCheckBuffersWereReleased() {
		assertThat(channel().finishAndReleaseAll()).as("undecoded frames left in the channel").isFalse();
		assertThat(this.written).allSatisfy((buf) -> assertThat(buf.refCnt()).as("refCnt of a written buffer").isZero());
		assertThat(this.allocator.buffers)
			.allSatisfy((buf) -> assertThat(buf.refCnt()).as("refCnt of a buffer the decoder allocated").isZero());
	}

	@ParameterizedTest(name = "chunks of {0} bytes")
	@ValueSource(ints = { 1, 1000, 4096, 16 * 1024, 65536 + 3, 300_000 })
	void whenALargeFrameArrivesInChunksThenItsPayloadAndTheFramesAroundItAreExact(int chunk) {
		open(PayloadRecognizer.NONE);
		byte[] payload = pattern(chunk == 1 ? 70_000 : 500_000, 7);
		writeInChunks(concat(SMALL, message(HEADER, payload), SMALL, SMALL), chunk);

		assertNextIsSmall();
		assertNextIsMessageWith(payload);
		assertNextIsSmall();
		assertNextIsSmall();
		assertThat((Object) channel().readInbound()).isNull();
	}

	@Test
	void whenLargeFramesFollowEachOtherInOddChunksThenEachIsExact() {
		open(PayloadRecognizer.NONE);
		byte[] first = pattern(200_000, 1);
		byte[] second = pattern(90_000, 2);
		byte[] third = pattern(70_000, 3);
		writeInChunks(concat(message(HEADER, first), message(HEADER, second), SMALL, message(HEADER, third)), 40_001);

		assertNextIsMessageWith(first);
		assertNextIsMessageWith(second);
		assertNextIsSmall();
		assertNextIsMessageWith(third);
	}

	@Test
	void whenALargeFrameArrivesInChunksThenItsBytesAreNotCopiedIntoGrowingBuffers() {
		open(PayloadRecognizer.NONE);
		byte[] payload = pattern(1024 * 1024 - 1024, 5);
		writeInChunks(message(HEADER, payload), 16 * 1024);

		assertNextIsMessageWith(payload);
		// merging them doubles a buffer from 32 KiB to 1 MiB: 2 MiB allocated and copied
		assertThat(this.allocator.allocated).as("bytes the decoder allocated").isLessThan(payload.length / 8);
	}

	@Test
	void whenALargeFrameArrivesInBuffersMostlyEmptyThenTheyAreCompactedSoMemoryStaysBounded() {
		open(PayloadRecognizer.NONE);
		byte[] payload = pattern(200_000, 9);
		byte[] stream = message(HEADER, payload);
		for (int offset = 0; offset < stream.length; offset += 1000) {
			// 1,000 bytes in a buffer of 64 KiB, as a slow socket fills the buffers it reads into
			ByteBuf buf = Unpooled.buffer(64 * 1024);
			buf.writeBytes(stream, offset, Math.min(1000, stream.length - offset));
			this.written.add(buf);
			channel().writeInbound(buf);
		}
		assertNextIsMessageWith(payload);
		assertThat(this.allocator.allocated).as("bytes the decoder allocated").isLessThan(2L * stream.length);
	}

	@Test
	void whenALargeFrameExceedsTheMaximumThenItIsSkippedAsOversizedAndTheNextFrameDecodes() {
		open(PayloadRecognizer.NONE);
		writeInChunks(concat(message(HEADER, pattern(MAX_FRAME_LENGTH, 3)), SMALL), 16 * 1024);

		Frame frame = channel().readInbound();
		assertThat(frame).isInstanceOfSatisfying(Frame.Invalid.class,
				(invalid) -> assertThat(invalid.error()).isInstanceOf(FrameTooLongException.class));
		assertNextIsSmall();
		assertThat((Object) channel().readInbound()).isNull();
		assertThat(channel().isOpen()).isTrue();
	}

	@Test
	void whenALargeFrameIsMalformedThenItIsInvalidAndTheNextFrameDecodes() {
		open(PayloadRecognizer.NONE);
		byte[] body = concat(new byte[] { Frame.TYPE_MESSAGE }, int32(400_000), pattern(200_000, 4));
		writeInChunks(concat(int32(body.length), body, SMALL), 16 * 1024);

		Frame frame = channel().readInbound();
		assertThat(frame).isInstanceOfSatisfying(Frame.Invalid.class,
				(invalid) -> assertThat(invalid.error()).hasMessageContaining("header length 400000"));
		assertNextIsSmall();
	}

	@Test
	void whenTheRecognizerKnowsALargePayloadThenItsFrameCarriesTheValueAndNoBytes() {
		byte[] known = pattern(100_000, 1);
		byte[] other = pattern(100_000, 2);
		List<byte[]> offered = new ArrayList<>();
		open((header, payload) -> {
			byte[] bytes = new byte[payload.readableBytes()];
			payload.getBytes(payload.readerIndex(), bytes);
			offered.add(bytes);
			return (header.equals(HEADER) && Arrays.equals(bytes, known)) ? "the known value" : null;
		});
		writeInChunks(concat(message(HEADER, known), message(HEADER, other), SMALL), 30_000);

		Frame frame = channel().readInbound();
		assertThat(frame).isInstanceOfSatisfying(Frame.Message.class, (message) -> {
			assertThat(message.header()).isEqualTo(HEADER);
			assertThat(message.recognized()).isEqualTo("the known value");
			assertThat(message.payload()).isEmpty();
		});
		assertNextIsMessageWith(other);
		assertNextIsSmall();
		assertThat(offered).as("payloads offered to the recognizer").containsExactly(known, other);
	}

	@Test
	void whenAPayloadIsSmallerThanTheThresholdThenTheRecognizerIsNotAsked() {
		AtomicInteger asked = new AtomicInteger();
		open((header, payload) -> {
			asked.incrementAndGet();
			return "recognized";
		});
		byte[] below = pattern(CastyFrameDecoder.RECOGNIZED_PAYLOAD_BYTES - 1, 6);
		writeInChunks(concat(message(HEADER, below), SMALL), 5000);

		assertNextIsMessageWith(below);
		assertNextIsSmall();
		assertThat(asked).hasValue(0);
	}

	@Test
	void whenTheRecognizerMovesTheIndexesAndKnowsNothingThenThePayloadIsStillCopiedWhole() {
		open((header, payload) -> {
			payload.skipBytes(100);
			payload.writerIndex(payload.writerIndex() - 50);
			return null;
		});
		byte[] payload = pattern(80_000, 8);
		writeInChunks(concat(message(HEADER, payload), SMALL), 8192);

		assertNextIsMessageWith(payload);
		assertNextIsSmall();
	}

	private void open(PayloadRecognizer recognizer) {
		EmbeddedChannel embedded = new EmbeddedChannel();
		embedded.config().setAllocator(this.allocator);
		embedded.pipeline().addLast(new CastyFrameDecoder(MAX_FRAME_LENGTH, Duration.ZERO, recognizer));
		this.channel = embedded;
	}

	private EmbeddedChannel channel() {
		EmbeddedChannel embedded = this.channel;
		assertThat(embedded).isNotNull();
		return embedded;
	}

	private void writeInChunks(byte[] stream, int chunk) {
		for (int offset = 0; offset < stream.length; offset += chunk) {
			ByteBuf buf = Unpooled.wrappedBuffer(Arrays.copyOfRange(stream, offset, Math.min(stream.length, offset + chunk)));
			this.written.add(buf);
			channel().writeInbound(buf);
		}
	}

	private void assertNextIsSmall() {
		assertNextIsMessageWith(new byte[] { '5' });
	}

	private void assertNextIsMessageWith(byte[] payload) {
		Frame frame = channel().readInbound();
		assertThat(frame).isInstanceOfSatisfying(Frame.Message.class, (message) -> {
			assertThat(message.header()).isEqualTo(HEADER);
			assertThat(message.recognized()).isNull();
			assertThat(message.payload()).isEqualTo(payload);
		});
	}

	private static byte[] message(MessageHeader header, byte[] payload) {
		ByteBuf buf = Unpooled.buffer();
		FrameCodec.writeMessage(header, payload, buf);
		byte[] bytes = new byte[buf.readableBytes()];
		buf.readBytes(bytes);
		buf.release();
		return bytes;
	}

	private static byte[] pattern(int length, int seed) {
		byte[] bytes = new byte[length];
		for (int i = 0; i < length; i++) {
			bytes[i] = (byte) (i * 31 + seed * 7 + (i >>> 9));
		}
		return bytes;
	}

	/** Heap buffers whose every array, also when a buffer grows, is counted. */
	private static final class CountingAllocator extends AbstractByteBufAllocator {

		final List<ByteBuf> buffers = new ArrayList<>();

		long allocated;

		@Override
		protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
			ByteBuf buf = new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity) {
				@Override
				protected byte[] allocateArray(int length) {
					CountingAllocator.this.allocated += length;
					return super.allocateArray(length);
				}
			};
			this.buffers.add(buf);
			return buf;
		}

		@Override
		protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
			return newHeapBuffer(initialCapacity, maxCapacity);
		}

		@Override
		public boolean isDirectBufferPooled() {
			return false;
		}

	}

}
