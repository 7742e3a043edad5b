package io.casty.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A Python dataclass whose {@code _type} is not registered with the client, decoded as a
 * generic tree instead of a Java type. No class is ever looked up by this name. It encodes
 * back to the same dataclass.
 *
 * @param type the Python type name ({@code module.qualname})
 * @param fields the fields in wire order, values decoded generically
 * @since 0.1.0
 */
public record DataclassValue(String type, Map<String, @Nullable Object> fields) {

	public DataclassValue {
		Objects.requireNonNull(type, "type");
		fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
	}

	/**
	 * Returns one field's value.
	 * @param name the Python field name
	 * @return the value, or {@code null}
	 */
	public @Nullable Object get(String name) {
		return this.fields.get(name);
	}

}
