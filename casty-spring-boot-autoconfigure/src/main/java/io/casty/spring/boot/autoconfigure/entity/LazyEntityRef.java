package io.casty.spring.boot.autoconfigure.entity;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

import io.casty.client.ActorRef;
import io.casty.client.CastyClient;
import io.casty.client.EntityRef;
import io.casty.client.NodeAddress;
import io.casty.client.ReplyType;
import org.jspecify.annotations.Nullable;

/**
 * An {@link EntityRef} bean that asks the client for the real ref on first use. The client
 * starts with the context's lifecycle, after beans (controllers among them) received their
 * refs, so the real ref cannot be obtained at injection time.
 *
 * @param <M> the message type
 */
final class LazyEntityRef<M> implements EntityRef<M> {

	private final Supplier<CastyClient> client;

	private final CastyEntityDefinition definition;

	private volatile @Nullable EntityRef<M> delegate;

	LazyEntityRef(Supplier<CastyClient> client, CastyEntityDefinition definition) {
		this.client = client;
		this.definition = definition;
	}

	@SuppressWarnings("unchecked")
	private EntityRef<M> delegate() {
		EntityRef<M> ref = this.delegate;
		if (ref == null) {
			ref = (EntityRef<M>) this.client.get()
				.entityRef(this.definition.type(), this.definition.shards(), this.definition.messageType());
			this.delegate = ref;
		}
		return ref;
	}

	@Override
	public String shardType() {
		return this.definition.type();
	}

	@Override
	public int numShards() {
		return this.definition.shards();
	}

	@Override
	public void tell(String entityId, M message) {
		delegate().tell(entityId, message);
	}

	@Override
	public <R> CompletableFuture<R> ask(String entityId, Function<ActorRef<R>, ? extends M> factory,
			ReplyType<R> replyType) {
		return delegate().ask(entityId, factory, replyType);
	}

	@Override
	public <R> CompletableFuture<R> ask(String entityId, Function<ActorRef<R>, ? extends M> factory,
			ReplyType<R> replyType, Duration timeout) {
		return delegate().ask(entityId, factory, replyType, timeout);
	}

	@Override
	public long shardOf(String entityId) {
		return delegate().shardOf(entityId);
	}

	@Override
	public Optional<NodeAddress> ownerOf(String entityId) {
		return delegate().ownerOf(entityId);
	}

	@Override
	public String toString() {
		return "EntityRef<" + this.definition.messageType().getSimpleName() + ">[" + this.definition.type() + ", "
				+ this.definition.shards() + " shards]";
	}

}
