package io.casty.client.protocol;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import io.casty.client.protocol.codec.PythonJsonWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;

/**
 * Encodes and decodes whole Casty frames: a 4-byte big-endian length {@code N}, then
 * {@code N} bytes of type byte and body. Message bodies are a 4-byte header length, the
 * header JSON and the payload. JSON is written exactly as Casty writes it.
 *
 * @since 0.1.0
 */
public final class FrameCodec {

	/**
	 * Streaming parsers for the handshake and, in {@link MessageHeaderReader}, headers in any
	 * other form than Casty's. A factory alone: a mapper is built only when a handshake takes
	 * an unusual form ({@link HandshakeReader}).
	 */
	static final JsonFactory JSON_FACTORY = JsonFactory.builder()
		.recyclerPool(JsonRecyclerPools.threadLocalPool())
		.build();

	private FrameCodec() {
	}

	/**
	 * Appends a handshake frame.
	 * @param host the advertised host
	 * @param port the advertised port
	 * @param out the buffer
	 */
	public static void writeHandshake(String host, int port, ByteBuf out) {
		writeHandshake(host, port, false, out);
	}

	/**
	 * Appends a handshake frame that may declare {@code "pipelined": true}: the sender reads
	 * a connection's messages without waiting for each to be handled, so a client gains
	 * nothing from more than one connection to it (see {@link Frame.Handshake#pipelined()}).
	 * Casty reads only {@code host} and {@code port}.
	 * @param host the advertised host
	 * @param port the advertised port
	 * @param pipelined whether to declare it
	 * @param out the buffer
	 */
	public static void writeHandshake(String host, int port, boolean pipelined, ByteBuf out) {
		int start = out.writerIndex();
		out.writeInt(0);
		out.writeByte(Frame.TYPE_HANDSHAKE);
		PythonJsonWriter json = PythonJsonWriter.of(out);
		json.beginObject(pipelined ? 3 : 2);
		json.name("host");
		json.string(host);
		json.name("port");
		json.integer(port);
		if (pipelined) {
			json.name("pipelined");
			json.bool(true);
		}
		json.endObject();
		json.finish();
		out.setInt(start, out.writerIndex() - start - 4);
	}

	/**
	 * Appends a message frame; the payload is written by {@code payloadWriter} straight
	 * into the buffer.
	 * @param header the header
	 * @param payloadWriter appends the payload bytes (must append at least one byte)
	 * @param out the buffer
	 * @throws IllegalStateException if the payload writer appended nothing
	 */
	public static void writeMessage(MessageHeader header, Consumer<ByteBuf> payloadWriter, ByteBuf out) {
		int start = out.writerIndex();
		out.writeInt(0);
		out.writeByte(Frame.TYPE_MESSAGE);
		int headerLengthIndex = out.writerIndex();
		out.writeInt(0);
		writeHeaderJson(header, out);
		out.setInt(headerLengthIndex, out.writerIndex() - headerLengthIndex - 4);
		writePayload(start, payloadWriter, out);
	}



	/**
	 * Returns the JSON bytes of a header, as Casty writes it, for
	 * {@link #writeMessage(byte[], Consumer, ByteBuf)}.
	 * @param header the header
	 * @return the UTF-8 bytes
	 */
	public static byte[] encodeHeader(MessageHeader header) {
		ByteBuf buf = io.netty.buffer.Unpooled.buffer(256);
		writeHeaderJson(header, buf);
		return ByteBufUtil.getBytes(buf);
	}

	private static void writeHeaderJson(MessageHeader header, ByteBuf out) {
		PythonJsonWriter json = PythonJsonWriter.of(out);
		json.beginObject(3);
		json.name("target");
		json.string(header.target());
		json.name("sender");
		json.string(header.sender());
		json.name("type_hint");
		json.string(header.typeHint());
		json.endObject();
		json.finish();
	}



	/**
	 * Appends a message frame whose header was encoded once with {@link #encodeHeader}.
	 * @param headerJson the header bytes
	 * @param payloadWriter appends the payload bytes (must append at least one byte)
	 * @param out the buffer
	 */
	public static void writeMessage(byte[] headerJson, Consumer<ByteBuf> payloadWriter, ByteBuf out) {
		int start = out.writerIndex();
		out.writeInt(0);
		out.writeByte(Frame.TYPE_MESSAGE);
		out.writeInt(headerJson.length);
		out.writeBytes(headerJson);
		writePayload(start, payloadWriter, out);
	}

