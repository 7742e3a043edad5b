package io.casty.client.protocol;

import java.util.Objects;

import io.netty.buffer.ByteBuf;

/**
 * A message encoded once, where it enters the client (the API edge): its payload bytes and
 * the type hint its header carries. What routing buffers and transport frames carry instead
 * of the message itself, so transport needs no message codec and a message that cannot be
 * encoded fails in the caller's thread. Immutable; made by {@link MessageEncoder}.
 *
 * @since 0.1.0
 */
public final class EncodedMessage {

	private final String typeHint;

	private final byte[] payload;

	EncodedMessage(String typeHint, byte[] payload) {
		this.typeHint = Objects.requireNonNull(typeHint, "typeHint");
		if (payload.length == 0) {
			throw new IllegalArgumentException("A message frame needs a payload");
		}
		this.payload = payload;
	}

	/**
	 * What Casty puts in the {@code type_hint} header for the message.
	 * @return the Python {@code module.qualname} of its type
	 */
	public String typeHint() {
		return this.typeHint;
	}

	/**
	 * The payload's size.
	 * @return the number of payload bytes, at least 1
	 */
	public int payloadSize() {
		return this.payload.length;
	}

	/**
	 * Appends the payload.
	 * @param out the buffer
	 */
	public void writePayload(ByteBuf out) {
		out.writeBytes(this.payload);
	}

	@Override
	public String toString() {
		return "EncodedMessage[" + this.typeHint + ", " + this.payload.length + " bytes]";
	}

}
