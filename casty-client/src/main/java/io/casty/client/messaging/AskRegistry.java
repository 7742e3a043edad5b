package io.casty.client.messaging;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.casty.client.BufferOverflowException;
import io.casty.client.CastyClientListener;
import io.casty.client.CastyClientListener.AskOutcome;
import io.casty.client.CastyClientOptions;
import io.casty.client.CastyException;
import io.casty.client.CastyTimeoutException;
import io.casty.client.ClientClosedException;
import io.casty.client.MessageCodecException;
import io.casty.client.NodeAddress;
import io.casty.client.NodeUnreachableException;
import io.casty.client.UnknownMessageTypeException;
import io.casty.client.protocol.CastyPaths;
import io.casty.client.protocol.codec.MessageCodec;
import io.casty.client.transport.ClientIdentity;
import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracks asks in flight by their {@code /_ask/<32 hex>} path. Each has a timeout; each ends
 * exactly once (reply, timeout, failure or close) and is then forgotten, so a late reply
 * finds nothing and is only counted.
 *
 * @since 0.1.0
 */
public final class AskRegistry implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(AskRegistry.class);

	private final Map<String, PendingAsk> pending = new ConcurrentHashMap<>();

	/** Asks that ended without a reply but still want one (see {@link PendingAsk#onLateReply}). */
	private final Map<String, PendingAsk> orphans = new ConcurrentHashMap<>();

	/** The most orphaned asks kept; beyond it a late reply is dropped (and counted) as usual. */
	public static final int MAX_ORPHANS = 10_000;

	private final AtomicInteger count = new AtomicInteger();

	private final HashedWheelTimer timer;

	private final MessageCodec codec;

	private final CastyClientListener listener;

	private final int maxPending;

	/** Where futures complete; {@link CastyClientOptions#DEFAULT_CALLBACK_EXECUTOR} completes in place. */
	private final Executor callbacks;

	/** The identity of each connection lane; a reply ref names the lane its request took. */
	private volatile List<ClientIdentity> identities = List.of();

	private volatile boolean closed;

	private volatile @Nullable Thread timerThread;

	private volatile @Nullable TimeoutObserver timeoutObserver;

	/** Told when an ask sent to a node times out without a reply. */
	@FunctionalInterface
	public interface TimeoutObserver {

		/**
		 * An ask sent to a node got no reply in time.
		 * @param node the node
		 * @param sentNanos when the request was sent, in {@link System#nanoTime()} terms
		 */
		void askTimedOut(NodeAddress node, long sentNanos);

	}

	/**
	 * Sets who is told of asks that time out on a node (stuck-node detection).
	 * @param observer the observer
	 */
	public void timeoutObserver(TimeoutObserver observer) {
		this.timeoutObserver = observer;
	}

	public AskRegistry(MessageCodec codec, CastyClientListener listener, int maxPending) {
		this(codec, listener, maxPending, CastyClientOptions.DEFAULT_CALLBACK_EXECUTOR);
	}

	/**
	 * Creates a registry whose futures complete on the given executor.
	 * @param codec decodes replies
	 * @param listener told how asks end
	 * @param maxPending the most asks in flight
	 * @param callbacks where futures complete (see {@link CastyClientOptions#callbackExecutor()})
	 */
	public AskRegistry(MessageCodec codec, CastyClientListener listener, int maxPending, Executor callbacks) {
		this.codec = codec;
		this.listener = listener;
		this.maxPending = maxPending;
		this.callbacks = callbacks;
		this.timer = new HashedWheelTimer((r) -> {
			Thread t = new Thread(r, "casty-client-timer");
			t.setDaemon(true);
			this.timerThread = t;
			return t;
		}, 10, TimeUnit.MILLISECONDS, 512);
	}

	/**
	 * Starts the timer.
	 * @param identities the identity of each connection lane, lane 0 first
	 */
	public void start(List<ClientIdentity> identities) {
		if (identities.isEmpty()) {
			throw new IllegalArgumentException("At least one client identity is required");
		}
		this.identities = List.copyOf(identities);
		this.timer.start();
	}

	/**
	 * Registers a new ask.
	 * @param replyType the type the reply is decoded into
	 * @param target the bounded metric label (shard type or "actor")
	 * @param description what is asked, for error messages
	 * @param timeout how long to wait
	 * @return the pending ask, whose {@link PendingAsk#replyTo()} goes into the request
	 * @throws BufferOverflowException if too many asks are in flight
	 * @see #register(Type, String, java.util.function.Supplier, Duration, int)
	 */
	public PendingAsk register(Type replyType, String target, String description, Duration timeout) {
		return register(replyType, target, () -> description, timeout, 0);
	}

	/**
	 * Registers a new ask whose description is built only if an error needs it. When it
	 * throws, nothing was registered and no in-flight slot is taken.
	 * @param replyType the type the reply is decoded into
	 * @param target the bounded metric label (shard type or "actor")
	 * @param description what is asked, for error messages
	 * @param timeout how long to wait
	 * @param lane the connection lane the request takes; the reply ref names its identity
	 * @return the pending ask; already failed with {@link ClientClosedException} if the
	 * registry closed meanwhile
	 * @throws BufferOverflowException if too many asks are in flight
	 * @throws ClientClosedException if the registry is closed
	 * @throws IllegalArgumentException if the timeout is not positive or too long to count in
	 * nanoseconds
	 */
	public PendingAsk register(Type replyType, String target, java.util.function.Supplier<String> description,
			Duration timeout, int lane) {
		Objects.requireNonNull(replyType, "replyType");
		Objects.requireNonNull(timeout, "timeout");
		long timeoutNanos = timeoutNanos(timeout);
		if (this.closed) {
			throw new ClientClosedException("The Casty client is closed");
		}
		List<ClientIdentity> ids = this.identities;
		if (ids.isEmpty()) {
			throw new IllegalStateException("The Casty client is not started");
		}
		ClientIdentity id = ids.get(lane);
		if (this.count.incrementAndGet() > this.maxPending) {
			this.count.decrementAndGet();
			this.listener.bufferRejected(target);
			throw new BufferOverflowException(
					"More than " + this.maxPending + " asks are in flight; wait for replies or raise max-pending-asks");
		}
		String askId = CastyPaths.newAskId();
		PendingAsk ask = new PendingAsk(askId, id.ref(CastyPaths.askPath(askId)), replyType, target, description,
				timeoutNanos);
		this.pending.put(askId, ask);
		try {
			ask.timeout = this.timer.newTimeout((t) -> timeout(ask, timeout), timeoutNanos, TimeUnit.NANOSECONDS);
		}
		catch (IllegalStateException ex) {
			// close() stopped the timer after the closed check above
			fail(ask, new ClientClosedException("The Casty client was closed while the ask was registered"),
					AskOutcome.CLOSED);
		}
		if (this.closed) {
			// close() may have swept the pending asks before this one was added
			fail(ask, new ClientClosedException("The Casty client was closed while the ask was registered"),
					AskOutcome.CLOSED);
		}
		return ask;
	}

	private static long timeoutNanos(Duration timeout) {
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("The ask timeout must be positive, was " + timeout);
		}
		try {
			return timeout.toNanos();
		}
		catch (ArithmeticException ex) {
			throw new IllegalArgumentException(
					"The ask timeout " + timeout + " is too long: it must fit in 292 years of nanoseconds", ex);
		}
	}

	private void timeout(PendingAsk ask, Duration timeout) {
		CastyException cause;
		try {
			java.util.function.Supplier<@Nullable CastyException> special = ask.timeoutCause;
			cause = (special != null) ? special.get() : null;
		}
		catch (RuntimeException ex) {
			cause = null;
		}
		NodeAddress node = ask.node;
		if (cause == null) {
			String where = (node != null) ? " on node " + node : "";
			cause = new CastyTimeoutException("No reply within " + timeout.toMillis() + " ms to " + ask.description()
					+ where + " (waiting for " + ask.waitingFor + ")");
		}
		fail(ask, cause, AskOutcome.TIMEOUT);
		TimeoutObserver observer = this.timeoutObserver;
		// an ask that waits for a late reply may stay silent by design (a lock waiter): its
		// timeout says nothing about the node's health
		if (observer != null && node != null && ask.lateReply == null) {
			observer.askTimedOut(node, ask.sentNanos);
		}
	}

	/**
	 * Completes the ask a reply is addressed to, if it is still waiting.
	 * @param askId the 32 hex digits of the reply's target path
	 * @param payload the reply payload
	 */
	public void reply(String askId, byte[] payload) {
		PendingAsk ask = this.pending.remove(askId);
		if (ask == null) {
			this.listener.lateReply();
			PendingAsk orphan = this.orphans.remove(askId);
			if (orphan != null) {
				handOver(orphan, payload);
			}
			return;
		}
		Object value;
		try {
			value = this.codec.decode(payload, ask.replyType);
		}
		catch (UnknownMessageTypeException ex) {
			decodingFailed(ask, new UnknownMessageTypeException(ex.getTypeName(),
					"The reply to " + ask.description() + " holds an unknown type: " + ex.getMessage(), ex));
			return;
		}
		catch (MessageCodecException ex) {
			decodingFailed(ask, new MessageCodecException(
					"The reply to " + ask.description() + " cannot be decoded: " + ex.getMessage(), ex));
			return;
		}
		catch (RuntimeException ex) {
			// A decoder bug must not leave the ask, already removed from pending, unanswered.
			decodingFailed(ask, new MessageCodecException(
					"The reply to " + ask.description() + " cannot be decoded: " + ex, ex));
			return;
		}
		end(ask);
		this.listener.askCompleted(ask.target, AskOutcome.SUCCESS, elapsed(ask));
		complete(ask, value, null);
	}

	/**
	 * Completes an ask's future, on the callback executor when one is set: the ask has
	 * already ended, so only the future's callbacks move off this thread.
	 */
	private void complete(PendingAsk ask, @Nullable Object value, @Nullable Throwable cause) {
		if (this.callbacks == CastyClientOptions.DEFAULT_CALLBACK_EXECUTOR) {
			completeNow(ask, value, cause);
			return;
		}
		try {
			this.callbacks.execute(() -> completeNow(ask, value, cause));
		}
		catch (RejectedExecutionException ex) {
			completeNow(ask, value, cause);
		}
	}

	private static void completeNow(PendingAsk ask, @Nullable Object value, @Nullable Throwable cause) {
		if (cause != null) {
			ask.future.completeExceptionally(cause);
		}
		else {
			ask.future.complete(value);
		}
	}

	private void decodingFailed(PendingAsk ask, MessageCodecException cause) {
		end(ask);
		this.listener.askCompleted(ask.target, AskOutcome.ERROR, elapsed(ask));
		complete(ask, null, cause);
	}

	/**
	 * Fails an ask.
	 * @param ask the ask
	 * @param cause why
	 * @param outcome the outcome to report
	 */
	public void fail(PendingAsk ask, CastyException cause, AskOutcome outcome) {
		if (this.pending.remove(ask.id, ask)) {
			end(ask);
			if (ask.lateReply != null && outcome != AskOutcome.CLOSED && !this.closed) {
				if (this.orphans.size() < MAX_ORPHANS) {
					this.orphans.put(ask.id, ask);
				}
				else {
					logger.warn("More than {} asks wait for a late reply; a late reply to {} will be dropped",
							MAX_ORPHANS, ask.description());
				}
			}
			this.listener.askCompleted(ask.target, outcome, elapsed(ask));
			complete(ask, null, cause);
		}
	}

	/**
	 * Fails an ask because the connection its request took closed (or its request could not
	 * be written) before the reply came.
	 * @param ask the ask
	 * @param cause why the connection closed
	 */
	public void connectionLost(PendingAsk ask, CastyException cause) {
		if (cause instanceof ClientClosedException) {
			fail(ask, cause, AskOutcome.CLOSED);
			return;
		}
		NodeAddress node = ask.node;
		if (node == null) {
			fail(ask, cause, AskOutcome.UNREACHABLE);
			return;
		}
		fail(ask, new NodeUnreachableException(node, "Lost the connection to node " + node + " before "
				+ ask.description() + " was answered: " + cause.getMessage(), cause), AskOutcome.UNREACHABLE);
	}

	/**
	 * Fails every ask whose request went to a node, because the cluster marked it
	 * unavailable.
	 * @param node the node
	 * @param cause why
	 */
	public void failNode(NodeAddress node, CastyException cause) {
		for (PendingAsk ask : this.pending.values()) {
			if (node.equals(ask.node)) {
				fail(ask, new NodeUnreachableException(node,
						"Lost the connection to node " + node + " before " + ask.description() + " was answered: "
								+ cause.getMessage(), cause),
						AskOutcome.UNREACHABLE);
			}
		}
	}

	private void handOver(PendingAsk orphan, byte[] payload) {
		java.util.function.Consumer<@Nullable Object> handler = orphan.lateReply;
		if (handler == null) {
			return;
		}
		try {
			handler.accept(this.codec.decode(payload, orphan.replyType));
		}
		catch (RuntimeException ex) {
			logger.warn("Handling the late reply to {} failed: {}", orphan.description(), ex.toString());
		}
	}

	/**
	 * The number of asks that ended without a reply and still wait for a late one.
	 * @return the count
	 */
	public int orphans() {
		return this.orphans.size();
	}

	/**
	 * The number of asks in flight.
	 * @return the count
	 */
	public int size() {
		return this.pending.size();
	}

	private void end(PendingAsk ask) {
		this.count.decrementAndGet();
		ask.ended();
		Timeout t = ask.timeout;
		if (t != null) {
			t.cancel();
		}
	}

	private static Duration elapsed(PendingAsk ask) {
		return Duration.ofNanos(System.nanoTime() - ask.startNanos);
	}

	/**
	 * Fails every pending ask and stops the timer thread.
	 */
	@Override
	public void close() {
		failAll();
		if (!isTimerThread()) {
			this.timer.stop();
		}
		else {
			// Netty's timer cannot be stopped from its own thread (a callback of a timed-out ask)
			Thread stopper = new Thread(this.timer::stop, "casty-client-timer-stop");
			stopper.setDaemon(true);
			stopper.start();
		}
		// an ask registered while the timer stopped lost its timeout: fail it here
		failAll();
	}

	/**
	 * Marks the registry closed and fails every pending ask with
	 * {@link ClientClosedException}; safe on any thread.
	 */
	public void failAll() {
		this.closed = true;
		ClientClosedException cause = new ClientClosedException("The Casty client was closed before a reply arrived");
		for (PendingAsk ask : this.pending.values()) {
			fail(ask, cause, AskOutcome.CLOSED);
		}
		if (!this.orphans.isEmpty()) {
			logger.warn("Closing with {} request(s) that timed out but may still take effect on the cluster "
					+ "(for example a lock acquisition still queued); nothing can answer them any more", this.orphans.size());
			this.orphans.clear();
		}
	}

	/**
	 * Whether the current thread is this registry's timer thread, which runs ask timeouts and
	 * so the callbacks of asks that time out.
	 * @return whether it is
	 */
	public boolean isTimerThread() {
		return Thread.currentThread() == this.timerThread;
	}

}