	/**
	 * Appends a message frame of an encoded message whose header was encoded once with
	 * {@link #encodeHeader}, copying its payload (the client's connections use
	 * {@link EncodedMessage#frame(byte[])}, which does not copy).
	 * @param headerJson the header bytes
	 * @param message the payload
	 * @param out the buffer
	 */
	public static void writeMessage(byte[] headerJson, EncodedMessage message, ByteBuf out) {
		writeMessagePrefix(headerJson, message.payloadSize(), out);
		message.writePayload(out);
	}

	/**
	 * The bytes of a message frame before its payload: length prefix, type byte, header
	 * length and header.
	 * @param headerJson the header bytes
	 * @return the number of bytes
	 */
	public static int messagePrefixSize(byte[] headerJson) {
		return 4 + 1 + 4 + headerJson.length;
	}

	/**
	 * Appends what comes before the payload of a message frame.
	 * @param headerJson the header bytes
	 * @param payloadSize the size of the payload that will follow
	 * @param out the buffer
	 */
	static void writeMessagePrefix(byte[] headerJson, int payloadSize, ByteBuf out) {
		out.writeInt(1 + 4 + headerJson.length + payloadSize);
		out.writeByte(Frame.TYPE_MESSAGE);
		out.writeInt(headerJson.length);
		out.writeBytes(headerJson);
	}

	/**
	 * Sets what comes before the payload of a message frame in place, at {@code index}: the
	 * payload must follow at {@code index + messagePrefixSize(headerJson)}.
	 * @param buf the buffer
	 * @param index where the frame starts
	 * @param headerJson the header bytes
	 * @param payloadSize the size of the payload
	 */
	static void setMessagePrefix(ByteBuf buf, int index, byte[] headerJson, int payloadSize) {
		buf.setInt(index, 1 + 4 + headerJson.length + payloadSize);
		buf.setByte(index + 4, Frame.TYPE_MESSAGE);
		buf.setInt(index + 5, headerJson.length);
		buf.setBytes(index + 9, headerJson);
	}

	/**
	 * The size of the frame {@link #writeMessage(byte[], EncodedMessage, ByteBuf)} appends.
	 * @param headerJson the header bytes
	 * @param message the payload
	 * @return the number of bytes, length prefix included
	 */
	public static int messageFrameSize(byte[] headerJson, EncodedMessage message) {
		return 4 + 1 + 4 + headerJson.length + message.payloadSize();
	}

	/** Appends the payload after the header and fills in the frame length. */
	private static void writePayload(int start, Consumer<ByteBuf> payloadWriter, ByteBuf out) {
		int payloadStart = out.writerIndex();
		try {
			payloadWriter.accept(out);
		}
		catch (RuntimeException ex) {
			out.writerIndex(start);
			throw ex;
		}
		if (out.writerIndex() == payloadStart) {
			out.writerIndex(start);
			throw new IllegalStateException("A message frame needs a payload");
		}
		out.setInt(start, out.writerIndex() - start - 4);
	}


	/**
	 * Appends a message frame with an already encoded payload.
	 * @param header the header
	 * @param payload the payload bytes
	 * @param out the buffer
	 */
	public static void writeMessage(MessageHeader header, byte[] payload, ByteBuf out) {
		writeMessage(header, (buf) -> buf.writeBytes(payload), out);
	}

	/**
	 * Decodes one frame body: the {@code N} bytes after the length prefix.
	 * @param body the type byte and body; fully consumed
	 * @return the frame
	 * @throws FrameDecodingException if the frame is empty or malformed
	 */
	public static Frame decode(ByteBuf body) {
		return decode(body, PayloadRecognizer.NONE);
	}

