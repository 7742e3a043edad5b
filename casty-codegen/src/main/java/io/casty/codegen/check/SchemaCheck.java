package io.casty.codegen.check;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.casty.client.ActorRef;
import io.casty.client.DataclassValue;
import io.casty.client.EnumValue;
import io.casty.client.Tuple;
import io.casty.client.protocol.codec.MessageTypeRegistry;
import io.casty.client.protocol.codec.TypeDescriptor;
import io.casty.codegen.schema.CastySchema;
import io.casty.codegen.schema.SchemaType;
import io.casty.codegen.schema.TypeExpr;
import org.jspecify.annotations.Nullable;

/**
 * Checks Java message types against a casty-schema document: every registered record and
 * enum must name a Python type of the schema, of the same kind, with the same fields in the
 * same order and of compatible types (tuples marked, {@code None}-able fields not primitive,
 * floats not integers), and an enum the same member names.
 *
 * @since 0.1.0
 */
public final class SchemaCheck {

	private final CastySchema schema;

	private final MessageTypeRegistry registry;

	private SchemaCheck(CastySchema schema, MessageTypeRegistry registry) {
		this.schema = schema;
		this.registry = registry;
	}

	/**
	 * Checks message types and every annotated type they refer to, as a client registers
	 * them.
	 * @param schema the schema
	 * @param messageTypes records, enums or sealed interfaces annotated for the client
	 * @return the mismatches, empty when every type matches
	 * @throws IllegalArgumentException if a type cannot be registered at all
	 */
	public static List<SchemaMismatch> check(CastySchema schema, Collection<Class<?>> messageTypes) {
		MessageTypeRegistry registry = new MessageTypeRegistry();
		messageTypes.forEach(registry::register);
		return check(schema, registry);
	}

	/**
	 * Checks every type of a registry except Casty's own protocol messages.
	 * @param schema the schema
	 * @param registry the registry
	 * @return the mismatches, in the order of the registered Python names
	 */
	public static List<SchemaMismatch> check(CastySchema schema, MessageTypeRegistry registry) {
		SchemaCheck check = new SchemaCheck(schema, registry);
		List<SchemaMismatch> mismatches = new ArrayList<>();
		for (String name : new TreeSet<>(registry.pythonNames())) {
			TypeDescriptor descriptor = registry.forName(name);
			if (descriptor != null && !descriptor.type().getName().startsWith("io.casty.client.protocol.")) {
				check.type(descriptor, mismatches);
			}
		}
		return mismatches;
	}

	private void type(TypeDescriptor descriptor, List<SchemaMismatch> out) {
		String name = descriptor.pythonName();
		Class<?> java = descriptor.type();
		SchemaType python = this.schema.type(name);
		if (python == null) {
			out.add(new SchemaMismatch(name, java, SchemaMismatch.Kind.MISSING_TYPE, "`" + name + "` (Java "
					+ java.getName() + ") is not in the schema, which describes the modules " + this.schema.modules()
					+ ": correct its @CastyMessage name, or export its module too"));
			return;
		}
		if (descriptor instanceof TypeDescriptor.Dataclass dataclass) {
			if (python instanceof SchemaType.Dataclass pythonDataclass) {
				fields(dataclass, pythonDataclass, out);
			}
			else {
				out.add(new SchemaMismatch(name, java, SchemaMismatch.Kind.KIND,
						"`" + name + "` is an enum in Python, Java " + java.getName() + " is a record"));
			}
		}
		else if (descriptor instanceof TypeDescriptor.PyEnum pyEnum) {
			if (python instanceof SchemaType.PyEnum pythonEnum) {
				members(pyEnum, pythonEnum, out);
			}
			else {
				out.add(new SchemaMismatch(name, java, SchemaMismatch.Kind.KIND,
						"`" + name + "` is a dataclass in Python, Java " + java.getName() + " is an enum"));
			}
		}
	}

