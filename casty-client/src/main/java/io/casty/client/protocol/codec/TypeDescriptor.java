package io.casty.client.protocol.codec;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * How one registered Java type maps to its Python counterpart.
 *
 * @since 0.1.0
 */
public sealed interface TypeDescriptor {

	/**
	 * The Java type.
	 * @return the class
	 */
	Class<?> type();

	/**
	 * The Python {@code module.qualname}.
	 * @return the name
	 */
	String pythonName();

	/**
	 * A record mapped to a dataclass.
	 *
	 * @param type the record class
	 * @param pythonName the dataclass name
	 * @param fields the fields in declaration order
	 * @param constructor the canonical constructor, spread over the fields
	 */
	record Dataclass(Class<?> type, String pythonName, List<Field> fields, MethodHandle constructor)
			implements TypeDescriptor {
	}

	/**
	 * One dataclass field.
	 *
	 * @param javaName the record component name
	 * @param pythonName the dataclass field name
	 * @param genericType the component's declared type
	 * @param accessor the component accessor, typed {@code (Object)Object}
	 * @param tuple whether a list-like value is written as a tuple
	 * @param primitive what the component is if it is a primitive written as a number or a
	 * boolean, so the encoder reads it through {@code primitiveAccessor} without boxing it
	 * @param primitiveAccessor the accessor typed {@code (Object)long}, {@code (Object)double}
	 * or {@code (Object)boolean} as {@code primitive} says; {@code null} for
	 * {@link Primitive#NONE}
	 */
	record Field(String javaName, String pythonName, Type genericType, MethodHandle accessor, boolean tuple,
			Primitive primitive, @Nullable MethodHandle primitiveAccessor) {
	}

	/** How a record component is read without boxing it. */
	enum Primitive {

		/** A reference (or a {@code char}): read boxed through the {@code (Object)Object} accessor. */
		NONE,

		/** {@code byte}, {@code short}, {@code int} or {@code long}, read as a {@code long}. */
		INTEGER,

		/** {@code float} or {@code double}, read as a {@code double}. */
		FLOATING,

		/** {@code boolean}. */
		BOOLEAN

	}

	/**
	 * An enum mapped to a Python {@code Enum}; members travel by name.
	 *
	 * @param type the enum class
	 * @param pythonName the Python enum name
	 * @param byMember the constants by Python member name
	 * @param memberNames the Python member names by ordinal
	 */
	record PyEnum(Class<?> type, String pythonName, Map<String, Enum<?>> byMember, List<String> memberNames)
			implements TypeDescriptor {

		@Nullable Enum<?> constant(String member) {
			return this.byMember.get(member);
		}

	}

}
