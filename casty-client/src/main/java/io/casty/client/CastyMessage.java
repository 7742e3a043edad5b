package io.casty.client;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record (a Python dataclass) or an enum (a Python {@code Enum}) as a message type
 * and names its Python type: the {@code module.qualname} that Casty writes as {@code _type}
 * (records) or {@code __enum__} (enums), for example {@code "shop.messages.AddPoints"}.
 * <p>
 * Record components map to dataclass fields in declaration order, camelCase names becoming
 * snake_case unless {@link CastyField} says otherwise. Enum constants travel by name
 * (override with {@link CastyField} on the constant). Only registered types are ever
 * created when decoding.
 *
 * @since 0.1.0
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface CastyMessage {

	/**
	 * The Python type name, {@code module.qualname}.
	 * @return the name
	 */
	String value();

}
