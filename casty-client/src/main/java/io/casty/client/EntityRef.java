package io.casty.client;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import reactor.core.publisher.Mono;

/**
 * Sends messages to the entities of one shard type, straight to the node that owns each
 * entity's shard. Obtain one from {@link CastyClient#entityRef(String, int, Class)}.
 * Messages to one entity keep their order while its shard stays on the same node.
 * <p>
 * Errors: {@code tell} returns nothing and so throws. The {@code ask} methods never throw:
 * every failure, misuse included (a null argument, a timeout that is not positive, a closed
 * client, too many asks in flight), completes the returned future exceptionally.
 *
 * @param <M> the type of messages the entities understand
 * @since 0.1.0
 */
public interface EntityRef<M> {

	/**
	 * The shard type.
	 * @return the type name
	 */
	String shardType();

	/**
	 * The shard count every node uses for this type.
	 * @return the count
	 */
	int numShards();

	/**
	 * Sends a message without waiting for anything.
	 * @param entityId the entity
	 * @param message the message
	 * @throws BufferOverflowException if the shard's buffer is full
	 * @throws NodeUnreachableException if the owner is known to be unreachable right now
	 * @throws MessageCodecException if the message cannot be encoded
	 */
	void tell(String entityId, M message);

	/**
	 * Sends a message carrying a reply ref and waits for the reply, for the client's default
	 * ask timeout.
	 * @param <R> the reply type
	 * @param entityId the entity
	 * @param factory builds the message around the reply ref
	 * @param replyType the reply type
	 * @return the reply; fails with {@link CastyTimeoutException},
	 * {@link NodeUnreachableException}, {@link BufferOverflowException} (too many asks in
	 * flight or a full buffer), {@link ClusterUnavailableException},
	 * {@link UnknownMessageTypeException} (the reply names a type that is not registered),
	 * {@link MessageCodecException} (the reply does not fit the reply type),
	 * {@link ClientClosedException}, or {@link NullPointerException} /
	 * {@link IllegalArgumentException} for misuse; never throws
	 */
	default <R> CompletableFuture<R> ask(String entityId, Function<ActorRef<R>, ? extends M> factory,
			Class<R> replyType) {
		return ask(entityId, factory, ReplyType.of(replyType));
	}

	/**
	 * Like {@link #ask(String, Function, Class)} with an explicit timeout.
	 * @param <R> the reply type
	 * @param entityId the entity
	 * @param factory builds the message around the reply ref
	 * @param replyType the reply type
	 * @param timeout how long to wait
	 * @return the reply
	 */
	default <R> CompletableFuture<R> ask(String entityId, Function<ActorRef<R>, ? extends M> factory, Class<R> replyType,
			Duration timeout) {
		return ask(entityId, factory, ReplyType.of(replyType), timeout);
	}

	/**
	 * Like {@link #ask(String, Function, Class)} for a generic reply type, which the reply is
	 * decoded into with its type arguments ({@code new ReplyType<List<Integer>>() {}}).
	 * @param <R> the reply type
	 * @param entityId the entity
	 * @param factory builds the message around the reply ref
	 * @param replyType the reply type
	 * @return the reply
	 */
	<R> CompletableFuture<R> ask(String entityId, Function<ActorRef<R>, ? extends M> factory, ReplyType<R> replyType);

	/**
	 * Like {@link #ask(String, Function, ReplyType)} with an explicit timeout.
	 * @param <R> the reply type
	 * @param entityId the entity
	 * @param factory builds the message around the reply ref
	 * @param replyType the reply type
	 * @param timeout how long to wait
	 * @return the reply
	 */
	<R> CompletableFuture<R> ask(String entityId, Function<ActorRef<R>, ? extends M> factory, ReplyType<R> replyType,
			Duration timeout);

	/**
	 * A lazy {@link Mono} variant of {@link #ask(String, Function, Class)}: the message is sent
	 * on subscription.
	 * @param <R> the reply type
	 * @param entityId the entity
	 * @param factory builds the message around the reply ref
	 * @param replyType the reply type
	 * @return the reply
	 */
	default <R> Mono<R> askMono(String entityId, Function<ActorRef<R>, ? extends M> factory, Class<R> replyType) {
		return Mono.fromFuture(() -> ask(entityId, factory, replyType));
	}

	/**
	 * The shard of an entity.
	 * @param entityId the entity
	 * @return the shard, as Casty computes it
	 */
	long shardOf(String entityId);

	/**
	 * The node the client currently routes an entity to.
	 * @param entityId the entity
	 * @return the node, or empty if the shard's location is not known yet
	 */
	Optional<NodeAddress> ownerOf(String entityId);

}
