package io.casty.client.transport;

/**
 * A message that waits for an answer on the connection it was sent on (an ask): until
 * {@link #done()}, the connection's closing tells the message's {@link SendFailure}, so
 * every request on a lost connection fails at once instead of by timeout.
 * <p>
 * Internal: shared with the ask registry and the routers; not API, may change without notice.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface InFlight {

	/** Nothing waits: for a message that never reached a connection. */
	InFlight NONE = () -> {
	};

	/**
	 * The answer arrived or is no longer awaited: the connection forgets the message.
	 * Idempotent.
	 */
	void done();

}
