package io.casty.spring.boot.autoconfigure.entity;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import io.casty.client.ActorRef;
import io.casty.client.CastyClient;
import io.casty.client.EntityRef;
import io.casty.client.NodeAddress;
import io.casty.client.ReplyType;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;

/**
 * An {@link EntityRef} bean that asks the client for the real ref on first use. The client
 * starts with the context's lifecycle, after beans (controllers among them) received their
 * refs, so the real ref cannot be obtained at injection time.
 *
 * @param <M> the message type
 */
final class LazyEntityRef<M> implements EntityRef<M>, BeanFactoryAware {

	private final CastyEntityDefinition definition;

	private volatile @Nullable BeanFactory beanFactory;

	private volatile @Nullable EntityRef<M> delegate;

	/**
	 * Plain values only, so that ahead-of-time processing can write the bean definition as
	 * code; the client comes from the bean factory on first use.
	 */
	LazyEntityRef(String type, int shards, Class<M> messageType) {
		this.definition = new CastyEntityDefinition(type, shards, messageType);
	}

	/**
	 * The factory method of the bean definitions: ahead-of-time processing resolves it on
	 * this class, whereas it would look for constructors on the definitions' target type.
	 */
	static <M> LazyEntityRef<M> of(String type, int shards, Class<M> messageType) {
		return new LazyEntityRef<>(type, shards, messageType);
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@SuppressWarnings("unchecked")
	private EntityRef<M> delegate() {
		EntityRef<M> ref = this.delegate;
		if (ref == null) {
			BeanFactory factory = this.beanFactory;
			if (factory == null) {
				throw new IllegalStateException("The entity ref bean of '" + this.definition.type() + "' has no bean factory");
			}
			ref = (EntityRef<M>) factory.getBean(CastyClient.class)
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
