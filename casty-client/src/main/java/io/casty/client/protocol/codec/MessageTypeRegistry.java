package io.casty.client.protocol.codec;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import io.casty.client.CastyField;
import io.casty.client.CastyMessage;
import io.casty.client.protocol.messages.ProtocolMessages;
import org.jspecify.annotations.Nullable;

/**
 * The allowlist of message types: which Java records and enums stand for which Python
 * dataclasses and enums. Decoding only ever instantiates types registered here; a name that
 * is not registered is never resolved to a class.
 * <p>
 * Registering a type also registers the annotated types it refers to: the permitted
 * subtypes of a sealed interface and the types of record components.
 *
 * @since 0.1.0
 */
public final class MessageTypeRegistry {

	private final Map<String, TypeDescriptor> byName = new ConcurrentHashMap<>();

	private final Map<Class<?>, TypeDescriptor> byClass = new ConcurrentHashMap<>();

	/**
	 * Creates a registry that knows only the types given to it.
	 */
	public MessageTypeRegistry() {
	}

	/**
	 * Creates a registry with Casty's own protocol messages (topology, coordinator,
	 * envelope, receptionist) registered.
	 * @return the registry
	 */
	public static MessageTypeRegistry withProtocolTypes() {
		MessageTypeRegistry registry = new MessageTypeRegistry();
		ProtocolMessages.TYPES.forEach(registry::register);
		return registry;
	}

	/**
	 * Registers message types annotated with {@link CastyMessage}, sealed interfaces whose
	 * permitted subtypes are, and everything annotated that they refer to.
	 * @param types the types
	 * @return this registry
	 * @throws IllegalArgumentException if a type is not a record, enum or sealed interface,
	 * lacks the annotation, or claims a Python name another class already has
	 */
	public MessageTypeRegistry register(Class<?>... types) {
		for (Class<?> type : types) {
			registerType(type, null);
		}
		return this;
	}

	/**
	 * Registers a record or enum under an explicit Python name, for types that cannot carry
	 * the annotation.
	 * @param type the record or enum
	 * @param pythonName the Python {@code module.qualname}
	 * @return this registry
	 */
	public MessageTypeRegistry register(Class<?> type, String pythonName) {
		registerType(type, pythonName);
		return this;
	}

	/**
	 * Looks a Python name up.
	 * @param pythonName the name from {@code _type} or {@code __enum__}
	 * @return the descriptor, or {@code null} if it is not registered
	 */
	public @Nullable TypeDescriptor forName(String pythonName) {
		return this.byName.get(pythonName);
	}

	/**
	 * Looks a Java type up.
	 * @param type the class
	 * @return the descriptor, or {@code null} if it is not registered
	 */
	public @Nullable TypeDescriptor forClass(Class<?> type) {
		return this.byClass.get(type);
	}

	/**
	 * Whether a Java type is registered.
	 * @param type the class
	 * @return whether it is known
	 */
	public boolean isRegistered(Class<?> type) {
		return this.byClass.containsKey(type);
	}

	/**
	 * Returns every registered Python name.
	 * @return the names
	 */
	public Collection<String> pythonNames() {
		return List.copyOf(this.byName.keySet());
	}

	private synchronized void registerType(Class<?> type, @Nullable String explicitName) {
		Objects.requireNonNull(type, "type");
		if (this.byClass.containsKey(type)) {
			return;
		}
		if (type.isInterface() && type.isSealed()) {
			for (Class<?> permitted : type.getPermittedSubclasses()) {
				registerType(permitted, null);
			}
			return;
		}
		String name = explicitName;
		if (name == null) {
			CastyMessage annotation = type.getAnnotation(CastyMessage.class);
			if (annotation == null) {
				throw new IllegalArgumentException(type.getName()
						+ " is not a Casty message type: annotate it with @CastyMessage(\"<python module>.<ClassName>\")");
			}
			name = annotation.value();
		}
		if (name.isBlank()) {
			throw new IllegalArgumentException("The Python name of " + type.getName() + " must not be blank");
		}
		TypeDescriptor existing = this.byName.get(name);
		if (existing != null && existing.type() != type) {
			throw new IllegalArgumentException("Python name '" + name + "' is claimed by both "
					+ existing.type().getName() + " and " + type.getName());
		}
		TypeDescriptor descriptor;
		if (type.isRecord()) {
			descriptor = describeRecord(type, name);
		}
		else if (type.isEnum()) {
			descriptor = describeEnum(type, name);
		}
		else {
			throw new IllegalArgumentException(type.getName()
					+ " cannot be a Casty message type: use a record (a dataclass), an enum or a sealed interface of them");
		}
		this.byClass.put(type, descriptor);
		this.byName.put(name, descriptor);
		if (descriptor instanceof TypeDescriptor.Dataclass dataclass) {
			for (TypeDescriptor.Field field : dataclass.fields()) {
				registerReferenced(field.genericType());
			}
		}
	}

