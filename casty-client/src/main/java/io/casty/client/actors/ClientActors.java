package io.casty.client.actors;

import java.lang.reflect.Type;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

import io.casty.client.ActorRef;
import io.casty.client.CastyClientListener;
import io.casty.client.ClientClosedException;
import io.casty.client.protocol.Frame;
import io.casty.client.protocol.codec.MessageCodec;
import io.casty.client.NodeAddress;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The actors a client hosts, by path. Inbound messages to a path that is none of the
 * client's well-known ones come here ({@link #deliver}); each actor decodes and handles
 * them on a small pool of its own threads, never on an I/O thread.
 *
 * @since 0.1.0
 */
public final class ClientActors implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ClientActors.class);

	private final MessageCodec codec;

	private final CastyClientListener listener;

	private final Function<String, ActorRef<Object>> refs;

	private final BiConsumer<ActorRef<?>, Object> sender;

	private final Map<String, HostedActor> actors = new ConcurrentHashMap<>();

	private final ExecutorService executor;

	private volatile boolean closed;

	/**
	 * Creates the host.
	 * @param codec decodes messages
	 * @param listener counts drops
	 * @param refs builds the client's ref of a path
	 * @param sender sends a message to a ref
	 */
	public ClientActors(MessageCodec codec, CastyClientListener listener, Function<String, ActorRef<Object>> refs,
			BiConsumer<ActorRef<?>, Object> sender) {
		this.codec = codec;
		this.listener = listener;
		this.refs = refs;
		this.sender = sender;
		AtomicInteger count = new AtomicInteger();
		int threads = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
		ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 10, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), (r) -> {
					Thread t = new Thread(r, "casty-client-actors-" + count.incrementAndGet());
					t.setDaemon(true);
					return t;
				});
		pool.allowCoreThreadTimeOut(true);
		this.executor = pool;
	}

	/**
	 * Hosts an actor at {@code /<name>}.
	 * @param <M> the message type
	 * @param name the actor's name: no {@code /}, not starting with {@code _} (reserved)
	 * @param messageType the type messages are decoded into
	 * @param behavior what it does
	 * @param options its mailbox
	 * @return the actor's ref
	 * @throws IllegalArgumentException if the name is invalid or taken
	 */
	@SuppressWarnings("unchecked")
	public <M> ActorRef<M> spawn(String name, Type messageType, ActorBehavior<M> behavior, ActorOptions options) {
		if (name.isEmpty() || name.indexOf('/') >= 0 || name.startsWith("_") || name.indexOf('@') >= 0) {
			throw new IllegalArgumentException("Invalid client actor name '" + name
					+ "': it must be non-empty, contain no '/' or '@', and not start with '_' (reserved by Casty)");
		}
		String path = "/" + name;
		ActorRef<M> self = this.refs.apply(path).narrow();
		ActorContext<M> context = new ActorContext<>() {

			@Override
			public ActorRef<M> self() {
				return self;
			}

			@Override
			public void tell(ActorRef<?> to, Object message) {
				ClientActors.this.sender.accept(to, message);
			}

			@Override
			public void stop() {
				ClientActors.this.stop(self);
			}

		};
		host(path, options, (payload) -> {
			M message = (M) this.codec.decode(payload, messageType);
			try {
				behavior.onMessage(context, message);
			}
			catch (RuntimeException ex) {
				throw ex;
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		return self;
	}

	/**
	 * Hosts a handler of encoded payloads at a path, for the client's own actors (stream
	 * consumers).
	 * @param path the path
	 * @param options its mailbox
	 * @param handler handles each payload, one at a time
	 * @return the actor
	 */
	public HostedActor host(String path, ActorOptions options, Consumer<byte[]> handler) {
		if (this.closed) {
			throw new ClientClosedException("The Casty client is closed");
		}
		ActorRef<Object> ref = this.refs.apply(path);
		HostedActor actor = new HostedActor(path, ref, options, handler, this.executor, this.listener,
				() -> this.actors.remove(path));
		if (this.actors.putIfAbsent(path, actor) != null) {
			throw new IllegalArgumentException("A client actor already runs at " + path + "; stop it first");
		}
		logger.debug("Hosting client actor {}", ref);
		return actor;
	}

	/**
	 * Delivers an inbound message, if an actor is hosted at its path.
	 * @param from the node it came from
	 * @param path the target path
	 * @param frame the frame
	 * @return whether an actor took it
	 */
	public boolean deliver(NodeAddress from, String path, Frame.Message frame) {
		HostedActor actor = this.actors.get(path);
		if (actor == null) {
			return false;
		}
		actor.offer(frame.payload());
		return true;
	}

	/**
	 * Stops the actor of a ref.
	 * @param ref the ref {@link #spawn} returned
	 * @return whether an actor was stopped
	 */
	public boolean stop(ActorRef<?> ref) {
		HostedActor actor = this.actors.get(ref.address().path());
		if (actor == null) {
			return false;
		}
		actor.stop();
		return true;
	}

	/**
	 * The actor hosted at a path.
	 * @param path the path
	 * @return the actor, if any
	 */
	public Optional<HostedActor> actor(String path) {
		return Optional.ofNullable(this.actors.get(path));
	}

	/**
	 * The number of actors hosted.
	 * @return the count
	 */
	public int size() {
		return this.actors.size();
	}

	/**
	 * Stops every actor and the threads that ran them.
	 */
	@Override
	public void close() {
		this.closed = true;
		for (HostedActor actor : this.actors.values()) {
			actor.stop();
		}
		this.executor.shutdownNow();
		try {
			if (!this.executor.awaitTermination(5, TimeUnit.SECONDS)) {
				logger.warn("Client actors did not stop within 5 s");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Nullable HostedActor get(String path) {
		return this.actors.get(path);
	}

}
