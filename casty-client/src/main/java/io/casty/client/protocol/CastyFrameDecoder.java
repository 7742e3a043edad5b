package io.casty.client.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import org.jspecify.annotations.Nullable;

/**
 * Splits the inbound byte stream into Casty frames and decodes each into a {@link Frame}.
 * A frame that cannot be decoded (empty, malformed, or longer than the configured maximum,
 * whose bytes are skipped) is passed on as {@link Frame.Invalid}: the connection stays in
 * step and the next frame decodes normally.
 *
 * @since 0.1.0
 */
public final class CastyFrameDecoder extends LengthFieldBasedFrameDecoder {

	/** The default largest frame accepted: 16 MiB. */
	public static final int DEFAULT_MAX_FRAME_LENGTH = 16 * 1024 * 1024;

	public CastyFrameDecoder(int maxFrameLength) {
		super(maxFrameLength, 0, 4, 0, 4, true);
	}

	@Override
	protected @Nullable Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
		ByteBuf body;
		try {
			body = (ByteBuf) super.decode(ctx, in);
		}
		catch (TooLongFrameException ex) {
			return new Frame.Invalid(new FrameDecodingException("Oversized frame skipped: " + ex.getMessage(), ex));
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
