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
import io.netty.buffer.ByteBufUtil;
import org.jspecify.annotations.Nullable;

/**
 * Turns outbound messages into {@link EncodedMessage}s at the API edge, in the caller's
 * thread: it checks the message's type is registered, then encodes the payload with the
 * client's {@link MessageCodec} (serializer and compression) and takes its type hint.
 * Thread-safe.
 *
 * @since 0.1.0
 */
public final class MessageEncoder {

	private final MessageCodec codec;

	/**
	 * Creates an encoder.
	 * @param codec the client's codec
	 */
	public MessageEncoder(MessageCodec codec) {
		this.codec = Objects.requireNonNull(codec, "codec");
	}

	/**
	 * Encodes a message for an actor path.
	 * @param message the message
	 * @return the encoded message
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
	 * @return the encoded envelope
	 * @throws UnknownMessageTypeException if the message is a record of an unregistered type
	 * @throws io.casty.client.MessageCodecException if the message cannot be encoded
	 */
	public EncodedMessage encodeForEntity(String entityId, @Nullable Object message) {
		checkEncodable(message);
		return encodeChecked(new ShardEnvelope(entityId, message));
	}

	private EncodedMessage encodeChecked(@Nullable Object message) {
		String typeHint = this.codec.typeHint(message);
		ByteBuf scratch = ByteBufAllocator.DEFAULT.heapBuffer(256);
		try {
			this.codec.encode(message, scratch);
			return new EncodedMessage(typeHint, ByteBufUtil.getBytes(scratch));
		}
		finally {
			scratch.release();
		}
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
