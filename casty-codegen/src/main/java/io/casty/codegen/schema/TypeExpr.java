package io.casty.codegen.schema;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The annotated type of a dataclass field, as Casty's {@code JsonSerializer} puts its value
 * on the wire. {@link #toPython()} renders it back in Python's own syntax.
 *
 * @since 0.1.0
 */
public sealed interface TypeExpr {

	/**
	 * Renders the type as a Python annotation, for example {@code dict[int, str] | None}.
	 * @return the annotation
	 */
	String toPython();

	/**
	 * {@code str}, {@code int}, {@code float}, {@code bool}, {@code None} or {@code Any}.
	 *
	 * @param kind the scalar
	 */
	record Scalar(ScalarKind kind) implements TypeExpr {

		@Override
		public String toPython() {
			return this.kind.python();
		}

	}

	/**
	 * The scalars.
	 */
	enum ScalarKind {

		/** {@code str}. */
		STR("str"),
		/** {@code int}. */
		INT("int"),
		/** {@code float}, which stays a float on the wire ({@code 1.0}). */
		FLOAT("float"),
		/** {@code bool}. */
		BOOL("bool"),
		/** {@code None}. */
		NONE("None"),
		/** {@code Any}, {@code object} or a type variable: any value. */
		ANY("Any");

		private final String python;

		ScalarKind(String python) {
			this.python = python;
		}

		/**
		 * The Python spelling.
		 * @return the name
		 */
		public String python() {
			return this.python;
		}

	}

	/**
	 * {@code list[item]}, a JSON array.
	 *
	 * @param item the item type
	 */
	record ListOf(TypeExpr item) implements TypeExpr {

		@Override
		public String toPython() {
			return "list[" + this.item.toPython() + "]";
		}

	}

	/**
	 * {@code tuple[item, ...]}, written {@code {"__tuple__": [...]}}.
	 *
	 * @param item the type of every item
	 */
	record TupleOf(TypeExpr item) implements TypeExpr {

		@Override
		public String toPython() {
			return "tuple[" + this.item.toPython() + ", ...]";
		}

	}

	/**
	 * {@code tuple[a, b, ...]} of a fixed length, written {@code {"__tuple__": [...]}}.
	 *
	 * @param items the item types, in order
	 */
	record FixedTuple(List<TypeExpr> items) implements TypeExpr {

		public FixedTuple {
			items = List.copyOf(items);
		}

		@Override
		public String toPython() {
			return this.items.isEmpty() ? "tuple[()]" : "tuple[" + join(this.items, ", ") + "]";
		}

	}

	/**
	 * {@code frozenset[item]}, written {@code {"__frozenset__": [...]}}.
	 *
	 * @param item the item type
	 */
	record FrozensetOf(TypeExpr item) implements TypeExpr {

		@Override
		public String toPython() {
			return "frozenset[" + this.item.toPython() + "]";
		}

	}

	/**
	 * {@code dict[key, value]}, written as {@code {"__dict__": [[k, v], ...]}} pairs so that
	 * keys of any type survive.
	 *
	 * @param key the key type
	 * @param value the value type
	 */
	record DictOf(TypeExpr key, TypeExpr value) implements TypeExpr {

		@Override
		public String toPython() {
			return "dict[" + this.key.toPython() + ", " + this.value.toPython() + "]";
		}

	}

	/**
	 * {@code X | None}.
	 *
	 * @param type the type when not {@code None}
	 */
	record OptionalOf(TypeExpr type) implements TypeExpr {

		@Override
		public String toPython() {
			return this.type.toPython() + " | None";
		}

	}

	/**
	 * {@code A | B | ...} without {@code None}.
	 *
	 * @param types the alternatives
	 */
	record UnionOf(List<TypeExpr> types) implements TypeExpr {

		public UnionOf {
			types = List.copyOf(types);
		}

		@Override
		public String toPython() {
			return join(this.types, " | ");
		}

	}

	/**
	 * {@code ActorRef[message]}, written {@code {"__ref__": "casty://..."}}.
	 *
	 * @param message the type of messages the actor takes (not on the wire)
	 */
	record Ref(TypeExpr message) implements TypeExpr {

		@Override
		public String toPython() {
			return (this.message instanceof Scalar scalar && scalar.kind() == ScalarKind.ANY) ? "ActorRef"
					: "ActorRef[" + this.message.toPython() + "]";
		}

	}

	/**
	 * Another dataclass of the schema, by its Python name.
	 *
	 * @param name the {@code module.qualname}
	 */
	record DataclassRef(String name) implements TypeExpr {

		@Override
		public String toPython() {
			return simpleName(this.name);
		}

	}

	/**
	 * An enum of the schema, by its Python name.
	 *
	 * @param name the {@code module.qualname}
	 */
	record EnumRef(String name) implements TypeExpr {

		@Override
		public String toPython() {
			return simpleName(this.name);
		}

	}

	/**
	 * {@code Literal[...]}: one of fixed scalar values.
	 *
	 * @param values the values as Python literals ({@code 'fast'}, {@code 1}, {@code True})
	 * @param kind the scalar every value is, or {@link ScalarKind#ANY} when they differ
	 */
	record LiteralOf(List<String> values, ScalarKind kind) implements TypeExpr {

		public LiteralOf {
			values = List.copyOf(values);
		}

		@Override
		public String toPython() {
			return "Literal[" + String.join(", ", this.values) + "]";
		}

	}

	private static String join(List<TypeExpr> types, String separator) {
		return types.stream().map(TypeExpr::toPython).collect(Collectors.joining(separator));
	}

	private static String simpleName(String qualifiedName) {
		int dot = qualifiedName.lastIndexOf('.');
		return (dot < 0) ? qualifiedName : qualifiedName.substring(dot + 1);
	}

}
