package io.casty.codegen.check;

/**
 * One difference between a Java message type and its Python counterpart in a schema.
 *
 * @param pythonName the Python {@code module.qualname} the Java type claims
 * @param javaType the Java type
 * @param kind what differs
 * @param message a precise sentence naming both sides, for example
 * {@code `shop.messages.AddItem`: field 2 is `quantity: int` in Python, Java has `qty`}
 * @since 0.1.0
 */
public record SchemaMismatch(String pythonName, Class<?> javaType, Kind kind, String message) {

	@Override
	public String toString() {
		return this.message;
	}

	/**
	 * What differs.
	 */
	public enum Kind {

		/** The schema has no Python type of that name. */
		MISSING_TYPE,

		/** One side is a dataclass, the other an enum. */
		KIND,

		/** The field at a position has another name. */
		FIELD_NAME,

		/** Python has a field Java lacks. */
		MISSING_FIELD,

		/** Java has a component Python lacks. */
		EXTRA_FIELD,

		/** The Java type cannot carry the Python field's values. */
		FIELD_TYPE,

		/** One side is a tuple, the other a list. */
		TUPLE,

		/** Python allows {@code None} where Java has a primitive. */
		NULLABILITY,

		/** The enum member names differ. */
		ENUM_MEMBERS

	}

}
