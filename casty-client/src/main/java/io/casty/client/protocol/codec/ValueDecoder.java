package io.casty.client.protocol.codec;

import java.lang.reflect.Array;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.casty.client.ActorRef;
import io.casty.client.DataclassValue;
import io.casty.client.EnumValue;
import io.casty.client.InvalidActorAddressException;
import io.casty.client.MessageCodecException;
import io.casty.client.Tuple;
import io.casty.client.UnknownMessageTypeException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Converts Casty's value tree to Java values. The tree's shape decides what a value is, as
 * in Casty's {@code from_dict}; the expected Java type only narrows it. Dataclasses and
 * enums become Java types only when registered; otherwise they become
 * {@link DataclassValue} / {@link EnumValue} where the expected type allows it, or an
 * {@link UnknownMessageTypeException} that names the Python type.
 *
 * @since 0.1.0
 */
final class ValueDecoder {

	private final MessageTypeRegistry registry;

	ValueDecoder(MessageTypeRegistry registry) {
		this.registry = registry;
	}

	@Nullable Object decode(JsonNode node, Type expected) {
		Class<?> raw = rawClass(expected);
		if (JsonNode.class.isAssignableFrom(raw)) {
			if (!raw.isInstance(node)) {
				throw mismatch(node, expected);
			}
			return node;
		}
		if (raw == Optional.class) {
			return node.isNull() ? Optional.empty() : Optional.ofNullable(decode(node, typeArgument(expected, 0)));
		}
		if (node.isNull() || node.isMissingNode()) {
			if (raw.isPrimitive()) {
				throw new MessageCodecException("null cannot be decoded into a " + raw.getName());
			}
			return null;
		}
		if (node.isObject()) {
			return decodeObject(node, expected, raw);
		}
		if (node.isArray()) {
			return decodeSequence(node, expected, raw, false);
		}
		if (node.isString()) {
			if (raw == String.class || raw == Object.class || raw == CharSequence.class) {
				return node.stringValue();
			}
			if ((raw == char.class || raw == Character.class) && node.stringValue().length() == 1) {
				return node.stringValue().charAt(0);
			}
			throw mismatch(node, expected);
		}
		if (node.isNumber()) {
			return decodeNumber(node, expected, raw);
		}
		if (node.isBoolean()) {
			if (raw == boolean.class || raw == Boolean.class || raw == Object.class) {
				return node.booleanValue();
			}
			throw mismatch(node, expected);
		}
		if (node.isBinary() && (raw == byte[].class || raw == Object.class)) {
			return node.binaryValue();
		}
		throw mismatch(node, expected);
	}

	private @Nullable Object decodeObject(JsonNode node, Type expected, Class<?> raw) {
		JsonNode marker;
		if ((marker = node.get("__ref__")) != null && marker.isString()) {
			if (!raw.isAssignableFrom(ActorRef.class)) {
				throw mismatch(node, expected);
			}
			try {
				return ActorRef.parse(marker.stringValue());
			}
			catch (InvalidActorAddressException ex) {
				throw new MessageCodecException("Invalid actor ref in payload: " + ex.getMessage(), ex);
			}
		}
		JsonNode value;
		if ((marker = node.get("__enum__")) != null && marker.isString() && (value = node.get("value")) != null
				&& value.isString()) {
			return decodeEnum(marker.stringValue(), value.stringValue(), expected, raw);
		}
		if ((marker = node.get("__frozenset__")) != null && marker.isArray()) {
			return decodeSequence(marker, expected, raw, true);
		}
		if ((marker = node.get("__dict__")) != null && marker.isArray()) {
			return decodeDict(marker, expected, raw);
		}
		if ((marker = node.get("__tuple__")) != null && marker.isArray()) {
			if (raw == Object.class || raw == Tuple.class) {
				List<@Nullable Object> items = new ArrayList<>(marker.size());
				for (JsonNode item : marker.values()) {
					items.add(decode(item, Object.class));
				}
				return new Tuple(items);
			}
			return decodeSequence(marker, expected, raw, false);
		}
		if ((marker = node.get("_type")) != null && marker.isString()) {
			return decodeDataclass(node, marker.stringValue(), expected, raw);
		}
		// A plain object: Casty keeps it as a raw dict without decoding its values.
		if (raw == Object.class || raw.isInstance(node)) {
			return node;
		}
		if (Map.class.isAssignableFrom(raw)) {
			Type valueType = typeArgument(expected, 1);
			Map<String, @Nullable Object> map = new LinkedHashMap<>();
			for (Map.Entry<String, JsonNode> entry : node.properties()) {
				map.put(entry.getKey(), decode(entry.getValue(), valueType));
			}
			return Collections.unmodifiableMap(map);
		}
		throw mismatch(node, expected);
	}

