package io.casty.client.protocol;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
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
 * With a stall timeout, an incomplete frame that gets no further bytes for that long raises
 * a {@link FrameDecodingException} through {@code exceptionCaught}: a truncated frame would
 * otherwise keep its connection open, and every frame after it unread, forever.
 *
 * @since 0.1.0
 */
public final class CastyFrameDecoder extends LengthFieldBasedFrameDecoder {

	/** The default largest frame accepted: 16 MiB. */
	public static final int DEFAULT_MAX_FRAME_LENGTH = 16 * 1024 * 1024;

	private final long stallNanos;

	private long lastReadNanos = System.nanoTime();

	private @Nullable ScheduledFuture<?> stallCheck;

	private boolean stalled;

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
		super(maxFrameLength, 0, 4, 0, 4, true);
		this.stallNanos = stallTimeout.toNanos();
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
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		cancelStallCheck();
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
			return new Frame.Invalid(new FrameTooLongException("Oversized frame skipped: " + ex.getMessage(), ex));
		}
		if (body == null) {
			return null;
		}
		try {
			return FrameCodec.decode(body);
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