	/**
	 * Decodes one frame body, asking a recognizer about each message payload of at least
	 * {@link CastyFrameDecoder#RECOGNIZED_PAYLOAD_BYTES}: one it recognises is not copied.
	 * @param body the type byte and body; fully consumed
	 * @param recognizer recognises payloads the receiver holds decoded already
	 * @return the frame
	 * @throws FrameDecodingException if the frame is empty or malformed
	 */
	public static Frame decode(ByteBuf body, PayloadRecognizer recognizer) {
		int length = body.readableBytes();
		if (length == 0) {
			throw new FrameDecodingException("Empty frame (length 0): it has no type byte");
		}
		int type = body.readUnsignedByte();
		return switch (type) {
			case Frame.TYPE_HANDSHAKE -> HandshakeReader.read(body);
			case Frame.TYPE_MESSAGE -> decodeMessage(body, recognizer);
			default -> {
				body.skipBytes(body.readableBytes());
				yield new Frame.Unknown(type, length - 1);
			}
		};
	}

	/**
	 * Hands a frame to {@code replies} if it is an ask reply whose header is in the exact form
	 * Casty writes, without decoding it into a {@link Frame}; reads the frame's bytes in
	 * place (through a per-thread scratch array when they are not in one heap array) and
	 * leaves the buffer's indexes as they are.
	 * @param frame holds the frame
	 * @param index where its body (the type byte, after the length prefix) starts
	 * @param length the body's length
	 * @param replies takes the reply
	 * @return whether {@code replies} took it; if not, decode the frame as usual
	 */
	static boolean takeAskReply(ByteBuf frame, int index, int length, DirectReplies replies) {
		if (length < 5 || length > MessageHeaderReader.MAX_SCRATCH || frame.getByte(index) != Frame.TYPE_MESSAGE) {
			return false;
		}
		long headerLength = frame.getUnsignedInt(index + 1);
		if (headerLength > length - 5) {
			return false;
		}
		byte[] bytes = MessageHeaderReader.bytesAt(frame, index, length);
		int offset = MessageHeaderReader.offsetAt(frame, index);
		int header = offset + 5;
		int askId = MessageHeaderReader.exactReplyIdAt(bytes, header, (int) headerLength);
		if (askId < 0) {
			return false;
		}
		int payload = header + (int) headerLength;
		return replies.take(CastyPaths.hex16(bytes, askId), CastyPaths.hex16(bytes, askId + 16), bytes, payload,
				offset + length - payload);
	}

	/**
	 * Decodes a whole frame including its length prefix, for tests and tools.
	 * @param frame the bytes
	 * @return the frame
	 */
	public static Frame decodeWhole(ByteBuf frame) {
		if (frame.readableBytes() < 4) {
			throw new FrameDecodingException("Truncated frame: " + frame.readableBytes() + " bytes, no length prefix");
		}
		long length = frame.readUnsignedInt();
		if (length != frame.readableBytes()) {
			throw new FrameDecodingException(
					"Frame length prefix says " + length + " bytes but " + frame.readableBytes() + " follow");
		}
		return decode(frame);
	}

	private static Frame.Message decodeMessage(ByteBuf body, PayloadRecognizer recognizer) {
		if (body.readableBytes() < 4) {
			throw new FrameDecodingException("Message frame too short for its header length");
		}
		long headerLength = body.readUnsignedInt();
		if (headerLength > body.readableBytes()) {
			throw new FrameDecodingException("Message header length " + headerLength + " exceeds the "
					+ body.readableBytes() + " bytes left in the frame");
		}
		MessageHeader header = MessageHeaderReader.read(body, (int) headerLength);
		if (body.readableBytes() >= CastyFrameDecoder.RECOGNIZED_PAYLOAD_BYTES) {
			int start = body.readerIndex();
			int end = body.writerIndex();
			Object recognized = recognizer.recognize(header, body);
			body.setIndex(start, end);
			if (recognized != null) {
				body.skipBytes(body.readableBytes());
				return Frame.Message.recognized(header, recognized);
			}
		}
		byte[] payload = ByteBufUtil.getBytes(body);
		body.skipBytes(body.readableBytes());
		return new Frame.Message(header, payload);
	}

	/**
	 * Formats a header the way Casty does, for logs and tests.
	 * @param header the header
	 * @return the JSON text
	 */
	public static String headerJson(MessageHeader header) {
		return new String(encodeHeader(header), StandardCharsets.UTF_8);
	}

}