	private Object decodeEnum(String type, String member, Type expected, Class<?> raw) {
		TypeDescriptor descriptor = this.registry.forName(type);
		if (descriptor instanceof TypeDescriptor.PyEnum pyEnum && raw.isAssignableFrom(pyEnum.type())) {
			Enum<?> constant = pyEnum.constant(member);
			if (constant == null) {
				throw new MessageCodecException("Enum " + type + " has no member '" + member + "' in "
						+ pyEnum.type().getName() + "; known members: " + pyEnum.memberNames());
			}
			return constant;
		}
		if (descriptor == null && raw.isAssignableFrom(EnumValue.class)) {
			return new EnumValue(type, member);
		}
		if (descriptor == null) {
			throw unknownType(type, expected);
		}
		throw new MessageCodecException("Payload holds enum " + type + " but " + typeName(expected) + " was expected");
	}

	private Object decodeDataclass(JsonNode node, String type, Type expected, Class<?> raw) {
		TypeDescriptor descriptor = this.registry.forName(type);
		if (descriptor instanceof TypeDescriptor.Dataclass dataclass && raw.isAssignableFrom(dataclass.type())) {
			return construct(node, dataclass);
		}
		if (descriptor == null && raw.isAssignableFrom(DataclassValue.class)) {
			Map<String, @Nullable Object> fields = new LinkedHashMap<>();
			for (Map.Entry<String, JsonNode> entry : node.properties()) {
				if (!entry.getKey().equals("_type")) {
					fields.put(entry.getKey(), decode(entry.getValue(), Object.class));
				}
			}
			return new DataclassValue(type, fields);
		}
		if (descriptor == null) {
			throw unknownType(type, expected);
		}
		throw new MessageCodecException("Payload holds " + type + " (" + descriptor.type().getName() + ") but "
				+ typeName(expected) + " was expected");
	}

	private Object construct(JsonNode node, TypeDescriptor.Dataclass dataclass) {
		List<TypeDescriptor.Field> fields = dataclass.fields();
		Object[] args = new Object[fields.size()];
		for (int i = 0; i < args.length; i++) {
			TypeDescriptor.Field field = fields.get(i);
			JsonNode value = node.get(field.pythonName());
			try {
				if (value == null) {
					Class<?> fieldRaw = rawClass(field.genericType());
					if (fieldRaw.isPrimitive()) {
						throw new MessageCodecException("field is missing");
					}
					args[i] = (fieldRaw == Optional.class) ? Optional.empty() : null;
				}
				else {
					args[i] = decode(value, field.genericType());
				}
			}
			catch (UnknownMessageTypeException ex) {
				throw ex;
			}
			catch (MessageCodecException ex) {
				throw new MessageCodecException(
						"Cannot decode field '" + field.pythonName() + "' of " + dataclass.pythonName() + ": " + ex.getMessage(),
						ex);
			}
		}
		try {
			return dataclass.constructor().invokeExact(args);
		}
		catch (Throwable ex) {
			throw new MessageCodecException("Cannot create " + dataclass.type().getName() + " from " + dataclass.pythonName()
					+ ": " + ex, ex);
		}
	}

	private Object decodeSequence(JsonNode array, Type expected, Class<?> raw, boolean frozenset) {
		if (raw.isArray()) {
			Class<?> component = raw.getComponentType();
			Type componentType = (expected instanceof GenericArrayType generic) ? generic.getGenericComponentType()
					: component;
			Object result = Array.newInstance(component, array.size());
			int i = 0;
			for (JsonNode item : array.values()) {
				Array.set(result, i++, decode(item, componentType));
			}
			return result;
		}
		boolean wantSet = Set.class.isAssignableFrom(raw) || (raw == Object.class && frozenset);
		if (!wantSet && !(raw == Object.class || raw.isAssignableFrom(ArrayList.class))) {
			throw mismatch(array, expected);
		}
		Type itemType = (raw == Object.class) ? Object.class : typeArgument(expected, 0);
		Collection<@Nullable Object> items = wantSet ? new LinkedHashSet<>() : new ArrayList<>(array.size());
		for (JsonNode item : array.values()) {
			items.add(decode(item, itemType));
		}
		return wantSet ? Collections.unmodifiableSet((Set<?>) items) : Collections.unmodifiableList((List<?>) items);
	}

