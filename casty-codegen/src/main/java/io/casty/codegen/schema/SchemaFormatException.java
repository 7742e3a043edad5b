package io.casty.codegen.schema;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a document is not a casty-schema document this library can read; the message
 * names the JSON path of the problem.
 *
 * @since 0.1.0
 */
public class SchemaFormatException extends RuntimeException {

	/**
	 * Creates an exception.
	 * @param message what is wrong, and where
	 */
	public SchemaFormatException(String message) {
		super(message);
	}

	/**
	 * Creates an exception.
	 * @param message what is wrong, and where
	 * @param cause the underlying error
	 */
	public SchemaFormatException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
