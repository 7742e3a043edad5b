package io.casty.codegen.java;

/**
 * Thrown when a schema cannot be turned into Java as asked: an unknown type in a sealed
 * interface, two Python types that would get the same Java name, a field Casty cannot send.
 *
 * @since 0.1.0
 */
public class GenerationException extends RuntimeException {

	/**
	 * Creates an exception.
	 * @param message what is wrong and how to fix it
	 */
	public GenerationException(String message) {
		super(message);
	}

}
