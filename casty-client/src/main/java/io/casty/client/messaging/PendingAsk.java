package io.casty.client.messaging;

import java.lang.reflect.Type;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

import io.casty.client.ActorRef;
import io.casty.client.NodeAddress;
import io.casty.client.transport.InFlight;
import io.casty.client.transport.SendFailure;
import org.jspecify.annotations.Nullable;

/**
 * One ask waiting for its reply, and the future the reply completes: the ask is the future
 * its caller gets ({@link #future()}), so it costs no second object. Its dependent stages are
 * plain {@link CompletableFuture}s.
 * <p>
 * Internal: shared with the routers and the actor messaging; not API, may change without notice.
 *
 * @since 0.1.0
 */
public final class PendingAsk extends CompletableFuture<Object> implements SendFailure {

	private static final AtomicReferenceFieldUpdater<PendingAsk, InFlight> IN_FLIGHT = AtomicReferenceFieldUpdater
		.newUpdater(PendingAsk.class, InFlight.class, "inFlight");

	/** Marks an ask that ended: a registration arriving later is released at once. */
	private static final InFlight ENDED = () -> {
	};

	/** The last 16 hex digits of the ask's id, a number; the first 16 are the registry's. */
	final long id;

	final ActorRef<Object> replyTo;

	final Type replyType;

	final String target;

	/** Says what is asked, from {@link #subject}; one per ref, not a lambda per ask. */
	private final java.util.function.Function<Object, String> description;

	private final Object subject;

	final long startNanos = System.nanoTime();

	final long timeoutNanos;

	volatile @Nullable NodeAddress node;

	/** When the request was handed to the node's connection. */
	volatile long sentNanos;

	/** The ask's place in the {@link TimeoutWheel}: its bucket ({@code -1} when in none) and neighbours; guarded by the wheel's lock. */
	int timerBucket = -1;

	@Nullable PendingAsk timerPrev;

	@Nullable PendingAsk timerNext;

	/** The next ask whose timeout fires in the same sweep; the wheel's thread only. */
	@Nullable PendingAsk timerDue;

	/** The request's registration on the connection it took, {@link #ENDED} once ended. */
	private volatile @Nullable InFlight inFlight;

	volatile String waitingFor = "a reply";

	volatile java.util.function.@Nullable Supplier<io.casty.client.@Nullable CastyException> timeoutCause;

	volatile java.util.function.@Nullable Consumer<@Nullable Object> lateReply;

	/** Told when the connection the request took closes first; {@code null} in tests of the timer and table. */
	private final @Nullable AskRegistry registry;

	PendingAsk(@Nullable AskRegistry registry, long id, ActorRef<Object> replyTo, Type replyType, String target,
			java.util.function.Function<Object, String> description, Object subject, long timeoutNanos) {
		this.registry = registry;
		this.id = id;
		this.replyTo = replyTo;
		this.replyType = replyType;
		this.target = target;
		this.description = description;
		this.subject = subject;
		this.timeoutNanos = timeoutNanos;
	}

	/**
	 * What is asked, for error messages; built only when needed.
	 * @return the description
	 */
	public String description() {
		try {
			return this.description.apply(this.subject);
		}
		catch (RuntimeException ex) {
			// an error message must never be what keeps an ask from ending
			return "an ask";
		}
	}

	/**
	 * The temporary ref the reply must be sent to.
	 * @return the ref
	 */
	public ActorRef<Object> replyTo() {
		return this.replyTo;
	}

	/**
	 * The future completed by the reply, a timeout or a failure.
	 * @return the future
	 */
	public CompletableFuture<Object> future() {
		return this;
	}

	/**
	 * Records the node the request was sent to, for error messages and for failing the ask
	 * at once if that node's connection is lost.
	 * @param node the node
	 */
	public void sentTo(NodeAddress node) {
		this.sentNanos = System.nanoTime();
		this.node = node;
		this.waitingFor = "a reply";
	}

	/**
	 * Records the registration of the request on the connection it took, which fails the ask
	 * if that connection closes first; released when the ask ends (at once if it has).
	 * @param registration the registration
	 */
	public void sentOn(InFlight registration) {
		while (true) {
			InFlight current = this.inFlight;
			if (current == ENDED) {
				registration.done();
				return;
			}
			if (IN_FLIGHT.compareAndSet(this, current, registration)) {
				if (current != null) {
					current.done();
				}
				return;
			}
		}
	}

	/**
	 * The connection the request took closed (or the request could not be written) before the
	 * reply came: the ask fails ({@link AskRegistry#connectionLost}). The ask is its own
	 * {@link SendFailure}, so sending it costs no callback object.
	 * @param cause why
	 */
	@Override
	public void failed(io.casty.client.CastyException cause) {
		AskRegistry asks = this.registry;
		if (asks != null) {
			asks.connectionLost(this, cause);
		}
	}

	/** The ask ended: its connection stops watching for it. */
	void ended() {
		InFlight registration = IN_FLIGHT.getAndSet(this, ENDED);
		if (registration != null && registration != ENDED) {
			registration.done();
		}
	}

	/**
	 * Records what the ask is waiting for when it is not yet sent, for the timeout message.
	 * @param what for example "the location of shard 12"
	 */
	public void waitingFor(String what) {
		this.waitingFor = what;
	}

	/**
	 * When the ask times out.
	 * @return the deadline in {@link System#nanoTime()} terms
	 */
	public long deadlineNanos() {
		return this.startNanos + this.timeoutNanos;
	}

	/**
	 * Supplies a more precise error than a plain timeout when the ask times out, for example
	 * when no topology was ever received.
	 * @param cause returns the error, or {@code null} for a plain timeout
	 */
	public void timeoutCause(java.util.function.Supplier<io.casty.client.@Nullable CastyException> cause) {
		this.timeoutCause = cause;
	}

	/**
	 * Keeps listening after the ask timed out or lost its connection, and hands a reply that
	 * still arrives to {@code handler} instead of dropping it: a request that takes effect
	 * later (a lock granted to a waiter that gave up) can then be compensated.
	 * @param handler receives the decoded late reply, on an I/O thread
	 */
	public void onLateReply(java.util.function.Consumer<@Nullable Object> handler) {
		this.lateReply = handler;
	}

	/**
	 * Whether the ask has ended; true as soon as it ends, before its future completes on the
	 * callback executor.
	 * @return whether it ended
	 */
	public boolean hasEnded() {
		return this.inFlight == ENDED || isDone();
	}

}