	private void fields(TypeDescriptor.Dataclass java, SchemaType.Dataclass python, List<SchemaMismatch> out) {
		String name = python.name();
		List<TypeDescriptor.Field> javaFields = java.fields();
		List<SchemaType.Field> pythonFields = python.fields();
		for (int i = 0; i < Math.max(javaFields.size(), pythonFields.size()); i++) {
			int position = i + 1;
			if (i >= javaFields.size()) {
				SchemaType.Field missing = pythonFields.get(i);
				out.add(new SchemaMismatch(name, java.type(), SchemaMismatch.Kind.MISSING_FIELD,
						"`" + name + "`: field " + position + " `" + missing.toPython() + "` is missing in Java "
								+ java.type().getName() + ", which has " + javaFields.size() + " components"
								+ ((missing.defaultValue() != null) ? " (Python defaults it, but Casty then never sends it to Java)"
										: "")));
				continue;
			}
			TypeDescriptor.Field javaField = javaFields.get(i);
			if (i >= pythonFields.size()) {
				out.add(new SchemaMismatch(name, java.type(), SchemaMismatch.Kind.EXTRA_FIELD,
						"`" + name + "`: Java component " + position + " " + wireName(javaField)
								+ " is not a field in Python, which has " + pythonFields.size()
								+ " (a node fails to create the dataclass from it)"));
				continue;
			}
			SchemaType.Field pythonField = pythonFields.get(i);
			if (!pythonField.name().equals(javaField.pythonName())) {
				out.add(new SchemaMismatch(name, java.type(), SchemaMismatch.Kind.FIELD_NAME, "`" + name + "`: field "
						+ position + " is `" + pythonField.toPython() + "` in Python, Java has " + wireName(javaField)));
				continue;
			}
			field(name, java.type(), position, javaField, pythonField, out);
		}
	}

	private void field(String name, Class<?> owner, int position, TypeDescriptor.Field java, SchemaType.Field python,
			List<SchemaMismatch> out) {
		String prefix = "`" + name + "`: field " + position + " `" + python.toPython() + "`";
		TypeExpr type = python.type();
		boolean optional = type instanceof TypeExpr.OptionalOf;
		TypeExpr inner = (type instanceof TypeExpr.OptionalOf o) ? o.type() : type;
		Class<?> raw = rawClass(java.genericType());
		if (optional && raw.isPrimitive()) {
			out.add(new SchemaMismatch(name, owner, SchemaMismatch.Kind.NULLABILITY, prefix
					+ " can be None in Python; Java's " + raw.getName() + " " + java.javaName()
					+ " cannot hold it: use " + boxed(raw).getSimpleName() + " (with @Nullable)"));
			return;
		}
		boolean pythonTuple = inner instanceof TypeExpr.TupleOf || inner instanceof TypeExpr.FixedTuple;
		boolean javaList = Collection.class.isAssignableFrom(raw) && !Set.class.isAssignableFrom(raw) || raw.isArray();
		if (pythonTuple && javaList && !java.tuple()) {
			out.add(new SchemaMismatch(name, owner, SchemaMismatch.Kind.TUPLE, prefix
					+ " is a tuple in Python, Java sends " + java.javaName()
					+ " as a list: mark the component @CastyField(tuple = true)"));
			return;
		}
		if (java.tuple() && !pythonTuple) {
			out.add(new SchemaMismatch(name, owner, SchemaMismatch.Kind.TUPLE, prefix + " is not a tuple in Python, Java "
					+ "marks " + java.javaName() + " @CastyField(tuple = true)"));
			return;
		}
		String problem = incompatible(java.genericType(), inner, java.tuple());
		if (problem != null) {
			out.add(new SchemaMismatch(name, owner, SchemaMismatch.Kind.FIELD_TYPE, prefix + " in Python, Java has `"
					+ typeName(java.genericType()) + " " + java.javaName() + "`: " + problem));
		}
	}

