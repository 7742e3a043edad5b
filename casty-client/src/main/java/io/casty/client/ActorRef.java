package io.casty.client;

import java.util.Objects;

/**
 * A reference to an actor of the cluster or of this client, as it travels inside messages
 * ({@code {"__ref__": "casty://..."}}). It is a plain value: send to it with
 * {@code CastyClient#tell(ActorRef, Object)} or {@code CastyClient#ask}.
 *
 * @param <T> the type of messages the actor understands (not checked on the wire)
 * @param address the actor's address
 * @since 0.1.0
 */
public record ActorRef<T>(ActorAddress address) {

	public ActorRef {
		Objects.requireNonNull(address, "address");
	}

	/**
	 * Creates a reference from a Casty actor URI.
	 * @param <T> the message type
	 * @param uri the URI
	 * @return the reference
	 */
	public static <T> ActorRef<T> parse(String uri) {
		return new ActorRef<>(ActorAddress.parse(uri));
	}

	/**
	 * Returns the URI of the referenced actor.
	 * @return the URI
	 */
	public String uri() {
		return this.address.toUri();
	}

	/**
	 * Returns this reference typed for another message type.
	 * @param <U> the message type
	 * @return the same reference
	 */
	@SuppressWarnings("unchecked")
	public <U> ActorRef<U> narrow() {
		return (ActorRef<U>) this;
	}

	@Override
	public String toString() {
		return uri();
	}

}
