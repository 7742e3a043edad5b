package io.casty.client;

/**
 * Thrown when a payload names a Python type ({@code _type} or {@code __enum__}) that is not
 * registered where a Java type was required, or when a Java type to be sent is not a
 * registered message type.
 *
 * @since 0.1.0
 */
public class UnknownMessageTypeException extends MessageCodecException {

	private static final long serialVersionUID = 1L;

	private final String typeName;

	public UnknownMessageTypeException(String typeName, String message) {
		super(message);
		this.typeName = typeName;
	}

	/**
	 * Creates the exception with the error that revealed it.
	 * @param typeName the Python or Java type name that is unknown
	 * @param message what happened and what to do
	 * @param cause the underlying error
	 * @since 0.1.0
	 */
	public UnknownMessageTypeException(String typeName, String message, Throwable cause) {
		super(message, cause);
		this.typeName = typeName;
	}

	/**
	 * Returns the Python or Java type name that is unknown.
	 * @return the type name
	 */
	public String getTypeName() {
		return this.typeName;
	}

}
