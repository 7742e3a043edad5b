package io.casty.client.distributed;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

import io.casty.client.ActorRef;
import io.casty.client.ReplyType;
import org.jspecify.annotations.Nullable;

/**
 * A {@link StructureGateway} that records each request and lets the test answer it.
 */
final class FakeGateway implements StructureGateway {

	/** One request a structure made. */
	static final class Request {

		final String shardType;

		final int shards;

		final String entityId;

		final Object message;

		final Duration timeout;

		final CompletableFuture<Object> reply = new CompletableFuture<>();

		final @Nullable Consumer<Object> lateReply;

		Request(String shardType, int shards, String entityId, Object message, Duration timeout,
				@Nullable Consumer<Object> lateReply) {
			this.shardType = shardType;
			this.shards = shards;
			this.entityId = entityId;
			this.message = message;
			this.timeout = timeout;
			this.lateReply = lateReply;
		}

	}

	final List<Request> requests = new CopyOnWriteArrayList<>();

	final List<Runnable> scheduled = new CopyOnWriteArrayList<>();

	final List<Type> registered = new ArrayList<>();

	ActorRef<Object> replyTo = ActorRef.parse("casty://test-client@127.0.0.1:0/_ask/00000000000000000000000000000000");

	String participant = "client-1";

	String owner = "owner-1";

	@Nullable String notHosted;

	Duration checkDelay = Duration.ofSeconds(2);

	@Override
	@SuppressWarnings("unchecked")
	public <R> CompletableFuture<R> ask(String shardType, int shards, String entityId,
			Function<ActorRef<R>, Object> factory, ReplyType<R> replyType, Duration timeout,
			@Nullable Consumer<? super R> lateReply) {
		Object message = factory.apply(this.replyTo.narrow());
		Request request = new Request(shardType, shards, entityId, message, timeout, (Consumer<Object>) lateReply);
		this.requests.add(request);
		return (CompletableFuture<R>) request.reply;
	}

	@Override
	public @Nullable String notHostedReason(String shardType, int shards, String entityId) {
		return this.notHosted;
	}

	@Override
	public Duration notHostedCheckDelay() {
		return this.checkDelay;
	}

	@Override
	public String participantId() {
		return this.participant;
	}

	@Override
	public String newOwner() {
		return this.owner;
	}

	@Override
	public void registerValueType(Type type) {
		this.registered.add(type);
	}

	@Override
	public void schedule(Runnable task, Duration delay) {
		this.scheduled.add(task);
	}

	Request last() {
		return this.requests.get(this.requests.size() - 1);
	}

	void runScheduled() {
		List<Runnable> tasks = List.copyOf(this.scheduled);
		this.scheduled.clear();
		tasks.forEach(Runnable::run);
	}

}
