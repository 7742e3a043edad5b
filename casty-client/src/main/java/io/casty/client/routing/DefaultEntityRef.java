package io.casty.client.routing;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import io.casty.client.ActorRef;
import io.casty.client.EntityRef;
import io.casty.client.NodeAddress;
import io.casty.client.ReplyType;
import io.casty.client.messaging.AskRegistry;
import io.casty.client.messaging.PendingAsk;
import io.casty.client.messaging.TypedAsk;
import io.casty.client.protocol.MessageEncoder;
import org.jspecify.annotations.Nullable;

/**
 * The {@link EntityRef} of one shard type, backed by its {@link ShardRouter}.
 * <p>
 * Internal: made by {@code CastyClient.entityRef} and the distributed structures; use it as an
 * {@link io.casty.client.EntityRef}; not API, may change without notice.
 *
 * @param <M> the message type
 * @since 0.1.0
 */
public final class DefaultEntityRef<M> implements EntityRef<M> {

	private final String shardType;

	private final int numShards;

	private volatile ShardRouter router;

	private volatile AskRegistry asks;

	private final Duration defaultTimeout;

	private final MessageEncoder encoder;

	private final Runnable runningCheck;

	private final Runnable reachableCheck;

	private final TypedAsk.Request<String, M> request = this::sendRequest;

	/** Describes an ask from its entity id, built only when an error needs it. */
	private final Function<String, String> askDescription = (entityId) -> "ask to entity '" + entityId
			+ "' of shard type '" + shardType() + "' (shard " + shardOf(entityId) + ")";

	/**
	 * Creates a ref.
	 * @param shardType the shard type
	 * @param numShards its shard count
	 * @param router the router of the client's current start
	 * @param asks the ask registry of the client's current start
	 * @param defaultTimeout timeout of asks that give none
	 * @param encoder encodes messages, in the caller's thread
	 * @param runningCheck throws if the client is not running (stopped or closed)
	 * @param reachableCheck throws {@link io.casty.client.ClusterUnavailableException} when no node
	 * can be reached at all, so asks fail at once instead of at their timeout
	 */
	public DefaultEntityRef(String shardType, int numShards, ShardRouter router, AskRegistry asks,
			Duration defaultTimeout, MessageEncoder encoder, Runnable runningCheck,
			Runnable reachableCheck) {
		this.shardType = shardType;
		this.numShards = numShards;
		this.router = router;
		this.asks = asks;
		this.defaultTimeout = defaultTimeout;
		this.encoder = encoder;
		this.runningCheck = runningCheck;
		this.reachableCheck = reachableCheck;
	}

	/**
	 * Points this ref at the router and asks of a new start of its client.
	 * @param router the new router, of the same shard type
	 * @param asks the new ask registry
	 */
	public void rebind(ShardRouter router, AskRegistry asks) {
		this.router = router;
		this.asks = asks;
	}

	@Override
	public String shardType() {
		return this.shardType;
	}

	@Override
	public int numShards() {
		return this.numShards;
	}

	@Override
	public void tell(String entityId, M message) {
		this.runningCheck.run();
		this.router.tell(entityId, this.encoder.encodeForEntity(entityId, message));
	}

	@Override
	public <R> CompletableFuture<R> ask(String entityId, Function<ActorRef<R>, ? extends M> factory,
			Class<R> replyType) {
		return ask(entityId, factory, replyType, this.defaultTimeout);
	}

	@Override
	public <R> CompletableFuture<R> ask(String entityId, Function<ActorRef<R>, ? extends M> factory, Class<R> replyType,
			Duration timeout) {
		return askTyped(entityId, factory, replyType, timeout);
	}

	@Override
	public <R> CompletableFuture<R> ask(String entityId, Function<ActorRef<R>, ? extends M> factory,
			ReplyType<R> replyType) {
		return askTyped(entityId, factory, replyType.type(), this.defaultTimeout);
	}

	@Override
	public <R> CompletableFuture<R> ask(String entityId, Function<ActorRef<R>, ? extends M> factory,
			ReplyType<R> replyType, Duration timeout) {
		return askTyped(entityId, factory, replyType.type(), timeout);
	}

	/**
	 * Like {@link #ask(String, Function, ReplyType, Duration)}, and a reply that arrives after
	 * the ask timed out or lost its connection goes to {@code lateReply} instead of being
	 * dropped, so that a request that took effect late can be compensated (the distributed
	 * lock releases a grant that reached a waiter who gave up).
	 * @param <R> the reply type
	 * @param entityId the entity
	 * @param factory builds the message around the reply ref
	 * @param replyType the reply type
	 * @param timeout how long to wait
	 * @param lateReply receives a late reply, on an I/O thread
	 * @return the reply
	 */
	@SuppressWarnings("unchecked")
	public <R> CompletableFuture<R> ask(String entityId, Function<ActorRef<R>, ? extends M> factory,
			ReplyType<R> replyType, Duration timeout, java.util.function.Consumer<? super R> lateReply) {
		return askTyped(entityId, factory, replyType.type(), timeout,
				(java.util.function.Consumer<@Nullable Object>) lateReply);
	}

	private <R> CompletableFuture<R> askTyped(@Nullable String entityId,
			@Nullable Function<ActorRef<R>, ? extends M> factory, @Nullable Type replyType, @Nullable Duration timeout) {
		return askTyped(entityId, factory, replyType, timeout, null);
	}

	private <R> CompletableFuture<R> askTyped(@Nullable String entityId,
			@Nullable Function<ActorRef<R>, ? extends M> factory, @Nullable Type replyType, @Nullable Duration timeout,
			java.util.function.@Nullable Consumer<@Nullable Object> lateReply) {
		PendingAsk ask;
		AskRegistry registry = this.asks;
		ShardRouter shardRouter = this.router;
		try {
			// Every failure of a future-returning call is a failed future, misuse included.
			Objects.requireNonNull(entityId, "entityId");
			Objects.requireNonNull(factory, "factory");
			this.runningCheck.run();
			shardRouter.checkOpen();
			ask = registry.register(Objects.requireNonNull(replyType, "replyType"), shardType(), this.askDescription,
					entityId, Objects.requireNonNull(timeout, "timeout"), shardRouter.laneOf(entityId));
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		return TypedAsk.send(registry, ask, entityId, factory, lateReply, this.reachableCheck, this.request);
	}

	private void sendRequest(String entityId, M message, PendingAsk ask) {
		this.router.ask(entityId, this.encoder.encodeForEntity(entityId, message), ask);
	}

	@Override
	public long shardOf(String entityId) {
		return this.router.shardOf(entityId);
	}

	@Override
	public Optional<NodeAddress> ownerOf(String entityId) {
		return Optional.ofNullable(this.router.routeOf(entityId));
	}

	@Override
	public String toString() {
		return "EntityRef[" + shardType() + ", " + numShards() + " shards]";
	}

}
