package io.casty.client.protocol;

import java.nio.ByteOrder;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import org.jspecify.annotations.Nullable;

/**
 * Splits the inbound byte stream into Casty frames and decodes each into a {@link Frame}.
 * A frame that cannot be decoded (empty, malformed, or longer than the configured maximum,
 * whose bytes are skipped) is passed on as {@link Frame.Invalid}: the connection stays in
 * step and the next frame decodes normally. An oversized frame's error is a
 * {@link FrameTooLongException}, so a receiver that does not trust the prefix can close
 * instead.
 * <p>
 * A large frame (such as a topology push of megabytes) is gathered from the buffers it
 * arrives in without copying them together, and its payload is offered to a
 * {@link PayloadRecognizer} before it is copied out: one the receiver recognises is not
 * copied at all. The frame limit applies to these frames as to any other.
 * <p>
 * With a stall timeout, an incomplete frame that gets no further bytes for that long raises
 * a {@link FrameDecodingException} through {@code exceptionCaught}: a truncated frame would
 * otherwise keep its connection open, and every frame after it unread, forever.
 *
 * @since 0.1.0
 */
public final class CastyFrameDecoder extends LengthFieldBasedFrameDecoder {

	/** The default largest frame accepted: 16 MiB. */
	public static final int DEFAULT_MAX_FRAME_LENGTH = 16 * 1024 * 1024;

	/** Message payloads of at least this many bytes are offered to the {@link PayloadRecognizer}. */
	public static final int RECOGNIZED_PAYLOAD_BYTES = 16 * 1024;

	/**
	 * Frames of at least this many bytes, length prefix included, are gathered from the
	 * buffers they arrive in without copying them together.
	 */
	static final int LARGE_FRAME_BYTES = 64 * 1024;

	/** The size of the buffer that gathers a large frame's bytes from mostly empty read buffers. */
	static final int TAIL_BYTES = 64 * 1024;

	/** What {@link #extractFrame} returns for a frame the {@link DirectReplies} took. */
	private static final ByteBuf TAKEN = Unpooled.unreleasableBuffer(Unpooled.buffer(0, 0));

	private final int maxFrameLength;

	private final PayloadRecognizer recognizer;

	private final @Nullable DirectReplies replies;

	private final long stallNanos;

	private long lastReadNanos = System.nanoTime();

	private @Nullable ScheduledFuture<?> stallCheck;

	private boolean stalled;

	/** Bytes of a pending large frame after those in the cumulation, not yet joined to it. */
	private @Nullable ByteBuf tail;

	/** The payload length in the last length prefix read, for the error of an oversized frame. */
	private long announced;

	public CastyFrameDecoder(int maxFrameLength) {
		this(maxFrameLength, Duration.ZERO);
	}

	/**
	 * Creates a decoder that reports stalled frames.
	 * @param maxFrameLength the largest frame, length prefix included
	 * @param stallTimeout how long an incomplete frame may wait for its next bytes; zero
	 * for no limit
	 */
	public CastyFrameDecoder(int maxFrameLength, Duration stallTimeout) {
		this(maxFrameLength, stallTimeout, PayloadRecognizer.NONE);
	}

	/**
	 * Creates a decoder that reports stalled frames and does not copy the large payloads a
	 * recognizer knows.
	 * @param maxFrameLength the largest frame, length prefix included
	 * @param stallTimeout how long an incomplete frame may wait for its next bytes; zero
	 * for no limit
	 * @param recognizer recognises large payloads the receiver holds decoded already
	 */
	public CastyFrameDecoder(int maxFrameLength, Duration stallTimeout, PayloadRecognizer recognizer) {
		this(maxFrameLength, stallTimeout, recognizer, null);
	}

