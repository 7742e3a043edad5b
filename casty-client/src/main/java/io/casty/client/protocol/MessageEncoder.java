package io.casty.client.protocol;

import java.util.Objects;

import io.casty.client.ActorRef;
import io.casty.client.DataclassValue;
import io.casty.client.EnumValue;
import io.casty.client.Tuple;
import io.casty.client.UnknownMessageTypeException;
import io.casty.client.protocol.codec.MessageCodec;
import io.casty.client.protocol.messages.ShardEnvelope;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.jspecify.annotations.Nullable;

/**
 * Turns outbound messages into {@link EncodedMessage}s at the API edge, in the caller's
 * thread: it checks the message's type is registered, then encodes the payload with the
 * client's {@link MessageCodec} (serializer and compression) and takes its type hint. The
 * payload goes into a pooled buffer behind room for its frame's header (see
 * {@link EncodedMessage}), so whoever gets an encoded message must send or release it.
 * Thread-safe.
 *
 * @since 0.1.0
 */
public final class MessageEncoder {

	/** Room before a payload at first: a header of Casty's URIs and type hint fits. */
	static final int DEFAULT_HEADROOM = 256;

	/** The most room left before a payload; a longer header makes the frame a new buffer. */
	static final int MAX_HEADROOM = 2048;

	private static final int INITIAL_PAYLOAD_CAPACITY = 256;

	private final MessageCodec codec;

	private final ByteBufAllocator allocator;

	/** Grows when a header did not fit ({@link #headerDidNotFit}); a hint, so races are harmless. */
	private volatile int headroom = DEFAULT_HEADROOM;

	/**
	 * Creates an encoder.
	 * @param codec the client's codec
	 */
	public MessageEncoder(MessageCodec codec) {
		this(codec, ByteBufAllocator.DEFAULT);
	}

	/**
	 * Creates an encoder whose payload buffers come from an allocator.
	 * @param codec the client's codec
	 * @param allocator gives the payload buffers
	 */
	public MessageEncoder(MessageCodec codec, ByteBufAllocator allocator) {
		this.codec = Objects.requireNonNull(codec, "codec");
		this.allocator = Objects.requireNonNull(allocator, "allocator");
	}

	/**
	 * Encodes a message for an actor path.
	 * @param message the message
	 * @return the encoded message, to send (or {@link EncodedMessage#release() release})
	 * @throws UnknownMessageTypeException if the message is a record of an unregistered type
	 * @throws io.casty.client.MessageCodecException if the message cannot be encoded
	 */
	public EncodedMessage encode(@Nullable Object message) {
		checkEncodable(message);
		return encodeChecked(message);
	}

	/**
	 * Encodes a message for an entity: a {@link ShardEnvelope} around it, as a shard region
	 * expects.
	 * @param entityId the entity
	 * @param message what the entity receives
	 * @return the encoded envelope, to send (or {@link EncodedMessage#release() release})
	 * @throws UnknownMessageTypeException if the message is a record of an unregistered type
	 * @throws io.casty.client.MessageCodecException if the message cannot be encoded
	 */
	public EncodedMessage encodeForEntity(String entityId, @Nullable Object message) {
		checkEncodable(message);
		Objects.requireNonNull(entityId, "entityId");
		// the envelope's bytes are written without making the envelope
		return encodeChecked(entityId, message);
	}

	private EncodedMessage encodeChecked(@Nullable Object message) {
		return encodeChecked(null, message);
	}

	/** Encodes {@code message}, or its {@link ShardEnvelope} when {@code entityId} is given. */
	private EncodedMessage encodeChecked(@Nullable String entityId, @Nullable Object message) {
		String typeHint = (entityId != null) ? this.codec.envelopeTypeHint() : this.codec.typeHint(message);
		int room = this.headroom;
		ByteBuf buffer = this.allocator.buffer(room + INITIAL_PAYLOAD_CAPACITY);
		buffer.setIndex(room, room);
		try {
			if (entityId != null) {
				this.codec.encodeEnvelope(entityId, message, buffer);
			}
			else {
				this.codec.encode(message, buffer);
			}
		}
		catch (RuntimeException ex) {
			buffer.release();
			throw ex;
		}
		return new EncodedMessage(typeHint, buffer, this);
	}

	/**
	 * A frame's header and prefix did not fit in the room before a payload: leave more room
	 * from now on, up to {@link #MAX_HEADROOM}.
	 * @param prefix the bytes the frame needed before the payload
	 */
	void headerDidNotFit(int prefix) {
		int room = this.headroom;
		if (prefix > room && room < MAX_HEADROOM) {
			this.headroom = Math.min(MAX_HEADROOM, Math.max(prefix, 2 * room));
		}
	}

	/**
	 * The room left before each payload for its frame's length, type and header.
	 * @return the bytes
	 */
	int headroom() {
		return this.headroom;
	}

	/**
	 * Checks that a message's type is known to the codec (a record must be registered).
	 * @param message the message
	 * @throws UnknownMessageTypeException if it is a record of an unregistered type
	 */
	public void checkEncodable(@Nullable Object message) {
		if (message instanceof Record && !(message instanceof Tuple) && !(message instanceof DataclassValue)
				&& !(message instanceof EnumValue) && !(message instanceof ActorRef)
				&& !this.codec.registry().isRegistered(message.getClass())) {
			throw new UnknownMessageTypeException(message.getClass().getName(), message.getClass().getName()
					+ " is not a registered message type: annotate it with @CastyMessage(\"<python module>.<ClassName>\")"
					+ " and register it (CastyClientOptions.messageTypes or the entity's message type)");
		}
	}

}