	private Object decodeDict(JsonNode pairs, Type expected, Class<?> raw) {
		if (!(raw == Object.class || Map.class.isAssignableFrom(raw))) {
			throw mismatch(pairs, expected);
		}
		Type keyType = (raw == Object.class) ? Object.class : typeArgument(expected, 0);
		Type valueType = (raw == Object.class) ? Object.class : typeArgument(expected, 1);
		Map<@Nullable Object, @Nullable Object> map = new LinkedHashMap<>();
		for (JsonNode pair : pairs.values()) {
			if (!pair.isArray() || pair.size() != 2) {
				throw new MessageCodecException("__dict__ entries must be [key, value] pairs, got " + pair.getNodeType());
			}
			map.put(decode(pair.get(0), keyType), decode(pair.get(1), valueType));
		}
		return Collections.unmodifiableMap(map);
	}

	private Object decodeNumber(JsonNode node, Type expected, Class<?> raw) {
		if (node.isIntegralNumber()) {
			if (raw == Object.class || raw == Number.class) {
				if (node.canConvertToInt()) {
					return node.intValue();
				}
				return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
			}
			if ((raw == int.class || raw == Integer.class) && node.canConvertToInt()) {
				return node.intValue();
			}
			if ((raw == long.class || raw == Long.class) && node.canConvertToLong()) {
				return node.longValue();
			}
			if ((raw == short.class || raw == Short.class) && node.canConvertToInt() && node.intValue() == (short) node.intValue()) {
				return (short) node.intValue();
			}
			if ((raw == byte.class || raw == Byte.class) && node.canConvertToInt() && node.intValue() == (byte) node.intValue()) {
				return (byte) node.intValue();
			}
			if (raw == BigInteger.class) {
				return node.bigIntegerValue();
			}
			if (raw == BigDecimal.class) {
				return new BigDecimal(node.bigIntegerValue());
			}
		}
		if (raw == double.class || raw == Double.class || (raw == Object.class || raw == Number.class)) {
			return node.doubleValue();
		}
		if (raw == float.class || raw == Float.class) {
			return (float) node.doubleValue();
		}
		if (raw == BigDecimal.class) {
			double value = node.doubleValue();
			if (!Double.isFinite(value)) {
				// Python writes NaN and Infinity as bare words; a BigDecimal holds neither
				throw new MessageCodecException(
						"Number " + value + " is not finite and cannot be a " + raw.getName());
			}
			return BigDecimal.valueOf(value);
		}
		if (node.isIntegralNumber() && (raw == int.class || raw == Integer.class || raw == long.class
				|| raw == Long.class || raw == short.class || raw == Short.class || raw == byte.class
				|| raw == Byte.class)) {
			throw new MessageCodecException("Integer " + node.bigIntegerValue() + " does not fit in a " + raw.getName());
		}
		throw mismatch(node, expected);
	}

	private UnknownMessageTypeException unknownType(String type, Type expected) {
		return new UnknownMessageTypeException(type, "Payload holds Python type '" + type + "', which is not registered"
				+ " (expected " + typeName(expected) + "); register a record or enum annotated @CastyMessage(\"" + type
				+ "\")");
	}

	private static MessageCodecException mismatch(JsonNode node, Type expected) {
		String shape = node.isObject() ? "a plain JSON object" : "a " + node.getNodeType().name().toLowerCase();
		return new MessageCodecException("Payload holds " + shape + " where " + typeName(expected) + " was expected");
	}

	private static String typeName(Type type) {
		return (type instanceof Class<?> cls) ? cls.getName() : type.getTypeName();
	}

	static Class<?> rawClass(Type type) {
		if (type instanceof Class<?> cls) {
			return cls;
		}
		if (type instanceof ParameterizedType parameterized) {
			return (Class<?>) parameterized.getRawType();
		}
		if (type instanceof WildcardType wildcard) {
			return rawClass(wildcard.getUpperBounds()[0]);
		}
		if (type instanceof TypeVariable<?> variable) {
			return rawClass(variable.getBounds()[0]);
		}
		if (type instanceof GenericArrayType array) {
			return Array.newInstance(rawClass(array.getGenericComponentType()), 0).getClass();
		}
		return Object.class;
	}

	static Type typeArgument(Type type, int index) {
		if (type instanceof ParameterizedType parameterized && parameterized.getActualTypeArguments().length > index) {
			return parameterized.getActualTypeArguments()[index];
		}
		return Object.class;
	}

}
