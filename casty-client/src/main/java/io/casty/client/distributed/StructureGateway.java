package io.casty.client.distributed;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

import io.casty.client.ActorRef;
import io.casty.client.ReplyType;
import org.jspecify.annotations.Nullable;

/**
 * What the structures need from a client: asks to sharded entities, what the client knows
 * about the region's hosting, its unique id and a timer. Behind an interface so that the
 * structures' rules can be tested against a fake.
 */
interface StructureGateway {

	/**
	 * Asks one entity of a structure's region.
	 * @param <R> the reply type
	 * @param shardType the region's shard type
	 * @param shards its shard count
	 * @param entityId the entity
	 * @param factory builds the request around the reply ref
	 * @param replyType the reply type
	 * @param timeout how long to wait
	 * @param lateReply if not null, receives a reply that arrives after the ask ended
	 * without one (timeout, lost connection)
	 * @return the reply
	 */
	<R> CompletableFuture<R> ask(String shardType, int shards, String entityId, Function<ActorRef<R>, Object> factory,
			ReplyType<R> replyType, Duration timeout, @Nullable Consumer<? super R> lateReply);

	/**
	 * Why the client believes no node hosts a region, if it does.
	 * @param shardType the region's shard type
	 * @param shards its shard count
	 * @param entityId the entity a request waits for
	 * @return the reason, or null if the region is hosted or the client cannot tell
	 */
	@Nullable String notHostedReason(String shardType, int shards, String entityId);

	/**
	 * How long a request waits before the client checks whether its region is hosted.
	 * @return the delay
	 */
	Duration notHostedCheckDelay();

	/**
	 * The client's unique id, used as barrier participant and in lock owners.
	 * @return the id
	 */
	String participantId();

	/**
	 * A new owner string for one lock or semaphore acquisition, unique in the cluster.
	 * @return the owner
	 */
	String newOwner();

	/**
	 * Registers the value type of a map, set or queue with the codec, if it is a message type
	 * (a {@code @CastyMessage} record or enum, or a sealed interface of them).
	 * @param type the value type
	 */
	void registerValueType(java.lang.reflect.Type type);

	/**
	 * Runs a task later.
	 * @param task the task
	 * @param delay the delay
	 */
	void schedule(Runnable task, Duration delay);

}
