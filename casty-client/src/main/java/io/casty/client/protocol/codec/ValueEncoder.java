package io.casty.client.protocol.codec;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.casty.client.ActorRef;
import io.casty.client.DataclassValue;
import io.casty.client.EnumValue;
import io.casty.client.MessageCodecException;
import io.casty.client.Tuple;
import io.casty.client.UnknownMessageTypeException;
import io.casty.client.protocol.messages.ShardEnvelope;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Converts Java values to Casty's value tree, following the rules of Casty's
 * {@code JsonSerializer}: registered records become dataclasses ({@code _type} first, then
 * every field in declaration order), refs {@code __ref__}, enums {@code __enum__} by member
 * name, sets {@code __frozenset__}, maps {@code __dict__} pairs, tuples {@code __tuple__}.
 *
 * @since 0.1.0
 */
final class ValueEncoder {

	private final MessageTypeRegistry registry;

	/**
	 * {@link ShardEnvelope}'s descriptor once looked up: written on every message to an
	 * entity, and a registered type's descriptor never changes. Immutable, so a plain field.
	 */
	private TypeDescriptor.@Nullable Dataclass envelope;

	ValueEncoder(MessageTypeRegistry registry) {
		this.registry = registry;
	}

	void write(@Nullable Object value, TreeWriter out) {
		if (value == null) {
			out.nul();
		}
		else if (value instanceof String s) {
			out.string(s);
		}
		else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
			out.integer(((Number) value).longValue());
		}
		else if (value instanceof Boolean b) {
			out.bool(b);
		}
		else if (value instanceof Double || value instanceof Float) {
			out.floating(((Number) value).doubleValue());
		}
		else if (value instanceof ActorRef<?> ref) {
			out.beginObject(1);
			out.name("__ref__");
			out.uri(ref.address());
			out.endObject();
		}
		else if (value instanceof Record) {
			writeRecord(value, out);
		}
		else if (value instanceof Enum<?> e) {
			TypeDescriptor descriptor = this.registry.forClass(e.getDeclaringClass());
			if (!(descriptor instanceof TypeDescriptor.PyEnum pyEnum)) {
				throw notRegistered(e.getDeclaringClass());
			}
			writeEnum(pyEnum.pythonName(), pyEnum.memberNames().get(e.ordinal()), out);
		}
		else if (value instanceof Set<?> set) {
			writeMarked("__frozenset__", set, out);
		}
		else if (value instanceof Map<?, ?> map) {
			writeDict(map, out);
		}
		else if (value instanceof Collection<?> collection) {
			writeArray(collection, out);
		}
		else if (value instanceof BigInteger big) {
			out.integer(big);
		}
		else if (value instanceof BigDecimal decimal) {
			out.floating(decimal.doubleValue());
		}
		else if (value instanceof Character c) {
			out.string(c.toString());
		}
		else if (value instanceof Optional<?> optional) {
			write(optional.orElse(null), out);
		}
		else if (value instanceof JsonNode node) {
			TreeNodes.write(node, out);
		}
		else if (value.getClass().isArray()) {
			int length = Array.getLength(value);
			out.beginArray(length);
			for (int i = 0; i < length; i++) {
				write(Array.get(value, i), out);
			}
			out.endArray();
		}
		else {
			throw new MessageCodecException("Cannot send a " + value.getClass().getName()
					+ ": Casty's serializer handles records (dataclasses), enums, refs, strings, numbers, booleans, "
					+ "lists, sets, maps and tuples");
		}
	}

	private void writeRecord(Object value, TreeWriter out) {
		if (value instanceof Tuple tuple) {
			writeMarked("__tuple__", tuple.items(), out);
			return;
		}
		if (value instanceof DataclassValue dataclass) {
			out.beginObject(dataclass.fields().size() + 1);
			out.name("_type");
			out.string(dataclass.type());
			for (Map.Entry<String, @Nullable Object> field : dataclass.fields().entrySet()) {
				out.name(field.getKey());
				write(field.getValue(), out);
			}
			out.endObject();
			return;
		}
		if (value instanceof EnumValue e) {
			writeEnum(e.type(), e.member(), out);
			return;
		}
		TypeDescriptor descriptor = this.registry.forClass(value.getClass());
		if (!(descriptor instanceof TypeDescriptor.Dataclass dataclass)) {
			throw notRegistered(value.getClass());
		}
		List<TypeDescriptor.Field> fields = dataclass.fields();
		out.beginObject(fields.size() + 1);
		out.recurringName("_type");
		out.recurringString(dataclass.pythonName());
		// indexed, not iterated: an iterator per record is bytes on every message
		for (int i = 0, n = fields.size(); i < n; i++) {
			TypeDescriptor.Field field = fields.get(i);
			out.recurringName(field.pythonName());
			// a primitive is read and written as one, not boxed
			switch (field.primitive()) {
				case INTEGER -> out.integer(readInteger(dataclass, field, value));
				case FLOATING -> out.floating(readFloating(dataclass, field, value));
				case BOOLEAN -> out.bool(readBoolean(dataclass, field, value));
				case NONE -> {
					Object fieldValue = read(dataclass, field, value);
					if (field.tuple() && fieldValue instanceof Collection<?> items) {
						writeMarked("__tuple__", items, out);
					}
					else {
						write(fieldValue, out);
					}
				}
			}
		}
		out.endObject();
	}

	/**
	 * Writes what {@link #write} writes for {@code new ShardEnvelope(entityId, message)},
	 * without the envelope: a record every ask and tell to an entity would otherwise make.
	 */
	void writeEnvelope(String entityId, @Nullable Object message, TreeWriter out) {
		TypeDescriptor.Dataclass envelope = envelope();
		if (envelope == null) {
			throw notRegistered(ShardEnvelope.class);
		}
		// the record's components, in declaration order: entityId, message
		List<TypeDescriptor.Field> fields = envelope.fields();
		out.beginObject(fields.size() + 1);
		out.recurringName("_type");
		out.recurringString(envelope.pythonName());
		out.recurringName(fields.get(0).pythonName());
		out.string(entityId);
		out.recurringName(fields.get(1).pythonName());
		write(message, out);
		out.endObject();
	}

	String envelopeTypeHint() {
		TypeDescriptor.Dataclass envelope = envelope();
		return (envelope != null) ? envelope.pythonName() : ShardEnvelope.class.getName();
	}

	private TypeDescriptor.@Nullable Dataclass envelope() {
		TypeDescriptor.Dataclass envelope = this.envelope;
		if (envelope == null && this.registry.forClass(ShardEnvelope.class) instanceof TypeDescriptor.Dataclass found) {
			this.envelope = found;
			return found;
		}
		return envelope;
	}

	private static @Nullable Object read(TypeDescriptor.Dataclass dataclass, TypeDescriptor.Field field, Object record) {
		try {
			return field.accessor().invokeExact(record);
		}
		catch (Throwable ex) {
			throw cannotRead(dataclass, field, ex);
		}
	}

	private static long readInteger(TypeDescriptor.Dataclass dataclass, TypeDescriptor.Field field, Object record) {
		try {
			return (long) primitiveAccessor(field).invokeExact(record);
		}
		catch (Throwable ex) {
			throw cannotRead(dataclass, field, ex);
		}
	}

	private static double readFloating(TypeDescriptor.Dataclass dataclass, TypeDescriptor.Field field, Object record) {
		try {
			return (double) primitiveAccessor(field).invokeExact(record);
		}
		catch (Throwable ex) {
			throw cannotRead(dataclass, field, ex);
		}
	}

	private static boolean readBoolean(TypeDescriptor.Dataclass dataclass, TypeDescriptor.Field field, Object record) {
		try {
			return (boolean) primitiveAccessor(field).invokeExact(record);
		}
		catch (Throwable ex) {
			throw cannotRead(dataclass, field, ex);
		}
	}

	private static MethodHandle primitiveAccessor(TypeDescriptor.Field field) {
		MethodHandle accessor = field.primitiveAccessor();
		if (accessor == null) {
			throw new IllegalStateException("Field " + field.javaName() + " has no primitive accessor");
		}
		return accessor;
	}

	private static MessageCodecException cannotRead(TypeDescriptor.Dataclass dataclass, TypeDescriptor.Field field,
			Throwable cause) {
		return new MessageCodecException("Cannot read " + dataclass.type().getSimpleName() + "." + field.javaName(),
				cause);
	}

	private void writeEnum(String type, String member, TreeWriter out) {
		out.beginObject(2);
		out.name("__enum__");
		out.string(type);
		out.name("value");
		out.string(member);
		out.endObject();
	}

	private void writeMarked(String marker, Collection<?> items, TreeWriter out) {
		out.beginObject(1);
		out.name(marker);
		writeArray(items, out);
		out.endObject();
	}

	private void writeArray(Collection<?> items, TreeWriter out) {
		out.beginArray(items.size());
		for (Object item : items) {
			write(item, out);
		}
		out.endArray();
	}

	private void writeDict(Map<?, ?> map, TreeWriter out) {
		out.beginObject(1);
		out.name("__dict__");
		out.beginArray(map.size());
		for (Map.Entry<?, ?> entry : map.entrySet()) {
			out.beginArray(2);
			write(entry.getKey(), out);
			write(entry.getValue(), out);
			out.endArray();
		}
		out.endArray();
		out.endObject();
	}

	private static UnknownMessageTypeException notRegistered(Class<?> type) {
		return new UnknownMessageTypeException(type.getName(), type.getName()
				+ " is not a registered message type: annotate it with @CastyMessage(\"<python module>.<ClassName>\") "
				+ "and register it with the client (or declare it on an entity)");
	}

	String typeHint(@Nullable Object value) {
		if (value == null) {
			return "builtins.NoneType";
		}
		if (value instanceof String || value instanceof Character) {
			return "builtins.str";
		}
		if (value instanceof Boolean) {
			return "builtins.bool";
		}
		if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
				|| value instanceof BigInteger) {
			return "builtins.int";
		}
		if (value instanceof Number) {
			return "builtins.float";
		}
		if (value instanceof Tuple) {
			return "builtins.tuple";
		}
		if (value instanceof DataclassValue d) {
			return d.type();
		}
		if (value instanceof EnumValue e) {
			return e.type();
		}
		if (value instanceof ActorRef) {
			return "casty.remote.ref.RemoteActorRef";
		}
		if (value instanceof Set) {
			return "builtins.frozenset";
		}
		if (value instanceof Map) {
			return "builtins.dict";
		}
		if (value instanceof Collection || value.getClass().isArray()) {
			return "builtins.list";
		}
		TypeDescriptor descriptor = this.registry.forClass((value instanceof Enum<?> e) ? e.getDeclaringClass()
				: value.getClass());
		return (descriptor != null) ? descriptor.pythonName() : value.getClass().getName();
	}

}
