package io.casty.client;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Objects;

/**
 * A reply type with its type arguments, for asks whose reply is generic:
 * {@code entities.ask(id, GetLog::new, new ReplyType<List<Integer>>() {})} decodes the reply
 * into a list of {@code Integer}, where {@code List.class} would give whatever the payload
 * holds. Create it as an anonymous subclass, or with {@link #of(Class)} for a plain class.
 *
 * @param <T> the reply type
 * @since 0.1.0
 */
public abstract class ReplyType<T> {

	private final Type type;

	/**
	 * Captures the type argument of the anonymous subclass.
	 * @throws IllegalArgumentException if the subclass gives no type argument
	 */
	protected ReplyType() {
		Type superclass = getClass().getGenericSuperclass();
		if (!(superclass instanceof ParameterizedType parameterized)
				|| parameterized.getRawType() != ReplyType.class) {
			throw new IllegalArgumentException("Create a ReplyType as an anonymous subclass with its type argument, "
					+ "for example new ReplyType<List<Integer>>() {}");
		}
		this.type = parameterized.getActualTypeArguments()[0];
	}

	private ReplyType(Type type) {
		this.type = type;
	}

	/**
	 * A reply type without type arguments.
	 * @param <T> the type
	 * @param type the class
	 * @return the reply type
	 */
	public static <T> ReplyType<T> of(Class<T> type) {
		return new ReplyType<>(Objects.requireNonNull(type, "type")) {
		};
	}

	/**
	 * The full type the reply is decoded into.
	 * @return the type
	 */
	public Type type() {
		return this.type;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof ReplyType<?> that && this.type.equals(that.type);
	}

	@Override
	public int hashCode() {
		return this.type.hashCode();
	}

	@Override
	public String toString() {
		return "ReplyType[" + this.type.getTypeName() + "]";
	}

}
