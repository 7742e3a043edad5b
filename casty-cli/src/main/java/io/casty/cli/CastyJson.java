package io.casty.cli;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.casty.client.ActorRef;
import io.casty.client.DataclassValue;
import io.casty.client.EnumValue;
import io.casty.client.Tuple;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Casty's JSON message notation, both ways, as generic values the client encodes without a
 * Java class per message: {@code {"_type": "shop.messages.AddPoints", "amount": 5}} becomes a
 * {@link DataclassValue}; {@code __ref__}, {@code __enum__}, {@code __frozenset__},
 * {@code __dict__} and {@code __tuple__} markers become refs, {@link EnumValue}s, sets, maps
 * and {@link Tuple}s; integers stay integers and {@code 1.0} stays a float. A plain object
 * is a {@code dict} with string keys.
 *
 * @since 0.1.0
 */
final class CastyJson {

	static final ObjectMapper MAPPER = JsonMapper.builder().build();

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private CastyJson() {
	}

	/**
	 * Parses a message.
	 * @param text the JSON
	 * @return the message
	 * @throws CliException (usage) if it is not JSON or not a dataclass object
	 */
	static DataclassValue parseMessage(String text) {
		JsonNode node;
		try {
			node = MAPPER.readTree(text);
		}
		catch (JacksonException ex) {
			String reason = ex.getOriginalMessage();
			int detail = reason.indexOf(" (");
			if (detail > 0) {
				reason = reason.substring(0, detail);
			}
			if (ex.getLocation() != null) {
				reason += " at column " + ex.getLocation().getColumnNr();
			}
			throw new CliException(ExitCodes.USAGE, "The message is not valid JSON: " + reason + " (write it as Casty's JSON, e.g. '{\"_type\": \"shop.messages.AddPoints\", \"amount\": 5}')");
		}
		if (node == null || !node.isObject() || node.get("_type") == null || !node.get("_type").isString()) {
			throw new CliException(ExitCodes.USAGE, "The message must be a JSON object with a \"_type\" naming the "
					+ "Python dataclass (module.qualname), e.g. '{\"_type\": \"shop.messages.AddPoints\", \"amount\": 5}'");
		}
		return (DataclassValue) toValue(node, "$");
	}

