package io.casty.client.routing;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import io.casty.client.ActorRef;
import io.casty.client.CastyClientListener.AskOutcome;
import io.casty.client.CastyException;
import io.casty.client.EntityRef;
import io.casty.client.ReplyType;
import io.casty.client.messaging.AskRegistry;
import io.casty.client.messaging.PendingAsk;
import io.casty.client.protocol.messages.NodeAddress;
import org.jspecify.annotations.Nullable;

/**
 * The {@link EntityRef} of one shard type, backed by its {@link ShardRouter}.
 *
 * @param <M> the message type
 * @since 0.1.0
 */
public final class DefaultEntityRef<M> implements EntityRef<M> {

	private final ShardRouter router;

	private final AskRegistry asks;

	private final Duration defaultTimeout;

	private final java.util.function.Consumer<Object> encodableCheck;

	public DefaultEntityRef(ShardRouter router, AskRegistry asks, Duration defaultTimeout,
			java.util.function.Consumer<Object> encodableCheck) {
		this.router = router;
		this.asks = asks;
		this.defaultTimeout = defaultTimeout;
		this.encodableCheck = encodableCheck;
	}

	@Override
	public String shardType() {
		return this.router.shardType();
	}

	@Override
	public int numShards() {
		return this.router.numShards();
	}

	@Override
	public void tell(String entityId, M message) {
		this.encodableCheck.accept(message);
		this.router.tell(entityId, message);
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

	@SuppressWarnings("unchecked")
	private <R> CompletableFuture<R> askTyped(@Nullable String entityId,
			@Nullable Function<ActorRef<R>, ? extends M> factory, @Nullable Type replyType, @Nullable Duration timeout,
			java.util.function.@Nullable Consumer<@Nullable Object> lateReply) {
		PendingAsk ask;
		try {
			// Every failure of a future-returning call is a failed future, misuse included.
			Objects.requireNonNull(entityId, "entityId");
			Objects.requireNonNull(factory, "factory");
			this.router.checkOpen();
			ask = this.asks.register(Objects.requireNonNull(replyType, "replyType"), shardType(),
					() -> "ask to entity '" + entityId + "' of shard type '" + shardType() + "' (shard "
							+ shardOf(entityId) + ")",
					Objects.requireNonNull(timeout, "timeout"), this.router.laneOf(entityId));
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		if (ask.isDone()) {
			return (CompletableFuture<R>) (CompletableFuture<?>) ask.future();
		}
		if (lateReply != null) {
			ask.onLateReply(lateReply);
		}
		try {
			M message = factory.apply(ask.replyTo().narrow());
			this.encodableCheck.accept(message);
			this.router.ask(entityId, message, ask);
		}
		catch (CastyException ex) {
			this.asks.fail(ask, ex, AskOutcome.ERROR);
		}
		catch (RuntimeException ex) {
			this.asks.fail(ask, new CastyException("Building the message for " + ask.description() + " failed: " + ex, ex),
					AskOutcome.ERROR);
		}
		return (CompletableFuture<R>) (CompletableFuture<?>) ask.future();
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
