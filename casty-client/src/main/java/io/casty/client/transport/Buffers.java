package io.casty.client.transport;

import io.casty.client.SocketOptions;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;

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

}
