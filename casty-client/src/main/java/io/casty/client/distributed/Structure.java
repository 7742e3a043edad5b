package io.casty.client.distributed;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Function;

import io.casty.client.ActorRef;
import io.casty.client.ReplyType;
import org.jspecify.annotations.Nullable;

/**
 * What every structure shares: its region, its options, and requests that fail with
 * {@link StructureNotHostedException} as soon as the client can tell no node hosts the
 * region.
 */
abstract class Structure {

	final StructureGateway gateway;

	final String kind;

	final String name;

	final String shardType;

	final StructureOptions options;

	Structure(StructureGateway gateway, String kind, String name, String shardType, StructureOptions options) {
		if (name.isEmpty()) {
			throw new IllegalArgumentException("The name of a distributed " + kind + " must not be empty");
		}
		this.gateway = gateway;
		this.kind = kind;
		this.name = name;
		this.shardType = shardType;
		this.options = options;
	}

	/**
	 * The structure's name.
	 * @return the name given on creation
	 */
	public String name() {
		return this.name;
	}

	/**
	 * The shard type of the structure's region, for example {@code d-counter-hits}.
	 * @return the shard type
	 */
	public String shardType() {
		return this.shardType;
	}

	/**
	 * The shard count and timeout.
	 * @return the options
	 */
	public StructureOptions options() {
		return this.options;
	}

	<R> CompletableFuture<R> call(String entityId, Function<ActorRef<R>, Object> factory, ReplyType<R> replyType) {
		return call(entityId, factory, replyType, this.options.timeout(), null);
	}

	/**
	 * Asks an entity of the region.
	 * @param abandoned if not null, receives a reply this call gave up on: one arriving after
	 * the timeout, or after the call failed because the region looked unhosted
	 */
	<R> CompletableFuture<R> call(String entityId, Function<ActorRef<R>, Object> factory, ReplyType<R> replyType,
			Duration timeout, @Nullable Consumer<? super R> abandoned) {
		CompletableFuture<R> reply = this.gateway.ask(this.shardType, this.options.shards(), entityId, factory,
				replyType, timeout, abandoned);
		Duration check = this.gateway.notHostedCheckDelay();
		if (check.compareTo(timeout) >= 0) {
			return reply;
		}
		CompletableFuture<R> result = new CompletableFuture<>();
		reply.whenComplete((value, error) -> {
			if (error == null) {
				if (!result.complete(value) && abandoned != null) {
					abandoned.accept(value);
				}
			}
			else {
				result.completeExceptionally(unwrap(error));
			}
		});
		this.gateway.schedule(() -> {
			if (result.isDone()) {
				return;
			}
			String reason = this.gateway.notHostedReason(this.shardType, this.options.shards(), entityId);
			if (reason != null) {
				result.completeExceptionally(new StructureNotHostedException(this.shardType,
						"No node hosts the distributed " + this.kind + " '" + this.name + "' (" + reason
								+ "); create it on the nodes first, with the same shard count ("
								+ this.options.shards() + "), for example " + creationHint()));
			}
		}, check);
		return result;
	}

	/**
	 * The Python line that creates the structure on a node.
	 * @return the hint
	 */
	abstract String creationHint();

	static Throwable unwrap(Throwable error) {
		return (error instanceof CompletionException && error.getCause() != null) ? error.getCause() : error;
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[" + this.name + ", " + this.shardType + ", " + this.options.shards()
				+ " shards]";
	}

}