	/**
	 * Converts a JSON tree to the value the client encodes.
	 * @param node the tree
	 * @param path where it is in the message, for errors
	 * @return the value
	 */
	static @Nullable Object toValue(JsonNode node, String path) {
		if (node.isNull() || node.isMissingNode()) {
			return null;
		}
		if (node.isBoolean()) {
			return node.booleanValue();
		}
		if (node.isIntegralNumber()) {
			BigInteger value = node.bigIntegerValue();
			return (value.bitLength() < 64) ? (Object) value.longValue() : value;
		}
		if (node.isNumber()) {
			return node.doubleValue();
		}
		if (node.isString()) {
			return node.stringValue();
		}
		if (node.isArray()) {
			return items(node, path);
		}
		JsonNode marker;
		if ((marker = node.get("__ref__")) != null && marker.isString()) {
			try {
				return ActorRef.parse(marker.stringValue());
			}
			catch (RuntimeException ex) {
				throw new CliException(ExitCodes.USAGE, path + ": " + ex.getMessage());
			}
		}
		if ((marker = node.get("__enum__")) != null && marker.isString()) {
			JsonNode value = node.get("value");
			if (value == null || !value.isString()) {
				throw new CliException(ExitCodes.USAGE,
						path + ": an __enum__ needs a string \"value\", the member's name");
			}
			return new EnumValue(marker.stringValue(), value.stringValue());
		}
		if ((marker = node.get("__frozenset__")) != null && marker.isArray()) {
			return new LinkedHashSet<>(items(marker, path));
		}
		if ((marker = node.get("__tuple__")) != null && marker.isArray()) {
			return new Tuple(items(marker, path));
		}
		if ((marker = node.get("__dict__")) != null && marker.isArray()) {
			Map<@Nullable Object, @Nullable Object> map = new LinkedHashMap<>();
			int i = 0;
			for (JsonNode pair : marker) {
				if (!pair.isArray() || pair.size() != 2) {
					throw new CliException(ExitCodes.USAGE, path + ".__dict__[" + i + "]: entries are [key, value] pairs");
				}
				map.put(toValue(pair.get(0), path + ".__dict__[" + i + "][0]"),
						toValue(pair.get(1), path + ".__dict__[" + i + "][1]"));
				i++;
			}
			return map;
		}
		if ((marker = node.get("_type")) != null && marker.isString()) {
			Map<String, @Nullable Object> fields = new LinkedHashMap<>();
			for (Map.Entry<String, JsonNode> field : node.properties()) {
				if (!field.getKey().equals("_type")) {
					fields.put(field.getKey(), toValue(field.getValue(), path + "." + field.getKey()));
				}
			}
			return new DataclassValue(marker.stringValue(), fields);
		}
		Map<String, @Nullable Object> map = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> field : node.properties()) {
			map.put(field.getKey(), toValue(field.getValue(), path + "." + field.getKey()));
		}
		return map;
	}

	private static List<@Nullable Object> items(JsonNode array, String path) {
		List<@Nullable Object> items = new ArrayList<>();
		int i = 0;
		for (JsonNode item : array) {
			items.add(toValue(item, path + "[" + i++ + "]"));
		}
		return items;
	}

	/**
	 * Converts a decoded value (a reply) to Casty's JSON notation.
	 * @param value the value
	 * @return the tree
	 */
	static JsonNode toJson(@Nullable Object value) {
		if (value == null) {
			return NODES.nullNode();
		}
		if (value instanceof JsonNode node) {
			return node;
		}
		if (value instanceof String text) {
			return NODES.stringNode(text);
		}
		if (value instanceof Boolean flag) {
			return NODES.booleanNode(flag);
		}
		if (value instanceof Double || value instanceof Float) {
			return NODES.numberNode(((Number) value).doubleValue());
		}
		if (value instanceof BigInteger big) {
			return NODES.numberNode(big);
		}
		if (value instanceof Number number) {
			return NODES.numberNode(number.longValue());
		}
		if (value instanceof byte[] bytes) {
			return NODES.stringNode(Base64.getEncoder().encodeToString(bytes));
		}
		if (value instanceof ActorRef<?> ref) {
			return NODES.objectNode().put("__ref__", ref.uri());
		}
		if (value instanceof EnumValue enumValue) {
			return NODES.objectNode().put("__enum__", enumValue.type()).put("value", enumValue.member());
		}
		if (value instanceof Tuple tuple) {
			ObjectNode node = NODES.objectNode();
			node.set("__tuple__", array(tuple.items()));
			return node;
		}
		if (value instanceof DataclassValue dataclass) {
			ObjectNode node = NODES.objectNode().put("_type", dataclass.type());
			dataclass.fields().forEach((name, field) -> node.set(name, toJson(field)));
			return node;
		}
		if (value instanceof Set<?> set) {
			ObjectNode node = NODES.objectNode();
			node.set("__frozenset__", array(set));
			return node;
		}
		if (value instanceof Collection<?> list) {
			return array(list);
		}
		if (value instanceof Map<?, ?> map) {
			ArrayNode pairs = NODES.arrayNode();
			map.forEach((k, v) -> pairs.add(NODES.arrayNode().add(toJson(k)).add(toJson(v))));
			ObjectNode node = NODES.objectNode();
			node.set("__dict__", pairs);
			return node;
		}
		if (value instanceof Enum<?> constant) {
			return NODES.stringNode(constant.name());
		}
		return NODES.stringNode(value.toString());
	}

	private static ArrayNode array(Collection<?> items) {
		ArrayNode array = NODES.arrayNode();
		for (Object item : items) {
			array.add(toJson(item));
		}
		return array;
	}

}