	/**
	 * Creates a decoder that reports stalled frames, does not copy the large payloads a
	 * recognizer knows, and hands ask replies to {@code replies} without decoding them into
	 * frames.
	 * @param maxFrameLength the largest frame, length prefix included
	 * @param stallTimeout how long an incomplete frame may wait for its next bytes; zero
	 * for no limit
	 * @param recognizer recognises large payloads the receiver holds decoded already
	 * @param replies takes ask replies in Casty's exact header form; {@code null} to decode
	 * them as every other frame
	 */
	public CastyFrameDecoder(int maxFrameLength, Duration stallTimeout, PayloadRecognizer recognizer,
			@Nullable DirectReplies replies) {
		super(maxFrameLength, 0, 4, 0, 4, true);
		this.maxFrameLength = maxFrameLength;
		this.recognizer = recognizer;
		this.replies = replies;
		this.stallNanos = stallTimeout.toNanos();
		setCumulator(this::cumulate);
	}

	/**
	 * Gathers a large frame's bytes (at least {@link #LARGE_FRAME_BYTES}, as its length
	 * prefix says, and within the maximum) as a composite of the buffers they arrived in.
	 * Merging them into one buffer, as for every other frame, would grow it by doubling: a
	 * frame of megabytes copied several times over, each new buffer zeroed first. A buffer
	 * less than half full is copied instead, small ones into a tail buffer of
	 * {@link #TAIL_BYTES} that joins when full or when the frame is complete, so the frame
	 * holds at most about twice its bytes, in few parts. Once the large frame is cut, what
	 * is left goes back to one plain buffer, so small frames are read as before.
	 */
	private ByteBuf cumulate(ByteBufAllocator alloc, ByteBuf cumulation, ByteBuf in) {
		if (cumulation.isReadable() && cumulation != in) {
			long frameLength = largePendingFrame(cumulation);
			if (frameLength > 0) {
				return gather(alloc, cumulation, in, frameLength);
			}
			if (cumulation instanceof CompositeByteBuf) {
				return flatten(alloc, cumulation, in);
			}
		}
		return MERGE_CUMULATOR.cumulate(alloc, cumulation, in);
	}

	/**
	 * Cuts a frame out of the cumulation; an ask reply the {@link DirectReplies} take is
	 * read where it lies, and no slice of it is made.
	 */
	@Override
	protected ByteBuf extractFrame(ChannelHandlerContext ctx, ByteBuf buffer, int index, int length) {
		DirectReplies direct = this.replies;
		if (direct != null && FrameCodec.takeAskReply(buffer, index, length, direct)) {
			return TAKEN;
		}
		return super.extractFrame(ctx, buffer, index, length);
	}

	@Override
	protected long getUnadjustedFrameLength(ByteBuf buf, int offset, int length, ByteOrder order) {
		long payload = super.getUnadjustedFrameLength(buf, offset, length, order);
		this.announced = payload;
		return payload;
	}

	/** The length of the frame the cumulation starts with, prefix included, if it is large; else 0. */
	private long largePendingFrame(ByteBuf cumulation) {
		if (cumulation.readableBytes() < 4) {
			return 0;
		}
		long length = cumulation.getUnsignedInt(cumulation.readerIndex()) + 4;
		return (length >= LARGE_FRAME_BYTES && length <= this.maxFrameLength) ? length : 0;
	}

	private ByteBuf gather(ByteBufAllocator alloc, ByteBuf cumulation, ByteBuf in, long frameLength) {
		int bytes = in.readableBytes();
		if (bytes >= in.capacity() / 2) {
			return COMPOSITE_CUMULATOR.cumulate(alloc, withTail(alloc, cumulation), in);
		}
		if (bytes >= TAIL_BYTES) {
			ByteBuf copy;
			try {
				copy = alloc.buffer(bytes).writeBytes(in, in.readerIndex(), bytes);
			}
			finally {
				in.release();
			}
			return COMPOSITE_CUMULATOR.cumulate(alloc, withTail(alloc, cumulation), copy);
		}
		ByteBuf result = cumulation;
		ByteBuf tail = this.tail;
		try {
			if (tail != null && tail.writableBytes() < bytes) {
				result = withTail(alloc, result);
				tail = null;
			}
			if (tail == null) {
				tail = alloc.buffer(TAIL_BYTES, TAIL_BYTES);
				this.tail = tail;
			}
			tail.writeBytes(in, in.readerIndex(), bytes);
		}
		finally {
			in.release();
		}
		if (!tail.isWritable() || result.readableBytes() + tail.readableBytes() >= frameLength) {
			result = withTail(alloc, result);
		}
		return result;
	}