	/**
	 * Why a Java type cannot carry the values of a Python type, or {@code null} when it can.
	 */
	private @Nullable String incompatible(Type java, TypeExpr python, boolean tupleMarked) {
		Class<?> raw = rawClass(java);
		if (raw == Object.class) {
			return null;
		}
		if (raw == Optional.class) {
			return incompatible(typeArgument(java, 0), python, false);
		}
		if (python instanceof TypeExpr.OptionalOf optional) {
			return raw.isPrimitive() ? "a primitive cannot hold None" : incompatible(java, optional.type(), tupleMarked);
		}
		if (python instanceof TypeExpr.LiteralOf literal) {
			return incompatible(java, new TypeExpr.Scalar(literal.kind()), tupleMarked);
		}
		if (python instanceof TypeExpr.Scalar scalar) {
			return switch (scalar.kind()) {
				case ANY -> null;
				case NONE -> (raw == Void.class) ? null : "only None fits";
				case STR -> (raw == String.class || raw == CharSequence.class || raw == char.class || raw == Character.class)
						? null : "a str needs a String";
				case BOOL -> (raw == boolean.class || raw == Boolean.class) ? null : "a bool needs a boolean";
				case INT -> isIntegral(raw) || raw == Number.class ? null
						: isFloating(raw) ? "a Python int needs a Java integer type (long): a double is sent as a float"
								: "an int needs a Java integer type (long)";
				case FLOAT -> isFloating(raw) || raw == Number.class ? null
						: isIntegral(raw) ? "a Python float needs a double: a Java integer is sent as an int (1, not 1.0)"
								: "a float needs a double";
			};
		}
		if (python instanceof TypeExpr.ListOf list) {
			if (Set.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw)
					|| !(Collection.class.isAssignableFrom(raw) || Iterable.class == raw || raw.isArray())) {
				return "a list needs a List";
			}
			return item(java, list.item());
		}
		if (python instanceof TypeExpr.TupleOf || python instanceof TypeExpr.FixedTuple) {
			if (raw == Tuple.class) {
				return null;
			}
			if (!tupleMarked) {
				return "a tuple needs io.casty.client.Tuple here (only a component's own List can be marked a tuple)";
			}
			if (python instanceof TypeExpr.TupleOf tuple) {
				return item(java, tuple.item());
			}
			for (TypeExpr item : ((TypeExpr.FixedTuple) python).items()) {
				String problem = item(java, item);
				if (problem != null) {
					return problem;
				}
			}
			return null;
		}
		if (python instanceof TypeExpr.FrozensetOf set) {
			return Set.class.isAssignableFrom(raw) ? item(java, set.item()) : "a frozenset needs a Set";
		}
		if (python instanceof TypeExpr.DictOf dict) {
			if (!Map.class.isAssignableFrom(raw)) {
				return "a dict needs a Map";
			}
			String key = incompatible(typeArgument(java, 0), dict.key(), false);
			if (key != null) {
				return "its keys: " + key;
			}
			String value = incompatible(typeArgument(java, 1), dict.value(), false);
			return (value != null) ? "its values: " + value : null;
		}
		if (python instanceof TypeExpr.Ref) {
			return (raw == ActorRef.class) ? null : "an ActorRef needs an io.casty.client.ActorRef";
		}
		if (python instanceof TypeExpr.DataclassRef ref) {
			return named(raw, ref.name(), DataclassValue.class);
		}
		if (python instanceof TypeExpr.EnumRef ref) {
			return named(raw, ref.name(), EnumValue.class);
		}
		if (python instanceof TypeExpr.UnionOf union) {
			for (TypeExpr member : union.types()) {
				String problem = incompatible(java, member, tupleMarked);
				if (problem != null) {
					return "the alternative " + member.toPython() + " does not fit: " + problem;
				}
			}
			return null;
		}
		return "unsupported Python type " + python.toPython();
	}

	private @Nullable String item(Type java, TypeExpr item) {
		Class<?> raw = rawClass(java);
		Type itemType = raw.isArray() ? componentType(java) : typeArgument(java, 0);
		String problem = incompatible(itemType, item, false);
		return (problem != null) ? "its items: " + problem : null;
	}

	private @Nullable String named(Class<?> raw, String pythonName, Class<?> untyped) {
		if (raw == untyped) {
			return null;
		}
		TypeDescriptor target = this.registry.forName(pythonName);
		if (target != null && raw.isAssignableFrom(target.type())) {
			return null;
		}
		TypeDescriptor actual = this.registry.forClass(raw);
		return "Python's " + pythonName + " needs the Java type annotated @CastyMessage(\"" + pythonName + "\")"
				+ ((actual != null) ? ", " + raw.getSimpleName() + " is " + actual.pythonName() : "");
	}

	private void members(TypeDescriptor.PyEnum java, SchemaType.PyEnum python, List<SchemaMismatch> out) {
		List<String> pythonNames = python.members().stream().map(SchemaType.Member::name).toList();
		List<String> canonical = python.members().stream().filter((m) -> m.aliasOf() == null)
			.map(SchemaType.Member::name).toList();
		List<String> missing = canonical.stream().filter((m) -> !java.memberNames().contains(m)).toList();
		List<String> extra = java.memberNames().stream().filter((m) -> !pythonNames.contains(m)).toList();
		if (missing.isEmpty() && extra.isEmpty()) {
			return;
		}
		StringBuilder message = new StringBuilder("`" + python.name() + "`: Python members are " + canonical + ", Java "
				+ java.type().getName() + " has " + java.memberNames());
		if (!missing.isEmpty()) {
			message.append("; missing in Java: ").append(missing);
		}
		if (!extra.isEmpty()) {
			message.append("; not in Python: ").append(extra).append(" (a node cannot decode them)");
		}
		out.add(new SchemaMismatch(python.name(), java.type(), SchemaMismatch.Kind.ENUM_MEMBERS, message.toString()));
	}

	private static String wireName(TypeDescriptor.Field field) {
		return "`" + field.pythonName() + "`"
				+ (MessageTypeRegistry.snakeCase(field.javaName()).equals(field.pythonName()) ? ""
						: " (component " + field.javaName() + ")");
	}

	private static boolean isIntegral(Class<?> raw) {
		return raw == long.class || raw == Long.class || raw == int.class || raw == Integer.class || raw == short.class
				|| raw == Short.class || raw == byte.class || raw == Byte.class || raw == BigInteger.class;
	}

	private static boolean isFloating(Class<?> raw) {
		return raw == double.class || raw == Double.class || raw == float.class || raw == Float.class
				|| raw == BigDecimal.class;
	}

	private static Class<?> boxed(Class<?> primitive) {
		return switch (primitive.getName()) {
			case "long" -> Long.class;
			case "int" -> Integer.class;
			case "double" -> Double.class;
			case "float" -> Float.class;
			case "boolean" -> Boolean.class;
			case "short" -> Short.class;
			case "byte" -> Byte.class;
			default -> Character.class;
		};
	}

	private static Class<?> rawClass(Type type) {
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
			return java.lang.reflect.Array.newInstance(rawClass(array.getGenericComponentType()), 0).getClass();
		}
		return Object.class;
	}

	private static Type typeArgument(Type type, int index) {
		if (type instanceof ParameterizedType parameterized && parameterized.getActualTypeArguments().length > index) {
			return parameterized.getActualTypeArguments()[index];
		}
		return Object.class;
	}

	private static Type componentType(Type type) {
		if (type instanceof GenericArrayType array) {
			return array.getGenericComponentType();
		}
		return ((Class<?>) type).getComponentType();
	}

	static String typeName(Type type) {
		return type.getTypeName().replace('$', '.').replaceAll("\\b[a-z][a-z0-9_]*\\.", "");
	}

}
