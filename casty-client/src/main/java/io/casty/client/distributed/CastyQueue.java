package io.casty.client.distributed;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import io.casty.client.ReplyType;
import io.casty.client.distributed.protocol.QueueMessages;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * A distributed FIFO queue: one entity ({@code d-queue-<name>}, entity id {@code <name>}).
 * Obtain one from {@link CastyDistributed#queue(String, Class)}. Nothing blocks: an empty
 * queue answers {@link #dequeue()} and {@link #peek()} with null at once, so a {@code null}
 * element cannot be told from emptiness and is refused.
 *
 * @param <E> the element type
 * @since 0.1.0
 */
public final class CastyQueue<E> extends Structure {

	private final ReplyType<E> elementType;

	CastyQueue(StructureGateway gateway, String name, ReplyType<E> elementType, StructureOptions options) {
		super(gateway, "queue", name, "d-queue-" + name, options);
		this.elementType = elementType;
	}

	/**
	 * Appends an element.
	 * @param element the element, not null
	 * @return completes once the queue holds it
	 */
	public CompletableFuture<Void> enqueue(E element) {
		Objects.requireNonNull(element, "A distributed queue cannot hold null: an empty queue answers null");
		return call(this.name, (r) -> new QueueMessages.Enqueue(element, r), ReplyType.of(Object.class))
			.thenApply((ignored) -> null);
	}

	/**
	 * Takes the head.
	 * @return the element, or null if the queue is empty
	 */
	public CompletableFuture<@Nullable E> dequeue() {
		return call(this.name, (r) -> new QueueMessages.Dequeue(r.narrow()), this.elementType);
	}

	/**
	 * Reads the head without taking it.
	 * @return the element, or null if the queue is empty
	 */
	public CompletableFuture<@Nullable E> peek() {
		return call(this.name, (r) -> new QueueMessages.Peek(r.narrow()), this.elementType);
	}

	/**
	 * Counts the elements.
	 * @return the count
	 */
	public CompletableFuture<Integer> size() {
		return call(this.name, QueueMessages.QueueSize::new, ReplyType.of(Integer.class));
	}

	/**
	 * Stops the queue's entity: every element is gone.
	 * @return {@code true} once destroyed
	 */
	public CompletableFuture<Boolean> destroy() {
		return call(this.name, QueueMessages.DestroyQueue::new, ReplyType.of(Boolean.class));
	}

	/**
	 * A lazy {@link Mono} of {@link #enqueue}.
	 * @param element the element
	 * @return completes once enqueued
	 */
	public Mono<Void> enqueueMono(E element) {
		return Mono.fromFuture(() -> enqueue(element));
	}

	/**
	 * A lazy {@link Mono} of {@link #dequeue}; empty when the queue is.
	 * @return the element
	 */
	public Mono<E> dequeueMono() {
		return Mono.fromFuture(this::dequeue);
	}

	/**
	 * A lazy {@link Mono} of {@link #peek}; empty when the queue is.
	 * @return the element
	 */
	public Mono<E> peekMono() {
		return Mono.fromFuture(this::peek);
	}

	/**
	 * A lazy {@link Mono} of {@link #size}.
	 * @return the count
	 */
	public Mono<Integer> sizeMono() {
		return Mono.fromFuture(this::size);
	}

	@Override
	String creationHint() {
		return "system.distributed().queue[str](\"" + this.name + "\", shards=" + this.options.shards() + ")";
	}

}
