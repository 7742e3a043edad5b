package io.casty.client.protocol;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One decoded transport frame.
 *
 * @since 0.1.0
 */
public sealed interface Frame {

	/** Frame type byte of a handshake. */
	byte TYPE_HANDSHAKE = 0x00;

	/** Frame type byte of a message. */
	byte TYPE_MESSAGE = 0x01;

	/**
	 * A handshake: the sender's advertised identity, and whether the sender declared that it
	 * reads a connection's messages without waiting for each to be handled (JSON
	 * {@code "pipelined": true}; Casty v0.21.0 nodes declare nothing, as they handle one
	 * message of a connection at a time).
	 *
	 * @param host the advertised host
	 * @param port the advertised port
	 * @param pipelined whether the sender declared {@code "pipelined": true}
	 */
	record Handshake(String host, int port, boolean pipelined) implements Frame {

		public Handshake {
			Objects.requireNonNull(host, "host");
		}

		/**
		 * A handshake that declares nothing beyond the identity, as Casty's own.
		 * @param host the advertised host
		 * @param port the advertised port
		 */
		public Handshake(String host, int port) {
			this(host, port, false);
		}

	}

	/**
	 * A message: header and the payload bytes, not yet decoded; or, for a payload the
	 * receiver recognised as one it holds decoded already ({@link PayloadRecognizer}),
	 * that value instead of the bytes, which were not copied.
	 *
	 * @param header the header
	 * @param payload the payload (serializer output, possibly compressed); empty when
	 * {@code recognized} is set
	 * @param recognized the value the payload's bytes encode, when the receiver recognised
	 * them; else {@code null}
	 */
	record Message(MessageHeader header, byte[] payload, @Nullable Object recognized) implements Frame {

		private static final byte[] NOT_COPIED = new byte[0];

		public Message {
			Objects.requireNonNull(header, "header");
			Objects.requireNonNull(payload, "payload");
		}

		/**
		 * A message with its payload bytes.
		 * @param header the header
		 * @param payload the payload
		 */
		public Message(MessageHeader header, byte[] payload) {
			this(header, payload, null);
		}

		/**
		 * A message whose payload was recognised and not copied.
		 * @param header the header
		 * @param recognized the value its payload encodes
		 * @return the frame
		 */
		public static Message recognized(MessageHeader header, Object recognized) {
			return new Message(header, NOT_COPIED, Objects.requireNonNull(recognized, "recognized"));
		}

	}

	/**
	 * A frame of a type Casty ignores after the handshake; receivers skip it.
	 *
	 * @param type the type byte
	 * @param length the body length
	 */
	record Unknown(int type, int length) implements Frame {
	}

	/**
	 * A frame that could not be decoded; it was consumed whole, so the stream stays in step
	 * and the next frame decodes normally.
	 *
	 * @param error why
	 */
	record Invalid(FrameDecodingException error) implements Frame {
	}

}
