package io.casty.client;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Overrides how a record component (a dataclass field) or an enum constant (a member name)
 * is written on the wire.
 *
 * @since 0.1.0
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.RECORD_COMPONENT, ElementType.FIELD })
public @interface CastyField {

	/**
	 * The Python field or enum member name; empty means the default (snake_case of the
	 * component name, or the enum constant's name).
	 * @return the name
	 */
	String value() default "";

	/**
	 * Whether a {@code List} or array component is a Python {@code tuple} (written as
	 * {@code {"__tuple__": [...]}}) rather than a {@code list}.
	 * @return whether the component is a tuple
	 */
	boolean tuple() default false;

}
