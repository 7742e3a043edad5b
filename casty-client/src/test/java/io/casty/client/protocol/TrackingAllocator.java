package io.casty.client.protocol;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledHeapByteBuf;

/**
 * An allocator that keeps every buffer it gave out, so a test can check that each was
 * released exactly once (a second release would throw).
 */
public final class TrackingAllocator extends AbstractByteBufAllocator {

	private final List<ByteBuf> allocated = new CopyOnWriteArrayList<>();

	public TrackingAllocator() {
		super(false);
	}

	@Override
	protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
		ByteBuf buf = new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity);
		this.allocated.add(buf);
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

	/**
	 * The buffers given out so far.
	 * @return how many
	 */
	public int allocatedCount() {
		return this.allocated.size();
	}

	/**
	 * The buffers given out and not released.
	 * @return how many
	 */
	public long unreleasedCount() {
		return this.allocated.stream().filter((buf) -> buf.refCnt() > 0).count();
	}

}
