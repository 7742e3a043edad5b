package io.casty.client.protocol.codec;

import java.lang.reflect.Type;
import java.util.Objects;

import io.casty.client.MessageCodecException;
import io.casty.client.protocol.messages.ShardEnvelope;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Encodes Java messages to Casty payload bytes and back: the registry's type mapping, a
 * {@link PayloadFormat} and an optional {@link Compression}. Thread-safe.
 *
 * @since 0.1.0
 */
public final class MessageCodec {

	/** The largest decompressed payload accepted by default. */
	public static final int DEFAULT_MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;

	private final MessageTypeRegistry registry;

	private final PayloadFormat format;

	private final Compression compression;

	private final int compressionLevel;

	private final int maxPayloadBytes;

	private final ValueEncoder encoder;

	private final ValueDecoder decoder;

	private final StreamingJsonDecoder streaming;

	/**
	 * Creates a JSON codec without compression.
	 * @param registry the message types
	 */
	public MessageCodec(MessageTypeRegistry registry) {
		this(registry, PayloadFormat.JSON, Compression.NONE, Compression.DEFAULT_LEVEL, DEFAULT_MAX_PAYLOAD_BYTES);
	}

	/**
	 * Creates a codec.
	 * @param registry the message types
	 * @param format the serializer every node of the cluster uses
	 * @param compression the compression every node of the cluster uses
	 * @param compressionLevel the level, 0-9
	 * @param maxPayloadBytes the largest decompressed payload accepted
	 */
	public MessageCodec(MessageTypeRegistry registry, PayloadFormat format, Compression compression,
			int compressionLevel, int maxPayloadBytes) {
		this.registry = Objects.requireNonNull(registry, "registry");
		this.format = Objects.requireNonNull(format, "format");
		this.compression = Objects.requireNonNull(compression, "compression");
		if (compressionLevel < 0 || compressionLevel > 9) {
			throw new IllegalArgumentException("Compression level must be 0-9, was " + compressionLevel);
		}
		this.compressionLevel = compressionLevel;
		this.maxPayloadBytes = maxPayloadBytes;
		this.encoder = new ValueEncoder(registry);
		this.decoder = new ValueDecoder(registry);
		this.streaming = new StreamingJsonDecoder(registry);
	}

	public MessageTypeRegistry registry() {
		return this.registry;
	}

	public PayloadFormat format() {
		return this.format;
	}

	public Compression compression() {
		return this.compression;
	}

	/**
	 * Appends the payload of {@code message} to {@code out}.
	 * @param message the message
	 * @param out the buffer
	 * @throws MessageCodecException if the message cannot be represented; nothing is
	 * appended then
	 */
	public void encode(@Nullable Object message, ByteBuf out) {
		encode(null, message, out);
	}

	/**
	 * Appends the payload of {@code message}, or of its {@link ShardEnvelope} when
	 * {@code entityId} is given, compressed as configured; nothing is appended if it fails.
	 */
	private void encode(@Nullable String entityId, @Nullable Object message, ByteBuf out) {
		int start = out.writerIndex();
		try {
			if (this.compression == Compression.NONE) {
				write(entityId, message, out);
			}
			else {
				ByteBuf plain = Unpooled.buffer(256);
				write(entityId, message, plain);
				out.writeBytes(this.compression.compress(ByteBufUtil.getBytes(plain), this.compressionLevel));
			}
		}
		catch (RuntimeException ex) {
			out.writerIndex(start);
			String what = (entityId != null) ? ShardEnvelope.class.getName() : message.getClass().getName();
			throw (ex instanceof MessageCodecException) ? ex
					: new MessageCodecException("Cannot encode " + what + ": " + ex, ex);
		}
	}

	/** Writes {@code message}, or a {@link ShardEnvelope} of it when {@code entityId} is given. */
	private void write(@Nullable String entityId, @Nullable Object message, ByteBuf out) {
		TreeWriter writer = this.format.writer(out);
		try {
			if (entityId != null) {
				this.encoder.writeEnvelope(entityId, message, writer);
			}
			else {
				this.encoder.write(message, writer);
			}
			writer.finish();
		}
		catch (RuntimeException ex) {
			writer.discard();
			throw ex;
		}
	}

	/**
	 * Encodes a {@link ShardEnvelope} of a message for an entity, appending it to a buffer:
	 * the bytes {@link #encode(Object, ByteBuf)} writes for {@code new ShardEnvelope(entityId,
	 * message)}, without making the envelope.
	 * @param entityId the entity
	 * @param message what the entity receives
	 * @param out the buffer; left as it was if encoding fails
	 * @throws MessageCodecException if the message cannot be encoded
	 */
	public void encodeEnvelope(String entityId, @Nullable Object message, ByteBuf out) {
		encode(Objects.requireNonNull(entityId, "entityId"), message, out);
	}

