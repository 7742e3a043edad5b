package io.casty.client.transport;

import io.casty.client.SocketOptions;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;

/**
 * The Netty allocator behind {@link SocketOptions.Allocator}: the one the client's
 * connections read into and write from.
 * <p>
 * Internal: used by the dialer and the listener; not API, may change
 * without notice.
 *
 * @since 0.1.0
 */
public final class Buffers {

	/**
	 * The most bytes one socket read takes: Netty's default stops at 64 KiB, which reads a
	 * topology snapshot of megabytes (pushed several times a second, see
	 * {@code topology-scale}) in dozens of system calls. Reads grow towards it only while they
	 * fill their buffer, and shrink again.
	 */
	static final int MAX_READ_BYTES = 1024 * 1024;

	private static final RecvByteBufAllocator READ_SIZES = new AdaptiveRecvByteBufAllocator(64, 2048,
			MAX_READ_BYTES);

	private Buffers() {
	}

	/**
	 * How much each read of the client's connections takes.
	 * @return the sizes, shared by every connection
	 */
	public static RecvByteBufAllocator readSizes() {
		return READ_SIZES;
	}

	/**
	 * The allocator of the client's connections.
	 * @param allocator the option
	 * @return Netty's allocator
	 */
	public static ByteBufAllocator allocator(SocketOptions.Allocator allocator) {
		return switch (allocator) {
			case POOLED -> PooledByteBufAllocator.DEFAULT;
			case ADAPTIVE -> ByteBufAllocator.DEFAULT;
		};
	}

}
