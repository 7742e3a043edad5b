package io.casty.client.transport;

import io.casty.client.SocketOptions;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;

/**
 * The Netty allocators behind {@link SocketOptions.Allocator}: the one the client's
 * connections read into and write from, and the kind of buffer messages are encoded into on
 * the calling threads.
 * <p>
 * Internal: used by the dialer, the listener and the client's codecs; not API, may change
 * without notice.
 *
 * @since 0.1.0
 */
public final class Buffers {

	private Buffers() {
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

	/**
	 * Whether messages are encoded into direct buffers. With the pooled allocator they are
	 * not: a pooled buffer taken on a calling thread and freed on an I/O thread costs a new
	 * buffer object each time, where a heap buffer from Netty's default allocator does not,
	 * and the I/O thread copies it into a pooled direct buffer of its own cache as it writes.
	 * @param allocator the option
	 * @return whether to encode into direct buffers
	 */
	public static boolean encodesDirect(SocketOptions.Allocator allocator) {
		return allocator == SocketOptions.Allocator.ADAPTIVE;
	}

}
