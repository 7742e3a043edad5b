package io.casty.client.streams;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

import io.casty.client.ActorRef;
import io.casty.client.CastyTimeoutException;
import io.casty.client.ReplyType;
import io.casty.client.actors.ActorOptions;
import io.casty.client.actors.ClientActors;
import io.casty.client.actors.HostedActor;
import io.casty.client.actors.MailboxOverflow;
import io.casty.client.protocol.codec.MessageCodec;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import tools.jackson.databind.JsonNode;

/**
 * Consumes Casty streams: a node-side {@code stream_producer} (found as a service, or
 * received in a message) becomes a {@link Flux}. Subscribing hosts a consumer actor on the
 * client and sends {@code Subscribe} to the producer; each {@code request(n)} becomes
 * {@code StreamDemand(n)}, cancelling sends {@code StreamCancel} (the producer stops), and
 * {@code StreamCompleted} completes the Flux.
 * <p>
 * Casty v0.21.0's protocol has no error signal and no acknowledgement of {@code Subscribe}:
 * a producer that dies, or a ref that names no producer, simply goes silent, so every Flux
 * has an idle timeout ({@link #DEFAULT_IDLE_TIMEOUT}, like Casty's {@code SourceRef}) after
 * which it fails with {@link CastyTimeoutException}. A producer serves one consumer.
 *
 * @since 0.1.0
 */
public final class CastyStreams {

	/** How long a stream may stay silent before its Flux fails (Casty's SourceRef uses 30 s). */
	public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

	private final ClientActors actors;

	private final MessageCodec codec;

	private final BiConsumer<ActorRef<?>, Object> sender;

	/**
	 * Creates the streams of a client.
	 * @param actors where consumer actors are hosted
	 * @param codec decodes elements
	 * @param sender sends to the producer
	 */
	public CastyStreams(ClientActors actors, MessageCodec codec, BiConsumer<ActorRef<?>, Object> sender) {
		this.actors = actors;
		this.codec = codec;
		this.sender = sender;
	}

	/**
	 * Consumes a stream with the default idle timeout.
	 * @param <T> the element type
	 * @param producer the producer's ref
	 * @param elementType the element type
	 * @return the elements; cold: each subscription subscribes to the producer anew
	 */
	public <T> Flux<T> consume(ActorRef<?> producer, Class<T> elementType) {
		return consume(producer, ReplyType.of(elementType), DEFAULT_IDLE_TIMEOUT);
	}

	/**
	 * Consumes a stream.
	 * @param <T> the element type
	 * @param producer the producer's ref
	 * @param elementType the element type, with its type arguments if generic
	 * @param idleTimeout the longest silence while demand is outstanding
	 * @return the elements
	 */
	public <T> Flux<T> consume(ActorRef<?> producer, ReplyType<T> elementType, Duration idleTimeout) {
		Objects.requireNonNull(producer, "producer");
		Type type = elementType.type();
		Flux<T> elements = Flux.create((FluxSink<T> sink) -> {
			AtomicBoolean ended = new AtomicBoolean();
			String path = "/_stream-" + UUID.randomUUID().toString().replace("-", "");
			// demand bounds what the producer sends, so the mailbox only needs room for it
			HostedActor consumer = this.actors.host(path, new ActorOptions(Integer.MAX_VALUE, MailboxOverflow.DROP_NEWEST),
					(payload) -> {
						JsonNode tree = this.codec.readTree(payload);
						JsonNode kind = tree.get("_type");
						String name = (kind != null) ? kind.asString() : "";
						if (name.equals("casty.core.streams.StreamElement")) {
							@SuppressWarnings("unchecked")
							T element = (T) this.codec.convert(tree.get("element"), type);
							sink.next(element);
						}
						else if (name.equals("casty.core.streams.StreamCompleted") && ended.compareAndSet(false, true)) {
							sink.complete();
						}
					});
			sink.onDispose(() -> {
				if (ended.compareAndSet(false, true)) {
					this.sender.accept(producer, new StreamMessages.StreamCancel());
				}
				consumer.stop();
			});
			// Subscribe first: a producer that is not subscribed yet ignores demand; both go on
			// the same connection lane, so the producer sees them in this order
			this.sender.accept(producer, new StreamMessages.Subscribe(consumer.ref(), 0));
			sink.onRequest((n) -> this.sender.accept(producer, new StreamMessages.StreamDemand(n)));
		}, FluxSink.OverflowStrategy.BUFFER);
		return elements.timeout(idleTimeout)
			.onErrorMap(java.util.concurrent.TimeoutException.class,
					(ex) -> new CastyTimeoutException("The stream of " + producer + " sent nothing for "
							+ idleTimeout.toMillis() + " ms; Casty streams signal no errors, so a dead producer looks "
							+ "like this", ex));
	}

}
