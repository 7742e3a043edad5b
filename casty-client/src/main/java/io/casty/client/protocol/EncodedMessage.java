package io.casty.client.protocol;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * A message encoded once, where it enters the client (the API edge): its payload bytes and
 * the type hint its header carries. What routing buffers and transport frames carry instead
 * of the message itself, so transport needs no message codec and a message that cannot be
 * encoded fails in the caller's thread. Made by {@link MessageEncoder}.
 * <p>
 * The payload lives in a pooled buffer behind room for the frame's header, so that
 * {@link #frame(byte[])} writes the header in front of it and hands the same buffer on as the
 * frame: no copy of the payload, no array per message. A message is therefore used once:
 * whoever holds it either frames it (the transport then owns the frame) or, when it drops the
 * message, calls {@link #release()}. Both end it, whichever comes first; the other then
 * does nothing ({@link #release()}) or fails ({@link #frame(byte[])}), so a message dropped
 * twice is not a double release. Its type hint and size never change, and the payload is
 * not written after construction, so it can be handed between threads.
 *
 * @since 0.1.0
 */
public final class EncodedMessage {

	private static final AtomicIntegerFieldUpdater<EncodedMessage> ENDED = AtomicIntegerFieldUpdater
		.newUpdater(EncodedMessage.class, "ended");

	private final String typeHint;

	/** The payload from {@link #payloadStart}, for {@link #payloadSize} bytes; room before it. */
	private final ByteBuf buffer;

	private final int payloadStart;

	private final int payloadSize;

	private final MessageEncoder encoder;

	/** 1 once framed or released. */
	private volatile int ended;

	EncodedMessage(String typeHint, ByteBuf buffer, MessageEncoder encoder) {
		this.typeHint = Objects.requireNonNull(typeHint, "typeHint");
		if (!buffer.isReadable()) {
			buffer.release();
			throw new IllegalArgumentException("A message frame needs a payload");
		}
		this.buffer = buffer;
		this.payloadStart = buffer.readerIndex();
		this.payloadSize = buffer.readableBytes();
		this.encoder = encoder;
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
		return this.payloadSize;
	}

	/**
	 * Whether the message was framed or released.
	 * @return whether its payload is gone
	 */
	public boolean isEnded() {
		return this.ended != 0;
	}

	/**
	 * Turns the message into its whole frame ({@link FrameCodec}: length, type, header,
	 * payload), ending it: the caller owns the returned buffer and must write or release it.
	 * The header goes into the room before the payload; if it does not fit, the frame is a
	 * new buffer (and later messages get more room).
	 * @param headerJson the header, as {@link FrameCodec#encodeHeader} gives it
	 * @return the frame
	 * @throws IllegalStateException if the message was framed or released already
	 */
	public ByteBuf frame(byte[] headerJson) {
		if (!ENDED.compareAndSet(this, 0, 1)) {
			throw new IllegalStateException("This message was sent or dropped already: an EncodedMessage is sent once");
		}
		int prefix = FrameCodec.messagePrefixSize(headerJson);
		int start = this.payloadStart - prefix;
		if (start >= 0) {
			FrameCodec.setMessagePrefix(this.buffer, start, headerJson, this.payloadSize);
			this.buffer.readerIndex(start);
			return this.buffer;
		}
		this.encoder.headerDidNotFit(prefix);
		try {
			ByteBuf frame = this.buffer.alloc().buffer(prefix + this.payloadSize);
			FrameCodec.writeMessagePrefix(headerJson, this.payloadSize, frame);
			frame.writeBytes(this.buffer, this.payloadStart, this.payloadSize);
			return frame;
		}
		finally {
			this.buffer.release();
		}
	}

	/**
	 * Drops the message, giving its buffer back; does nothing if it was framed or released
	 * already.
	 */
	public void release() {
		if (ENDED.compareAndSet(this, 0, 1)) {
			this.buffer.release();
		}
	}

	/**
	 * Appends a copy of the payload, leaving the message as it is.
	 * @param out the buffer
	 * @throws IllegalStateException if the message was framed or released
	 */
	public void writePayload(ByteBuf out) {
		checkNotEnded();
		out.writeBytes(this.buffer, this.payloadStart, this.payloadSize);
	}

	/**
	 * A copy of the payload, for tests and tools.
	 * @return the payload bytes
	 * @throws IllegalStateException if the message was framed or released
	 */
	public byte[] payloadBytes() {
		checkNotEnded();
		return ByteBufUtil.getBytes(this.buffer, this.payloadStart, this.payloadSize);
	}

	private void checkNotEnded() {
		if (this.ended != 0) {
			throw new IllegalStateException("This message was sent or dropped already");
		}
	}

	@Override
	public String toString() {
		return "EncodedMessage[" + this.typeHint + ", " + this.payloadSize + " bytes]";
	}

}
