package io.casty.client.protocol.codec;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.casty.client.ActorRef;
import io.casty.client.DataclassValue;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

/**
 * The fast path of JSON payload decoding: reads the common shapes (scalars, lists,
 * dataclasses tagged by a leading {@code _type}, actor refs) straight from the parser into
 * Java values, without building a tree. Anything else, and every error, makes it give up
 * ({@link #GAVE_UP}); the caller then decodes the payload again through the tree
 * ({@link ValueDecoder}), which defines the results and the error messages. So this class
 * only ever returns what the tree decoder would return for the same bytes.
 *
 * @since 0.1.0
 */
final class StreamingJsonDecoder {

	/** Returned when the payload is not of a shape this decoder reads. */
	static final Object GAVE_UP = new Object();

	/** Nesting beyond this is left to the tree decoder (and its limit). */
	private static final int MAX_DEPTH = 32;

	private static final GiveUp GIVE_UP = new GiveUp();

	private final MessageTypeRegistry registry;

	StreamingJsonDecoder(MessageTypeRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Decodes UTF-8 JSON bytes (already checked to be valid UTF-8).
	 * @param bytes the bytes
	 * @param offset where the payload starts
	 * @param length its length
	 * @param expected the expected type
	 * @return the value, or {@link #GAVE_UP}
	 */
	@Nullable Object decode(byte[] bytes, int offset, int length, Type expected) {
		Object integer = plainInteger(bytes, offset, length, ValueDecoder.rawClass(expected));
		if (integer != GAVE_UP) {
			return integer;
		}
		try (JsonParser parser = PayloadFormat.jsonParser(bytes, offset, length)) {
			JsonToken first = parser.nextToken();
			if (first == null) {
				return GAVE_UP;
			}
			Object value = value(parser, first, expected, 0);
			if (parser.nextToken() != null) {
				return GAVE_UP; // trailing tokens: the tree decoder reports them
			}
			return value;
		}
		catch (RuntimeException ex) {
			// GiveUp, a JacksonException, or a value the tree decoder must reject or explain
			return GAVE_UP;
		}
	}

	/**
	 * A payload that is only an integer literal, as Python writes an {@code int} reply
	 * ({@code -?[0-9]{1,18}}, no leading zero), read without a parser.
	 */
	private static Object plainInteger(byte[] bytes, int offset, int length, Class<?> raw) {
		int i = offset;
		int end = offset + length;
		boolean negative = length > 1 && bytes[i] == '-';
		if (negative) {
			i++;
		}
		int digits = end - i;
		if (digits < 1 || digits > 18 || (bytes[i] == '0' && digits > 1)) {
			return GAVE_UP;
		}
		long value = 0;
		for (; i < end; i++) {
			int d = bytes[i] - '0';
			if (d < 0 || d > 9) {
				return GAVE_UP;
			}
			value = value * 10 + d;
		}
		if (negative) {
			value = -value;
		}
		boolean fitsInt = value == (int) value;
		if (raw == Object.class || raw == Number.class) {
			return fitsInt ? (Object) (int) value : (Object) value;
		}
		if (raw == long.class || raw == Long.class) {
			return value;
		}
		if ((raw == int.class || raw == Integer.class) && fitsInt) {
			return (int) value;
		}
		return GAVE_UP;
	}

	private @Nullable Object value(JsonParser p, JsonToken token, Type expected, int depth) {
		if (depth > MAX_DEPTH) {
			throw GIVE_UP;
		}
		Class<?> raw = ValueDecoder.rawClass(expected);
		if (raw == Optional.class) {
			return (token == JsonToken.VALUE_NULL) ? Optional.empty()
					: Optional.ofNullable(value(p, token, ValueDecoder.typeArgument(expected, 0), depth));
		}
		if (JsonNode.class.isAssignableFrom(raw)) {
			throw GIVE_UP;
		}
		switch (token) {
			case VALUE_NULL -> {
				if (raw.isPrimitive()) {
					throw GIVE_UP;
				}
				return null;
			}
			case VALUE_STRING -> {
				if (raw == String.class || raw == Object.class || raw == CharSequence.class) {
					return p.getString();
				}
				throw GIVE_UP;
			}
			case VALUE_TRUE, VALUE_FALSE -> {
				if (raw == boolean.class || raw == Boolean.class || raw == Object.class) {
					return token == JsonToken.VALUE_TRUE;
				}
				throw GIVE_UP;
			}
			case VALUE_NUMBER_INT -> {
				return integer(p, raw);
			}
			case VALUE_NUMBER_FLOAT -> {
				if (raw == double.class || raw == Double.class || raw == Object.class || raw == Number.class) {
					return p.getDoubleValue();
				}
				if (raw == float.class || raw == Float.class) {
					return (float) p.getDoubleValue();
				}
				throw GIVE_UP;
			}
			case START_ARRAY -> {
				return list(p, expected, raw, depth);
			}
			case START_OBJECT -> {
				return object(p, expected, raw, depth);
			}
			default -> throw GIVE_UP;
		}
	}

	private static Object integer(JsonParser p, Class<?> raw) {
		JsonParser.NumberType type = p.getNumberType();
		if (raw == Object.class || raw == Number.class) {
			return switch (type) {
				case INT -> p.getIntValue();
				case LONG -> p.getLongValue();
				default -> p.getBigIntegerValue();
			};
		}
		if ((raw == int.class || raw == Integer.class) && type == JsonParser.NumberType.INT) {
			return p.getIntValue();
		}
		if ((raw == long.class || raw == Long.class)
				&& (type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG)) {
			return p.getLongValue();
		}
		if (raw == double.class || raw == Double.class) {
			return p.getDoubleValue();
		}
		throw GIVE_UP;
	}

	private Object list(JsonParser p, Type expected, Class<?> raw, int depth) {
		Type itemType;
		if (raw == Object.class) {
			itemType = Object.class;
		}
		else if (raw.isAssignableFrom(ArrayList.class) && !java.util.Set.class.isAssignableFrom(raw)) {
			itemType = ValueDecoder.typeArgument(expected, 0);
		}
		else {
			throw GIVE_UP;
		}
		List<@Nullable Object> items = new ArrayList<>();
		JsonToken token;
		while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
			if (token == null) {
				throw GIVE_UP;
			}
			items.add(value(p, token, itemType, depth + 1));
		}
		return Collections.unmodifiableList(items);
	}

	private @Nullable Object object(JsonParser p, Type expected, Class<?> raw, int depth) {
		if (p.nextToken() != JsonToken.PROPERTY_NAME) {
			throw GIVE_UP; // {} is a plain dict
		}
		String first = p.currentName();
		if (first.equals("_type")) {
			if (p.nextToken() != JsonToken.VALUE_STRING) {
				throw GIVE_UP;
			}
			return dataclass(p, p.getString(), raw, depth);
		}
		if (first.equals("__ref__")) {
			if (p.nextToken() != JsonToken.VALUE_STRING || !raw.isAssignableFrom(ActorRef.class)) {
				throw GIVE_UP;
			}
			String uri = p.getString();
			if (p.nextToken() != JsonToken.END_OBJECT) {
				throw GIVE_UP;
			}
			return ActorRef.parse(uri);
		}
		throw GIVE_UP;
	}

	private Object dataclass(JsonParser p, String typeName, Class<?> raw, int depth) {
		TypeDescriptor descriptor = this.registry.forName(typeName);
		if (descriptor instanceof TypeDescriptor.Dataclass dataclass && raw.isAssignableFrom(dataclass.type())) {
			return construct(p, dataclass, depth);
		}
		if (descriptor == null && raw.isAssignableFrom(DataclassValue.class)) {
			Map<String, @Nullable Object> fields = new LinkedHashMap<>();
			JsonToken token;
			while ((token = p.nextToken()) == JsonToken.PROPERTY_NAME) {
				String name = p.currentName();
				checkNotMarker(name);
				if (name.equals("_type")) {
					throw GIVE_UP; // a second _type: let the tree decide
				}
				fields.put(name, value(p, p.nextToken(), Object.class, depth + 1));
			}
			if (token != JsonToken.END_OBJECT) {
				throw GIVE_UP;
			}
			return new DataclassValue(typeName, fields);
		}
		throw GIVE_UP;
	}

	private Object construct(JsonParser p, TypeDescriptor.Dataclass dataclass, int depth) {
		List<TypeDescriptor.Field> fields = dataclass.fields();
		Object[] args = new Object[fields.size()];
		boolean[] present = new boolean[args.length];
		JsonToken token;
		while ((token = p.nextToken()) == JsonToken.PROPERTY_NAME) {
			String name = p.currentName();
			checkNotMarker(name);
			int index = indexOf(fields, name);
			JsonToken valueToken = p.nextToken();
			if (index < 0) {
				if (name.equals("_type")) {
					throw GIVE_UP; // a second _type: let the tree decide
				}
				p.skipChildren();
				continue;
			}
			args[index] = value(p, valueToken, fields.get(index).genericType(), depth + 1);
			present[index] = true;
		}
		if (token != JsonToken.END_OBJECT) {
			throw GIVE_UP;
		}
		for (int i = 0; i < args.length; i++) {
			if (!present[i]) {
				Class<?> fieldRaw = ValueDecoder.rawClass(fields.get(i).genericType());
				if (fieldRaw.isPrimitive()) {
					throw GIVE_UP;
				}
				args[i] = (fieldRaw == Optional.class) ? Optional.empty() : null;
			}
		}
		try {
			return dataclass.constructor().invokeExact(args);
		}
		catch (Throwable ex) {
			throw GIVE_UP;
		}
	}

	private static int indexOf(List<TypeDescriptor.Field> fields, String pythonName) {
		for (int i = 0; i < fields.size(); i++) {
			if (fields.get(i).pythonName().equals(pythonName)) {
				return i;
			}
		}
		return -1;
	}

	/** The tree decoder gives these keys precedence over {@code _type}: leave such objects to it. */
	private static void checkNotMarker(String name) {
		if (name.startsWith("__") && (name.equals("__ref__") || name.equals("__enum__") || name.equals("__frozenset__")
				|| name.equals("__dict__") || name.equals("__tuple__"))) {
			throw GIVE_UP;
		}
	}

	/** Unwinds the decoding; allocated once, without a stack trace. */
	private static final class GiveUp extends RuntimeException {

		private static final long serialVersionUID = 1L;

		GiveUp() {
			super("not a shape the streaming decoder reads", null, false, false);
		}

	}

}
