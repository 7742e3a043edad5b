package io.casty.client.transport;

import io.casty.client.CastyException;

/**
 * Told when a message accepted for sending could not be written.
 * <p>
 * Internal: shared with the routers and the topology subscriber; not API, may change without
 * notice.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface SendFailure {

	/** Ignores failures. */
	SendFailure IGNORE = (cause) -> {
	};

	/**
	 * The message was not sent.
	 * @param cause why
	 */
	void failed(CastyException cause);

}