	/** Appends the tail, if any, to the cumulation. */
	private ByteBuf withTail(ByteBufAllocator alloc, ByteBuf cumulation) {
		ByteBuf tail = this.tail;
		if (tail == null) {
			return cumulation;
		}
		this.tail = null;
		return COMPOSITE_CUMULATOR.cumulate(alloc, cumulation, tail);
	}

	private void releaseTail() {
		ByteBuf tail = this.tail;
		if (tail != null) {
			this.tail = null;
			tail.release();
		}
	}

	private static ByteBuf flatten(ByteBufAllocator alloc, ByteBuf composite, ByteBuf in) {
		ByteBuf merged = null;
		try {
			int total = composite.readableBytes() + in.readableBytes();
			merged = alloc.buffer(alloc.calculateNewCapacity(total, Integer.MAX_VALUE));
			merged.writeBytes(composite, composite.readerIndex(), composite.readableBytes());
			merged.writeBytes(in, in.readerIndex(), in.readableBytes());
			composite.release();
			ByteBuf result = merged;
			merged = null;
			return result;
		}
		finally {
			in.release();
			if (merged != null) {
				merged.release();
			}
		}
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
		super.handlerAdded(ctx);
		if (this.stallNanos > 0) {
			long period = Math.max(TimeUnit.MILLISECONDS.toNanos(10), this.stallNanos / 2);
			this.stallCheck = ctx.executor()
				.scheduleAtFixedRate(() -> checkStall(ctx), period, period, TimeUnit.NANOSECONDS);
		}
	}

	@Override
	protected void handlerRemoved0(ChannelHandlerContext ctx) {
		cancelStallCheck();
		releaseTail();
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		cancelStallCheck();
		releaseTail();
		super.channelInactive(ctx);
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
		this.lastReadNanos = System.nanoTime();
		super.channelRead(ctx, msg);
	}

	private void checkStall(ChannelHandlerContext ctx) {
		int partial = actualReadableBytes();
		if (!this.stalled && partial > 0 && System.nanoTime() - this.lastReadNanos > this.stallNanos) {
			this.stalled = true;
			cancelStallCheck();
			ctx.fireExceptionCaught(new FrameDecodingException("An incomplete frame (" + partial
					+ " bytes) got no further bytes for " + TimeUnit.NANOSECONDS.toMillis(this.stallNanos) + " ms"));
		}
	}

	private void cancelStallCheck() {
		ScheduledFuture<?> check = this.stallCheck;
		if (check != null) {
			check.cancel(false);
			this.stallCheck = null;
		}
	}

	@Override
	protected @Nullable Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
		ByteBuf body;
		try {
			body = (ByteBuf) super.decode(ctx, in);
		}
		catch (TooLongFrameException ex) {
			return new Frame.Invalid(new FrameTooLongException("Oversized frame skipped: a frame of " + (this.announced + 4)
					+ " bytes (length prefix included) is over the maximum frame size of " + this.maxFrameLength
					+ " bytes; raise the codec's maxFrameSize (casty.client.max-frame-size) above the largest"
					+ " message, a topology snapshot being about 180 bytes per allocated shard", ex));
		}
		if (body == null || body == TAKEN) {
			return null;
		}
		try {
			return FrameCodec.decode(body, this.recognizer);
		}
		catch (FrameDecodingException ex) {
			return new Frame.Invalid(ex);
		}
		catch (RuntimeException ex) {
			return new Frame.Invalid(new FrameDecodingException("Malformed frame: " + ex, ex));
		}
		finally {
			body.release();
		}
	}

}
