package io.casty.client.protocol.codec;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the value tree of well-formed JSON from a streaming parser, the tree a
 * {@code JsonMapper}'s {@code readTree} would build, without a mapper. Building a mapper
 * loads some 350 databind classes and took about 0.3 s of CPU in a fresh JVM, and the first
 * topology snapshot (whose sets and dicts the streaming value decoder leaves to the tree)
 * needed one. Anything unusual (malformed or empty input, trailing tokens, a repeated
 * member name) is left to the mapper, which then gives the result and the error message.
 *
 * @since 0.1.0
 */
final class JsonTreeReader {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private JsonTreeReader() {
	}

	/**
	 * Reads one JSON value, with the payload parser settings.
	 * @param bytes the UTF-8 bytes (already checked to be valid UTF-8)
	 * @param offset where the value starts
	 * @param length its length
	 * @return the tree, or {@code null} when the mapper must read these bytes
	 */
	static @Nullable JsonNode read(byte[] bytes, int offset, int length) {
		try (JsonParser parser = PayloadFormat.jsonParser(bytes, offset, length)) {
			JsonToken first = parser.nextToken();
			if (first == null) {
				return null;
			}
			JsonNode root = node(parser, first);
			if (root == null || parser.nextToken() != null) {
				return null;
			}
			return root;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static @Nullable JsonNode node(JsonParser p, @Nullable JsonToken token) {
		if (token == null) {
			return null;
		}
		return switch (token) {
			case START_OBJECT -> object(p);
			case START_ARRAY -> array(p);
			case VALUE_STRING -> NODES.stringNode(p.getString());
			case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
				case INT -> NODES.numberNode(p.getIntValue());
				case LONG -> NODES.numberNode(p.getLongValue());
				default -> NODES.numberNode(p.getBigIntegerValue());
			};
			case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDoubleValue());
			case VALUE_TRUE -> NODES.booleanNode(true);
			case VALUE_FALSE -> NODES.booleanNode(false);
			case VALUE_NULL -> NODES.nullNode();
			default -> null;
		};
	}

	private static @Nullable JsonNode object(JsonParser p) {
		ObjectNode object = NODES.objectNode();
		String name;
		while ((name = p.nextName()) != null) {
			JsonNode value = node(p, p.nextToken());
			if (value == null || object.replace(name, value) != null) {
				return null;
			}
		}
		return object;
	}

	private static @Nullable JsonNode array(JsonParser p) {
		ArrayNode array = NODES.arrayNode();
		JsonToken token;
		while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
			JsonNode value = node(p, token);
			if (value == null) {
				return null;
			}
			array.add(value);
		}
		return array;
	}

}
