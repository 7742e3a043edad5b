package io.casty.client.transport;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** Numbered frames for the transport tests, and reading their numbers back. */
final class TestFrames {

	private TestFrames() {
	}

	/** A frame of {@code size} bytes (at least 5): its length prefix, then {@code id}. */
	static ByteBuf frame(int id, int size) {
		ByteBuf frame = Unpooled.buffer(size);
		frame.writeInt(size - 4);
		frame.writeByte(id);
		frame.writeZero(size - 5);
		return frame;
	}

	/** The ids of the frames in a buffer the channel got (small frames may come joined). */
	static void readFrames(ByteBuf buf, List<Integer> ids) {
		while (buf.isReadable()) {
			int length = buf.readInt();
			ids.add((int) buf.getByte(buf.readerIndex()));
			buf.skipBytes(length);
		}
	}

}
