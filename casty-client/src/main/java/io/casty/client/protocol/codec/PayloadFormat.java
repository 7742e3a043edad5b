package io.casty.client.protocol.codec;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import io.casty.client.MessageCodecException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The payload serializers a Casty cluster can be configured with that a JVM can speak.
 * Every node and client of a cluster must use the same one; nothing on the wire says which.
 *
 * @since 0.1.0
 */
public enum PayloadFormat {

	/** Casty's {@code JsonSerializer}. */
	JSON {

		@Override
		public TreeWriter writer(ByteBuf out) {
			return PythonJsonWriter.of(out);
		}

		@Override
		public JsonNode read(ByteBuf in) {
			int length = in.readableBytes();
			byte[] bytes = arrayOf(in);
			int offset = arrayOffset(in);
			// Jackson accepts overlong and out-of-range sequences (C0 AF reads as '/'); Casty does not
			if (!Utf8.isValid(bytes, offset, length)) {
				throw new MessageCodecException("Payload is not valid JSON: malformed UTF-8 bytes");
			}
			JsonNode tree = JsonTreeReader.read(bytes, offset, length);
			if (tree != null) {
				return tree;
			}
			try {
				tree = Trees.MAPPER.readTree(bytes, offset, length);
			}
			catch (JacksonException ex) {
				throw new MessageCodecException("Payload is not valid JSON: " + ex.getOriginalMessage(), ex);
			}
			if (tree == null || tree.isMissingNode()) {
				// Jackson reads blank input as "no value"; Python's json.loads rejects it
				throw new MessageCodecException("Payload is not valid JSON: it holds no value");
			}
			return tree;
		}

	},

	/** Casty's {@code MsgpackSerializer}: the same tree as JSON, packed with msgpack. */
	MSGPACK {

		@Override
		public TreeWriter writer(ByteBuf out) {
			return new MsgpackWriter(out);
		}

		@Override
		public JsonNode read(ByteBuf in) {
			try (MessageUnpacker unpacker = UNPACKER_CONFIG.newUnpacker(arrayOf(in), arrayOffset(in),
					in.readableBytes())) {
				JsonNode root = readMsgpack(unpacker, 0);
				if (unpacker.hasNext()) {
					throw new MessageCodecException("msgpack payload has trailing bytes after the root value");
				}
				return root;
			}
			catch (IOException | org.msgpack.core.MessagePackException ex) {
				throw new MessageCodecException("Payload is not valid msgpack: " + ex.getMessage(), ex);
			}
		}

	};

	/** How deep a payload tree may nest before it is rejected. */
	public static final int MAX_DEPTH = 500;

	// Payloads are read on the client's I/O threads (platform threads): a thread-local buffer
	// pool avoids the default pool's shared deque on every read. A factory of streaming
	// parsers only: the common payloads never need databind (see Trees).
	private static final JsonFactory JSON_FACTORY = JsonFactory.builder()
		.recyclerPool(JsonRecyclerPools.threadLocalPool())
		.enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
		.build();

	private static final MessagePack.UnpackerConfig UNPACKER_CONFIG = new MessagePack.UnpackerConfig()
		.withActionOnMalformedString(CodingErrorAction.REPORT)
		.withActionOnUnmappableString(CodingErrorAction.REPORT);

	/**
	 * Returns a writer that appends this format's encoding of one tree to {@code out}: call
	 * {@link TreeWriter#finish()} after the root value, or {@link TreeWriter#discard()} if
	 * writing it failed, and do not use the writer after that (it may be reused).
	 * @param out the buffer
	 * @return the writer
	 */
	public abstract TreeWriter writer(ByteBuf out);

	/**
	 * Parses one whole payload into its value tree.
	 * @param in the payload bytes (all readable bytes are consumed as one value)
	 * @return the tree
	 * @throws MessageCodecException if the bytes are not one valid value
	 */
	public abstract JsonNode read(ByteBuf in);

	/**
	 * Parses JSON text with the settings used for payloads and headers.
	 * @param bytes the UTF-8 bytes
	 * @return the tree
	 */
	static JsonNode readJson(byte[] bytes) {
		return Trees.MAPPER.readTree(bytes);
	}

	/**
	 * A streaming parser over JSON bytes, with the payload settings.
	 * @param bytes the bytes
	 * @param offset where the value starts
	 * @param length its length
	 * @return the parser
	 */
	static tools.jackson.core.JsonParser jsonParser(byte[] bytes, int offset, int length) {
		return JSON_FACTORY.createParser(bytes, offset, length);
	}

	/** The bytes behind a buffer, without a copy when it has a backing array. */
	private static byte[] arrayOf(ByteBuf in) {
		return in.hasArray() ? in.array() : ByteBufUtil.getBytes(in);
	}

	/** Where the readable bytes start in {@link #arrayOf(ByteBuf)}. */
	private static int arrayOffset(ByteBuf in) {
		return in.hasArray() ? in.arrayOffset() + in.readerIndex() : 0;
	}

	private static JsonNode readMsgpack(MessageUnpacker unpacker, int depth) throws IOException {
		JsonNodeFactory nodes = JsonNodeFactory.instance;
		if (depth > MAX_DEPTH) {
			throw new MessageCodecException("msgpack payload nests deeper than " + MAX_DEPTH + " levels");
		}
		MessageFormat format = unpacker.getNextFormat();
		switch (format.getValueType()) {
			case NIL -> {
				unpacker.unpackNil();
				return nodes.nullNode();
			}
			case BOOLEAN -> {
				return nodes.booleanNode(unpacker.unpackBoolean());
			}
			case INTEGER -> {
				if (format == MessageFormat.UINT64) {
					BigInteger big = unpacker.unpackBigInteger();
					return (big.bitLength() < 64) ? nodes.numberNode(big.longValue()) : nodes.numberNode(big);
				}
				return nodes.numberNode(unpacker.unpackLong());
			}
			case FLOAT -> {
				return nodes.numberNode(unpacker.unpackDouble());
			}
			case STRING -> {
				return nodes.stringNode(unpacker.unpackString());
			}
			case BINARY -> {
				int length = unpacker.unpackBinaryHeader();
				return nodes.binaryNode(unpacker.readPayload(length));
			}
			case ARRAY -> {
				int size = unpacker.unpackArrayHeader();
				ArrayNode array = nodes.arrayNode();
				for (int i = 0; i < size; i++) {
					array.add(readMsgpack(unpacker, depth + 1));
				}
				return array;
			}
			case MAP -> {
				int size = unpacker.unpackMapHeader();
				ObjectNode object = nodes.objectNode();
				for (int i = 0; i < size; i++) {
					if (unpacker.getNextFormat().getValueType() != org.msgpack.value.ValueType.STRING) {
						throw new MessageCodecException("msgpack map key is not a string (Casty never sends such keys)");
					}
					String key = unpacker.unpackString();
					object.set(key, readMsgpack(unpacker, depth + 1));
				}
				return object;
			}
			default -> throw new MessageCodecException("msgpack " + format + " values are not used by Casty");
		}
	}

	/**
	 * The tree mapper, built on first use: only JSON that {@link JsonTreeReader} leaves to
	 * it (malformed, empty, trailing tokens, repeated names) and {@link #readJson(byte[])}
	 * need it. Building a {@code JsonMapper} loads some 350 databind classes.
	 */
	private static final class Trees {

		static final JsonMapper MAPPER = JsonMapper.builder(JSON_FACTORY)
			.enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
			.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.build();

	}

}
