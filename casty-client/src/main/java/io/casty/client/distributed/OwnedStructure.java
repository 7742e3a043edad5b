package io.casty.client.distributed;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.casty.client.ActorRef;
import io.casty.client.CastyTimeoutException;
import io.casty.client.NodeUnreachableException;
import io.casty.client.ReplyType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * A lock or semaphore: acquisitions by owner string, granted in arrival order.
 * <p>
 * Casty keeps a waiter queued when its acquire times out, and grants it the permit later:
 * without care the permit then belongs to nobody alive and stays taken. Each acquisition
 * here has its own owner, and a grant that arrives after its acquire gave up (timeout, lost
 * connection, region judged unhosted) is released at once.
 */
abstract class OwnedStructure extends Structure {

	private static final Logger logger = LoggerFactory.getLogger(OwnedStructure.class);

	private static final int RELEASE_ATTEMPTS = 3;

	private final AtomicLong abandonedGrantsReleased = new AtomicLong();

	OwnedStructure(StructureGateway gateway, String kind, String name, String shardType, StructureOptions options) {
		super(gateway, kind, name, shardType, options);
	}

	abstract Object acquireRequest(String owner, ActorRef<Object> replyTo);

	abstract Object tryAcquireRequest(String owner, ActorRef<Object> replyTo);

	abstract boolean tryAcquired(Object reply);

	abstract Object releaseRequest(String owner, ActorRef<Object> replyTo);

	abstract boolean released(Object reply);

	abstract Object destroyRequest(ActorRef<Object> replyTo);

	abstract Class<?> grantType();

	abstract Class<?> tryResultType();

	abstract Class<?> releaseResultType();

	/**
	 * Waits for the permit, for the structure's timeout.
	 * @return the held permit; fails with {@link CastyTimeoutException} if not granted in time
	 */
	public CompletableFuture<Permit> acquire() {
		return acquire(this.options.timeout());
	}

	/**
	 * Waits for the permit. If it is not granted in time the request may stay queued on the
	 * cluster; should it be granted later, the client releases it at once.
	 * @param timeout how long to wait
	 * @return the held permit; fails with {@link CastyTimeoutException} if not granted in time
	 */
	public CompletableFuture<Permit> acquire(Duration timeout) {
		String owner = newOwner();
		CompletableFuture<Object> granted = call(this.name, (r) -> acquireRequest(owner, r), reply(grantType()),
				timeout, (late) -> releaseAbandoned(owner, 1));
		return granted.handle((ignored, error) -> {
			if (error == null) {
				return permit(owner);
			}
			Throwable cause = unwrap(error);
			if (cause instanceof CastyTimeoutException && !(cause instanceof NodeUnreachableException)) {
				throw new CastyTimeoutException("The " + this.kind + " '" + this.name + "' was not granted within "
						+ timeout.toMillis() + " ms; if the request is still queued on the cluster the client releases "
						+ "it as soon as it is granted", cause);
			}
			throw (cause instanceof RuntimeException runtime) ? runtime
					: new io.casty.client.CastyException(cause.toString(), cause);
		});
	}

	/**
	 * Takes the permit only if it is free now.
	 * @return the permit, or empty if it is taken
	 */
	public CompletableFuture<Optional<Permit>> tryAcquire() {
		String owner = newOwner();
		return call(this.name, (r) -> tryAcquireRequest(owner, r), reply(tryResultType()), this.options.timeout(),
				(late) -> {
					if (tryAcquired(late)) {
						releaseAbandoned(owner, 1);
					}
				})
			.thenApply((result) -> tryAcquired(result) ? Optional.of(permit(owner)) : Optional.empty());
	}

	/**
	 * Stops the structure's entity: the holder and every waiter are forgotten (waiters are
	 * never answered, so their acquisitions time out). The next request starts afresh.
	 * @return {@code true} once destroyed
	 */
	public CompletableFuture<Boolean> destroy() {
		return call(this.name, (r) -> destroyRequest(r.narrow()), ReplyType.of(Boolean.class));
	}

	/**
	 * A lazy {@link Mono} of {@link #acquire()}.
	 * @return the permit
	 */
	public Mono<Permit> acquireMono() {
		return Mono.fromFuture(() -> acquire());
	}

	/**
	 * A lazy {@link Mono} of {@link #tryAcquire()}; empty when the permit is taken.
	 * @return the permit
	 */
	public Mono<Permit> tryAcquireMono() {
		return Mono.fromFuture(this::tryAcquire).flatMap(Mono::justOrEmpty);
	}

	/**
	 * Runs {@code body} while holding the permit, and releases it however the body ends
	 * (value, error or cancellation).
	 * @param <T> the body's value type
	 * @param body creates the work to do while holding the permit
	 * @return the body's value
	 */
	public <T> Mono<T> withPermit(Supplier<? extends Mono<T>> body) {
		return Mono.usingWhen(acquireMono(), (permit) -> body.get(), Permit::releaseMono,
				(permit, error) -> permit.releaseMono(), Permit::releaseMono);
	}

	/**
	 * How many grants arrived for acquisitions that had already given up, and were released.
	 * @return the count
	 */
	public long abandonedGrantsReleased() {
		return this.abandonedGrantsReleased.get();
	}

	CompletableFuture<Boolean> releaseOwner(String owner) {
		return call(this.name, (r) -> releaseRequest(owner, r), reply(releaseResultType())).thenApply(this::released);
	}

	private Permit permit(String owner) {
		return new Permit(this.shardType + "/" + this.name, owner, this::releaseOwner);
	}

	private void releaseAbandoned(String owner, int attempt) {
		releaseOwner(owner).whenComplete((released, error) -> {
			if (error == null) {
				if (released) {
					this.abandonedGrantsReleased.incrementAndGet();
					logger.info("Released the {} '{}' granted to an acquisition that had given up (owner {})", this.kind,
							this.name, owner);
				}
			}
			else if (attempt < RELEASE_ATTEMPTS) {
				releaseAbandoned(owner, attempt + 1);
			}
			else {
				logger.warn("Could not release the {} '{}' granted to an acquisition that had given up (owner {}): {}; "
						+ "it stays taken until released by that owner or destroyed", this.kind, this.name, owner,
						unwrap(error).toString());
			}
		});
	}

	private String newOwner() {
		return this.gateway.newOwner();
	}

	@SuppressWarnings("unchecked")
	private static ReplyType<Object> reply(Class<?> type) {
		return (ReplyType<Object>) (ReplyType<?>) ReplyType.of(type);
	}

}
