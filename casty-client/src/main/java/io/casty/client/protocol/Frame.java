package io.casty.client.protocol;

import java.util.Objects;

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
	 * A handshake: the sender's advertised identity.
	 *
	 * @param host the advertised host
	 * @param port the advertised port
	 */
	record Handshake(String host, int port) implements Frame {

		public Handshake {
			Objects.requireNonNull(host, "host");
		}

	}

	/**
	 * A message: header and the payload bytes, not yet decoded.
	 *
	 * @param header the header
	 * @param payload the payload (serializer output, possibly compressed)
	 */
	record Message(MessageHeader header, byte[] payload) implements Frame {

		public Message {
			Objects.requireNonNull(header, "header");
			Objects.requireNonNull(payload, "payload");
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
