package io.casty.client;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A Python {@code tuple} where no record component declares the shape, for example inside
 * an untyped reply. Encoded as {@code {"__tuple__": [...]}}.
 *
 * @param items the items, in order
 * @since 0.1.0
 */
public record Tuple(List<@org.jspecify.annotations.Nullable Object> items) {

	public Tuple {
		Objects.requireNonNull(items, "items");
		items = Collections.unmodifiableList(new java.util.ArrayList<>(items));
	}

	/**
	 * Creates a tuple.
	 * @param items the items
	 * @return the tuple
	 */
	public static Tuple of(@org.jspecify.annotations.Nullable Object... items) {
		return new Tuple(Arrays.asList(items));
	}

}
