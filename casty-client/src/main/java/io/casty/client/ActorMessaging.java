package io.casty.client;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import io.casty.client.messaging.AskRegistry;
import io.casty.client.messaging.PendingAsk;
import io.casty.client.messaging.TypedAsk;
import io.casty.client.protocol.EncodedMessage;
import io.casty.client.protocol.MessageEncoder;
import io.casty.client.transport.ConnectionManager;
import org.jspecify.annotations.Nullable;

/**
 * Tells and asks to any actor by its ref (a service instance, a ref received in a reply):
 * straight to the node the ref names, on the connection lane of its path, with no routing.
 * One per {@link ClientSession}.
 */
final class ActorMessaging {

	private final CastyClientOptions options;

	private final MessageEncoder encoder;

	private final AskRegistry asks;

	private final ConnectionManager connections;

	/** Sends the requests of asks to actors. */
	private final TypedAsk.Request<ActorRef<?>, Object> requests = this::sendRequest;

	/** Describes an ask from its target ref, built only when an error needs it. */
	private static final Function<ActorRef<?>, String> ASK_DESCRIPTION = (ref) -> "ask to " + ref;

	ActorMessaging(CastyClientOptions options, MessageEncoder encoder, AskRegistry asks, ConnectionManager connections) {
		this.options = options;
		this.encoder = encoder;
		this.asks = asks;
		this.connections = connections;
	}

	/**
	 * Asks any actor: registers the ask on the lane of the actor's path, then sends it as
	 * {@link TypedAsk} does.
	 * @param <M> the actor's message type
	 * @param <R> the reply type
	 * @param ref the actor
	 * @param factory builds the message around the reply ref
	 * @param replyType the reply type, or {@code null} (the future fails)
	 * @param timeout how long to wait, or {@code null} (the future fails)
	 * @return the reply; never throws
	 */
	<M, R> CompletableFuture<R> ask(ActorRef<M> ref, Function<ActorRef<R>, ? extends M> factory,
			java.lang.reflect.@Nullable Type replyType, @Nullable Duration timeout) {
		PendingAsk ask;
		try {
			String path = ref.address().path();
			ask = this.asks.register(Objects.requireNonNull(replyType, "replyType"), "actor", ASK_DESCRIPTION, ref,
					Objects.requireNonNull(timeout, "timeout"), this.connections.laneOf(path));
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		return TypedAsk.send(this.asks, ask, ref, factory, null, null, this.requests);
	}

	/**
	 * Encodes and sends a message to any actor, on the lane of its path.
	 * @param ref the actor
	 * @param message the message
	 */
	void tell(ActorRef<?> ref, Object message) {
		EncodedMessage encoded = this.encoder.encode(message);
		NodeAddress node = nodeOf(ref, encoded);
		String path = ref.address().path();
		this.connections.send(this.connections.laneOf(path), node, path, encoded,
				(failure) -> this.options.listener().messageDropped("actor", "node-unreachable"));
		this.options.listener().messageSent("actor");
	}

	/** Encodes and sends an ask's request to any actor, on the lane of its path. */
	private void sendRequest(ActorRef<?> ref, Object message, PendingAsk ask) {
		EncodedMessage encoded = this.encoder.encode(message);
		NodeAddress node = nodeOf(ref, encoded);
		String path = ref.address().path();
		ask.sentTo(node);
		ask.sentOn(this.connections.request(this.connections.laneOf(path), node, path, encoded, ask));
		this.options.listener().messageSent("actor");
	}

	/** The node of a ref; a message for a ref without one is released. */
	private static NodeAddress nodeOf(ActorRef<?> ref, EncodedMessage message) {
		ActorAddress address = ref.address();
		if (!address.isRemote()) {
			message.release();
			throw new InvalidActorAddressException("Cannot send to the local ref " + ref + ": it has no host and port");
		}
		return new NodeAddress(Objects.requireNonNull(address.host()), address.port());
	}

}