	private void registerReferenced(Type type) {
		if (type instanceof Class<?> cls) {
			if (cls.isArray()) {
				registerReferenced(cls.getComponentType());
			}
			else if (cls.isAnnotationPresent(CastyMessage.class)
					|| (cls.isInterface() && cls.isSealed() && !cls.getName().startsWith("java."))) {
				registerType(cls, null);
			}
		}
		else if (type instanceof ParameterizedType parameterized) {
			registerReferenced(parameterized.getRawType());
			for (Type argument : parameterized.getActualTypeArguments()) {
				registerReferenced(argument);
			}
		}
		else if (type instanceof WildcardType wildcard) {
			for (Type bound : wildcard.getUpperBounds()) {
				registerReferenced(bound);
			}
		}
		else if (type instanceof GenericArrayType array) {
			registerReferenced(array.getGenericComponentType());
		}
	}

	private static TypeDescriptor.Primitive primitiveOf(Class<?> type) {
		if (type == long.class || type == int.class || type == short.class || type == byte.class) {
			return TypeDescriptor.Primitive.INTEGER;
		}
		if (type == double.class || type == float.class) {
			return TypeDescriptor.Primitive.FLOATING;
		}
		return (type == boolean.class) ? TypeDescriptor.Primitive.BOOLEAN : TypeDescriptor.Primitive.NONE;
	}

	/** The accessor typed {@code (Object)<as>}: a primitive widened, never boxed. */
	private static MethodHandle accessorAs(MethodHandles.Lookup lookup, RecordComponent component, Class<?> as)
			throws IllegalAccessException {
		return lookup.unreflect(component.getAccessor()).asType(MethodType.methodType(as, Object.class));
	}

	private static TypeDescriptor.Dataclass describeRecord(Class<?> type, String name) {
		MethodHandles.Lookup lookup = MethodHandles.lookup();
		RecordComponent[] components = type.getRecordComponents();
		List<TypeDescriptor.Field> fields = new ArrayList<>(components.length);
		Class<?>[] parameterTypes = new Class<?>[components.length];
		try {
			for (int i = 0; i < components.length; i++) {
				RecordComponent component = components[i];
				parameterTypes[i] = component.getType();
				CastyField override = component.getAnnotation(CastyField.class);
				String pythonName = (override != null && !override.value().isEmpty()) ? override.value()
						: snakeCase(component.getName());
				component.getAccessor().setAccessible(true);
				MethodHandle accessor = lookup.unreflect(component.getAccessor())
					.asType(MethodType.methodType(Object.class, Object.class));
				TypeDescriptor.Primitive primitive = primitiveOf(component.getType());
				MethodHandle primitiveAccessor = switch (primitive) {
					case NONE -> null;
					case INTEGER -> accessorAs(lookup, component, long.class);
					case FLOATING -> accessorAs(lookup, component, double.class);
					case BOOLEAN -> accessorAs(lookup, component, boolean.class);
				};
				fields.add(new TypeDescriptor.Field(component.getName(), pythonName, component.getGenericType(),
						accessor, override != null && override.tuple(), primitive, primitiveAccessor));
			}
			Constructor<?> constructor = type.getDeclaredConstructor(parameterTypes);
			constructor.setAccessible(true);
			MethodHandle handle = lookup.unreflectConstructor(constructor)
				.asType(MethodType.methodType(Object.class, parameterTypes))
				.asSpreader(Object[].class, components.length);
			handle = handle.asType(MethodType.methodType(Object.class, Object[].class));
			return new TypeDescriptor.Dataclass(type, name, List.copyOf(fields), handle);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			throw new IllegalArgumentException("Cannot access record " + type.getName()
					+ "; make it public or open its package to casty-client: " + ex.getMessage(), ex);
		}
	}

	private static TypeDescriptor.PyEnum describeEnum(Class<?> type, String name) {
		Map<String, Enum<?>> byMember = new LinkedHashMap<>();
		List<String> names = new ArrayList<>();
		for (Object constant : type.getEnumConstants()) {
			Enum<?> e = (Enum<?>) constant;
			String member = e.name();
			try {
				CastyField override = type.getField(e.name()).getAnnotation(CastyField.class);
				if (override != null && !override.value().isEmpty()) {
					member = override.value();
				}
			}
			catch (NoSuchFieldException ex) {
				throw new IllegalStateException(ex);
			}
			byMember.put(member, e);
			names.add(member);
		}
		return new TypeDescriptor.PyEnum(type, name, Map.copyOf(byMember), List.copyOf(names));
	}

	/**
	 * Converts a Java component name to the Python field name: {@code replyTo} becomes
	 * {@code reply_to}, {@code httpURL2} becomes {@code http_url2}.
	 * @param javaName the camelCase name
	 * @return the snake_case name
	 */
	public static String snakeCase(String javaName) {
		StringBuilder sb = new StringBuilder(javaName.length() + 4);
		for (int i = 0; i < javaName.length(); i++) {
			char c = javaName.charAt(i);
			if (Character.isUpperCase(c)) {
				boolean previousLower = i > 0 && !Character.isUpperCase(javaName.charAt(i - 1))
						&& javaName.charAt(i - 1) != '_';
				boolean nextLower = i + 1 < javaName.length() && Character.isLowerCase(javaName.charAt(i + 1));
				boolean previousUpper = i > 0 && Character.isUpperCase(javaName.charAt(i - 1));
				if (i > 0 && (previousLower || (previousUpper && nextLower))) {
					sb.append('_');
				}
				sb.append(Character.toLowerCase(c));
			}
			else {
				sb.append(c);
			}
		}
		return sb.toString().toLowerCase(Locale.ROOT);
	}

}
