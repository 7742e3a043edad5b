package io.casty.client.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static io.casty.client.transport.TestFrames.frame;
import static io.casty.client.transport.TestFrames.readFrames;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link OutboundQueue} on an {@link EmbeddedChannel}: frames leave in the order offered, one
 * flush per drain, within the byte bound, small ones queued together joined in one buffer; on close the queued frames are released, not
 * written, and later ones are refused and released.
 */
class OutboundQueueTests {

	private final List<Integer> written = new ArrayList<>();

	private int flushes;

	/** The buffers the channel was handed. */
	private final List<ByteBuf> messages = new ArrayList<>();

	private final EmbeddedChannel channel = new EmbeddedChannel(new ChannelOutboundHandlerAdapter() {
		@Override
		public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
			ByteBuf frames = (ByteBuf) msg;
			OutboundQueueTests.this.messages.add(frames);
			readFrames(frames, OutboundQueueTests.this.written);
			frames.release();
			promise.trySuccess();
		}

		@Override
		public void flush(ChannelHandlerContext ctx) {
			OutboundQueueTests.this.flushes++;
			ctx.flush();
		}
	});

	@Test
	void framesLeaveInOrderWithOneFlushPerDrainWithinTheByteBound() {
		OutboundQueue queue = new OutboundQueue(this.channel, 25);
		ByteBuf first = frame(1, 10);
		ByteBuf second = frame(2, 10);
		ByteBuf tooMany = frame(3, 10);
		assertThat(queue.offer(first)).isTrue();
		assertThat(queue.offer(second)).isTrue();
		assertThat(queue.offer(tooMany)).as("over the bound").isFalse();
		assertThat(tooMany.refCnt()).isZero();
		assertThat(queue.pendingBytes()).isEqualTo(20);

		this.channel.runPendingTasks();

		assertThat(this.written).containsExactly(1, 2);
		assertThat(this.flushes).isEqualTo(1);
		assertThat(queue.pendingBytes()).isZero();
		assertThat(queue.offer(frame(4, 10))).isTrue();
		this.channel.runPendingTasks();
		assertThat(this.written).containsExactly(1, 2, 4);
	}

	@Test
	void aDrainOfSeveralBatchesWritesEveryFrameInOrderAndGivesTheirBytesBackToTheBound() {
		int frames = 1_300;
		OutboundQueue queue = new OutboundQueue(this.channel, frames * 10L);
		for (int i = 0; i < frames; i++) {
			assertThat(queue.offer(frame(i, 10))).isTrue();
		}
		ByteBuf over = frame(-1, 10);
		assertThat(queue.offer(over)).as("the bound counts every queued frame").isFalse();
		assertThat(queue.pendingBytes()).isEqualTo(frames * 10L);

		this.channel.runPendingTasks();

		// a frame's id is one byte
		assertThat(this.written).containsExactlyElementsOf(IntStream.range(0, frames).map((i) -> (byte) i).boxed().toList());
		assertThat(this.flushes).as("one flush per 512 frames").isEqualTo(3);
		assertThat(queue.pendingBytes()).isZero();
		for (int i = 0; i < frames; i++) {
			assertThat(queue.offer(frame(frames + i, 10))).isTrue();
		}
		this.channel.runPendingTasks();
		assertThat(this.written).hasSize(2 * frames);
		assertThat(queue.pendingBytes()).isZero();
	}

	@Test
	void smallFramesQueuedTogetherLeaveAsOneBufferAndALoneOrLargeFrameAsItIs() {
		OutboundQueue queue = OutboundQueue.unbounded(this.channel);
		ByteBuf alone = frame(1, 10);
		queue.offer(alone);
		this.channel.runPendingTasks();
		assertThat(this.messages).singleElement().isSameAs(alone);

		List<ByteBuf> small = List.of(frame(2, 10), frame(3, 300), frame(4, 20));
		ByteBuf large = frame(5, 4096);
		small.forEach(queue::offer);
		queue.offer(large);
		queue.offer(frame(6, 10));
		this.channel.runPendingTasks();

		assertThat(this.written).containsExactly(1, 2, 3, 4, 5, 6);
		assertThat(this.messages).hasSize(4);
		assertThat(this.messages.get(1).writerIndex()).as("three frames joined").isEqualTo(330);
		assertThat(this.messages.get(2)).isSameAs(large);
		assertThat(small).allSatisfy((frame) -> assertThat(frame.refCnt()).isZero());
		assertThat(this.flushes).isEqualTo(2);
	}

	@Test
	void onAPooledChannelALoneSmallFrameOfAnotherAllocatorIsCopiedIntoAPooledBufferAndOthersLeaveAsTheyAre() {
		this.channel.config().setAllocator(PooledByteBufAllocator.DEFAULT);
		OutboundQueue queue = OutboundQueue.unbounded(this.channel);
		ByteBuf foreign = frame(1, 300);
		queue.offer(foreign);
		this.channel.runPendingTasks();
		assertThat(this.messages).singleElement().satisfies((written) -> {
			assertThat(written).isNotSameAs(foreign);
			assertThat(written.alloc()).isSameAs(PooledByteBufAllocator.DEFAULT);
		});
		assertThat(foreign.refCnt()).isZero();

		ByteBuf pooled = PooledByteBufAllocator.DEFAULT.directBuffer(64);
		pooled.writeBytes(frame(2, 10));
		ByteBuf large = frame(3, 4096);
		queue.offer(pooled);
		this.channel.runPendingTasks();
		queue.offer(large);
		this.channel.runPendingTasks();

		assertThat(this.written).containsExactly(1, 2, 3);
		assertThat(this.messages).hasSize(3);
		assertThat(this.messages.get(1)).as("already the channel's").isSameAs(pooled);
		assertThat(this.messages.get(2)).as("large frames are not copied").isSameAs(large);
	}

	@Test
	void closingReleasesWhatIsQueuedAndRefusesWhatComesLater() {
		OutboundQueue queue = OutboundQueue.unbounded(this.channel);
		List<ByteBuf> queued = List.of(frame(1, 10), frame(2, 10), frame(3, 10));
		queued.forEach(queue::offer);

		queue.close();
		ByteBuf late = frame(4, 10);
		assertThat(queue.offer(late)).isFalse();
		this.channel.runPendingTasks();

		assertThat(this.written).isEmpty();
		assertThat(queued).allSatisfy((frame) -> assertThat(frame.refCnt()).isZero());
		assertThat(late.refCnt()).isZero();
		assertThat(queue.pendingBytes()).isZero();
	}

	@Test
	void closingAfterWritesWritesWhatWasAcceptedFirst() {
		OutboundQueue queue = OutboundQueue.unbounded(this.channel);
		queue.offer(frame(1, 10));
		queue.offer(frame(2, 10));

		queue.closeAfterWrites();
		ByteBuf late = frame(3, 10);
		assertThat(queue.offer(late)).isFalse();
		this.channel.runPendingTasks();

		assertThat(this.written).containsExactly(1, 2);
		assertThat(late.refCnt()).isZero();
		assertThat(this.channel.isOpen()).isFalse();
	}

}
