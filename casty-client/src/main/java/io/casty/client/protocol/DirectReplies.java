package io.casty.client.protocol;

/**
 * Takes ask replies straight out of the frame decoder. A message frame whose header is in the
 * exact form Casty writes and whose target is an ask's reply path ({@code /_ask/<32 hex>})
 * is handed over as its ask id and payload bytes, while the frame is still in the network
 * buffer: no header, frame or payload copy is made for it, the commonest inbound message.
 * Every other frame, and a reply this declines, is decoded into a {@link Frame} as usual.
 * <p>
 * Internal: the frame decoder calls it on the connection's I/O thread; not API, may change
 * without notice.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface DirectReplies {

	/**
	 * Takes a reply.
	 * @param idHigh the first 16 hex digits of the target's ask id, as a number
	 * @param idLow its last 16
	 * @param payload holds the reply's payload; valid only during the call (it may be the
	 * network buffer's own array or a per-thread scratch array): neither keep nor change it
	 * @param offset where the payload starts in {@code payload}
	 * @param length the payload's length in bytes
	 * @return whether it was taken; if not, the frame is decoded as usual
	 */
	boolean take(long idHigh, long idLow, byte[] payload, int offset, int length);

}
