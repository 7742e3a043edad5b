package io.casty.client.protocol;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

/**
 * Recognises a large inbound payload that repeats one its receiver holds decoded already,
 * while the frame decoder still has it in the network buffers: a recognised payload is
 * neither copied out nor decoded again, and its frame carries the decoded value instead
 * ({@link Frame.Message#recognized()}). Casty nodes push the whole topology a few times a
 * second whether it changed or not; at thousands of shards each push is megabytes.
 * <p>
 * Internal: the frame decoder asks it, on the connection's I/O thread, for payloads of at
 * least {@link CastyFrameDecoder#RECOGNIZED_PAYLOAD_BYTES}; not API, may change without
 * notice.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface PayloadRecognizer {

	/** Recognises nothing: every payload is copied. */
	PayloadRecognizer NONE = (header, payload) -> null;

	/**
	 * Recognises a payload.
	 * @param header the message's header
	 * @param payload the payload, its readable bytes; neither to be kept nor read past (its
	 * indexes must be left as they are)
	 * @return the decoded value the payload's bytes are known to encode, or {@code null} to
	 * have the payload copied as usual
	 */
	@Nullable Object recognize(MessageHeader header, ByteBuf payload);

}
