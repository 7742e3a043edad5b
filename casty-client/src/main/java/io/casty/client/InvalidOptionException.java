package io.casty.client;

import org.jspecify.annotations.Nullable;

/**
 * Thrown by an options builder when a setting is invalid. Names the setting, the rule it
 * breaks and the value given, so a framework that maps its own configuration to the options
 * (Spring Boot's {@code casty.client.*} properties) can report the error in its own terms.
 *
 * @since 0.1.0
 */
public class InvalidOptionException extends IllegalArgumentException {

	private final String option;

	private final String requirement;

	private final transient @Nullable Object value;

	/**
	 * Creates an exception.
	 * @param option the setting, as its builder method is named, e.g. {@code askTimeout}
	 * @param requirement the rule it breaks, e.g. {@code must be positive}
	 * @param value the value given
	 */
	public InvalidOptionException(String option, String requirement, @Nullable Object value) {
		super(option + " " + requirement + ", was " + value);
		this.option = option;
		this.requirement = requirement;
		this.value = value;
	}

	/**
	 * The setting, as its builder method is named.
	 * @return the option name
	 */
	public String getOption() {
		return this.option;
	}

	/**
	 * The rule the value breaks, e.g. {@code must be positive}.
	 * @return the requirement
	 */
	public String getRequirement() {
		return this.requirement;
	}

	/**
	 * The value given.
	 * @return the value, or null
	 */
	public @Nullable Object getValue() {
		return this.value;
	}

}
