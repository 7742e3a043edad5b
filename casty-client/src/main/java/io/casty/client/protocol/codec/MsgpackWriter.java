package io.casty.client.protocol.codec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;

/**
 * Writes the value tree as msgpack-python's {@code packb(tree, use_bin_type=True)} does:
 * text always as str, integers in the smallest width, floats as float64.
 *
 * @since 0.1.0
 */
public final class MsgpackWriter implements TreeWriter {

	private static final MessagePack.PackerConfig CONFIG = new MessagePack.PackerConfig().withStr8FormatSupport(true)
		.withBufferSize(512);

	private final MessagePacker packer;

	public MsgpackWriter(ByteBuf out) {
		this.packer = CONFIG.newPacker(new ByteBufOutputStream(out));
	}

	@FunctionalInterface
	private interface Op {

		void run() throws IOException;

	}

	private static void io(Op op) {
		try {
			op.run();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void beginObject(int size) {
		io(() -> this.packer.packMapHeader(size));
	}

	@Override
	public void name(String name) {
		io(() -> this.packer.packString(name));
	}

	@Override
	public void endObject() {
	}

	@Override
	public void beginArray(int size) {
		io(() -> this.packer.packArrayHeader(size));
	}

	@Override
	public void endArray() {
	}

	@Override
	public void string(String value) {
		io(() -> this.packer.packString(value));
	}

	@Override
	public void integer(long value) {
		io(() -> this.packer.packLong(value));
	}

	@Override
	public void integer(BigInteger value) {
		if (value.bitLength() > 64 || (value.signum() < 0 && value.bitLength() > 63)) {
			throw new io.casty.client.MessageCodecException(
					"Integer " + value + " does not fit in msgpack's 64 bits; use the JSON serializer for such values");
		}
		io(() -> this.packer.packBigInteger(value));
	}

	@Override
	public void floating(double value) {
		io(() -> this.packer.packDouble(value));
	}

	@Override
	public void bool(boolean value) {
		io(() -> this.packer.packBoolean(value));
	}

	@Override
	public void nul() {
		io(this.packer::packNil);
	}

	@Override
	public void finish() {
		io(this.packer::flush);
	}

}
