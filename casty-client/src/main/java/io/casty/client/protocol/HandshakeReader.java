package io.casty.client.protocol;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a handshake frame's body for {@link FrameCodec#decode}: the usual form (a string
 * {@code host}, an {@code int} {@code port}, an optional {@code pipelined}) with a streaming
 * parser; any other form through a JSON tree, which accepts what Casty accepts (a port given
 * as a string) and explains what it rejects.
 */
final class HandshakeReader {

	private HandshakeReader() {
	}

	static Frame.Handshake read(ByteBuf body) {
		int length = body.readableBytes();
		if (!ByteBufUtil.isText(body, body.readerIndex(), length, StandardCharsets.UTF_8)) {
			// Jackson accepts overlong and out-of-range sequences (C0 AF reads as '/'); Casty does not
			throw new FrameDecodingException("The handshake is not valid UTF-8 JSON: malformed UTF-8 bytes");
		}
		byte[] bytes = new byte[length];
		body.readBytes(bytes);
		Frame.Handshake plain = readPlainHandshake(bytes);
		return (plain != null) ? plain : decodeHandshakeTree(bytes);
	}

	/**
	 * Streams a handshake of the usual form: one object with a string {@code host} and an
	 * {@code int} {@code port} in range, each once, any other members ignored.
	 * @return the handshake, or {@code null} for any other form, which the tree then reads
	 * and explains
	 */
	private static Frame.@Nullable Handshake readPlainHandshake(byte[] bytes) {
		String host = null;
		int port = -1;
		boolean pipelined = false;
		try (JsonParser parser = FrameCodec.JSON_FACTORY.createParser(bytes, 0, bytes.length)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				return null;
			}
			String name;
			while ((name = parser.nextName()) != null) {
				JsonToken value = parser.nextToken();
				if (name.equals("host")) {
					if (host != null || value != JsonToken.VALUE_STRING) {
						return null;
					}
					host = parser.getString();
				}
				else if (name.equals("port")) {
					if (port >= 0 || value != JsonToken.VALUE_NUMBER_INT
							|| parser.getNumberType() != JsonParser.NumberType.INT) {
						return null;
					}
					port = parser.getIntValue();
					if (port < 0 || port > 65535) {
						return null;
					}
				}
				else if (name.equals("pipelined")) {
					// the last one counts, as in the tree
					pipelined = value == JsonToken.VALUE_TRUE;
					if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
						parser.skipChildren();
					}
				}
				else if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
					parser.skipChildren();
				}
			}
			if (parser.nextToken() != null || host == null || port < 0) {
				return null;
			}
		}
		catch (JacksonException ex) {
			return null;
		}
		return new Frame.Handshake(host, port, pipelined);
	}

	private static Frame.Handshake decodeHandshakeTree(byte[] bytes) {
		JsonNode json = readJson(bytes, "handshake");
		JsonNode host = json.get("host");
		JsonNode port = json.get("port");
		if (!json.isObject() || host == null || !host.isString() || port == null) {
			throw new FrameDecodingException("Handshake must be a JSON object with string 'host' and integer 'port'");
		}
		int portNumber;
		if (port.isIntegralNumber() && port.canConvertToInt()) {
			portNumber = port.intValue();
		}
		else if (port.isString() && port.stringValue().matches("\\d{1,5}")) {
			portNumber = Integer.parseInt(port.stringValue()); // Casty passes it through int()
		}
		else {
			throw new FrameDecodingException("Handshake 'port' is not an integer: " + port);
		}
		if (portNumber < 0 || portNumber > 65535) {
			throw new FrameDecodingException("Handshake 'port' is outside 0-65535: " + portNumber);
		}
		JsonNode pipelined = json.get("pipelined");
		return new Frame.Handshake(host.stringValue(), portNumber, pipelined != null && pipelined.isBoolean()
				&& pipelined.booleanValue());
	}

	private static JsonNode readJson(byte[] bytes, String what) {
		try {
			JsonNode json = Trees.MAPPER.readTree(bytes);
			if (json == null || !json.isObject()) {
				throw new FrameDecodingException("The " + what + " is not a JSON object");
			}
			return json;
		}
		catch (JacksonException ex) {
			throw new FrameDecodingException("The " + what + " is not valid UTF-8 JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	/**
	 * The tree mapper, built on first use: building a {@code JsonMapper} loads some 350
	 * databind classes, which the usual handshake and headers never need.
	 */
	private static final class Trees {

		static final JsonMapper MAPPER = JsonMapper.builder(FrameCodec.JSON_FACTORY)
			.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.build();

	}

}