	/**
	 * What Casty puts in the {@code type_hint} header for a {@link ShardEnvelope}.
	 * @return the Python {@code module.qualname} of the envelope
	 */
	public String envelopeTypeHint() {
		return this.encoder.envelopeTypeHint();
	}

	/**
	 * Encodes a message to a new byte array.
	 * @param message the message
	 * @return the payload
	 */
	public byte[] encode(@Nullable Object message) {
		ByteBuf out = Unpooled.buffer(128);
		encode(message, out);
		return ByteBufUtil.getBytes(out);
	}

	/**
	 * Decompresses and parses a payload into its value tree.
	 * @param payload the payload bytes
	 * @return the tree
	 * @throws MessageCodecException if the payload is malformed
	 */
	public JsonNode readTree(byte[] payload) {
		if (payload.length == 0) {
			throw new MessageCodecException("Payload is empty");
		}
		byte[] plain = this.compression.decompress(payload, this.maxPayloadBytes);
		return this.format.read(Unpooled.wrappedBuffer(plain));
	}

	/**
	 * Decodes a payload by its shape alone.
	 * @param payload the payload bytes
	 * @return the value: a registered record or enum, {@link io.casty.client.DataclassValue},
	 * String, Integer/Long/BigInteger, Double, Boolean, List, Set, Map, Tuple, ActorRef,
	 * a raw JsonNode for plain objects, or null
	 */
	public @Nullable Object decode(byte[] payload) {
		return decode(payload, (Type) Object.class);
	}

	/**
	 * Decodes a payload into an expected type.
	 * @param <T> the type
	 * @param payload the payload bytes
	 * @param type the expected type
	 * @return the value
	 * @throws io.casty.client.UnknownMessageTypeException if the payload names an
	 * unregistered type where a Java type is expected
	 * @throws MessageCodecException if the payload does not fit the expected type
	 */
	@SuppressWarnings("unchecked")
	public <T> @Nullable T decode(byte[] payload, Class<T> type) {
		return (T) decode(payload, (Type) type);
	}

	/**
	 * Decodes a payload into an expected, possibly generic, type. JSON payloads of the common
	 * shapes are read without building a tree; every other payload, and every error, goes
	 * through {@link #readTree(byte[])} and {@link #convert(JsonNode, Type)}, which give the
	 * same values.
	 * @param payload the payload bytes
	 * @param type the expected type; {@code Object.class} decodes by shape
	 * @return the value
	 * @throws io.casty.client.UnknownMessageTypeException if the payload names an
	 * unregistered type where a Java type is expected
	 * @throws MessageCodecException if the payload is malformed or does not fit the type
	 */
	public @Nullable Object decode(byte[] payload, Type type) {
		return decode(payload, 0, payload.length, type);
	}

	/**
	 * Decodes a payload held in a range of an array into an expected, possibly generic, type,
	 * as {@link #decode(byte[], Type)} does; the array is read during the call only (the
	 * common JSON shapes are read in place, everything else from a copy of the range).
	 * @param bytes holds the payload
	 * @param offset where it starts
	 * @param length its length in bytes
	 * @param type the expected type; {@code Object.class} decodes by shape
	 * @return the value
	 * @throws io.casty.client.UnknownMessageTypeException if the payload names an
	 * unregistered type where a Java type is expected
	 * @throws MessageCodecException if the payload is malformed or does not fit the type
	 */
	public @Nullable Object decode(byte[] bytes, int offset, int length, Type type) {
		Objects.checkFromIndexSize(offset, length, bytes.length);
		if (this.format == PayloadFormat.JSON && this.compression == Compression.NONE && length > 0
				&& Utf8.isValid(bytes, offset, length)) {
			Object value = this.streaming.decode(bytes, offset, length, type);
			if (value != StreamingJsonDecoder.GAVE_UP) {
				return value;
			}
		}
		byte[] payload = (offset == 0 && length == bytes.length) ? bytes
				: java.util.Arrays.copyOfRange(bytes, offset, offset + length);
		return convert(readTree(payload), type);
	}

	/**
	 * Decodes a payload through its tree only (no streaming fast path); for tests that check
	 * both paths agree.
	 * @param payload the payload bytes
	 * @param type the expected type
	 * @return the value
	 */
	@Nullable Object decodeThroughTree(byte[] payload, Type type) {
		return convert(readTree(payload), type);
	}

	/**
	 * Converts a parsed tree into an expected (possibly generic) type.
	 * @param tree the tree
	 * @param type the expected type; {@code Object.class} decodes by shape
	 * @return the value
	 */
	public @Nullable Object convert(JsonNode tree, Type type) {
		return this.decoder.decode(tree, type);
	}

	/**
	 * Returns what Casty would put in the {@code type_hint} header for a message.
	 * @param message the message
	 * @return the Python {@code module.qualname} of its type
	 */
	public String typeHint(@Nullable Object message) {
		return this.encoder.typeHint(message);
	}

}
