package io.casty.client.messaging;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

import io.casty.client.BufferOverflowException;
import io.casty.client.CastyClientListener;
import io.casty.client.CastyClientListener.AskOutcome;
import io.casty.client.CastyClientOptions;
import io.casty.client.CastyException;
import io.casty.client.ClientClosedException;
import io.casty.client.NodeAddress;
import io.casty.client.protocol.CastyPaths;
import io.casty.client.protocol.codec.MessageCodec;
import io.casty.client.transport.ClientIdentity;
import org.jspecify.annotations.Nullable;

/**
 * Tracks asks in flight by their {@code /_ask/<32 hex>} path, whose id is two numbers: the
 * registry's own random 16 digits and a sequence number. Each has a timeout; each ends
 * exactly once (reply, timeout, failure or close) and is then forgotten, so a late reply
 * finds nothing and is only counted. The jobs are split: {@link AskTable} (ids, the bound,
 * the end-once rule), {@link AskTimer} (timeouts, {@link TimeoutWheel}),
 * {@link AskOutcomes} (counting, completing futures), {@link LateReplies} and
 * {@link AskFailures}.
 * <p>
 * Internal: wired by {@code ClientSession}; not API, may change without notice.
 *
 * @since 0.1.0
 */
public final class AskRegistry implements AutoCloseable {

	/** The most orphaned asks kept; beyond it a late reply is dropped (and counted) as usual. */
	public static final int MAX_ORPHANS = 10_000;

	private final AskTable table;

	private final AskTable.IdSource ids;

	private final AskTimer timer;

	private final AskOutcomes outcomes;

	private final LateReplies late;

	private final MessageCodec codec;

	/** The description of an ask registered with a {@link Supplier}: the supplier is the subject. */
	@SuppressWarnings("unchecked")
	private static final Function<Object, String> SUPPLIED = (supplier) -> ((Supplier<String>) supplier).get();

	/** The first 16 hex digits of every ask id of this registry, as a number: random, so that a
	 * reply meant for an earlier client on the same address is not taken for one of ours. */
	private final long idHigh = java.util.concurrent.ThreadLocalRandom.current().nextLong();

	/** The identity of each connection lane; a reply ref names the lane its request took. */
	private volatile List<ClientIdentity> identities = List.of();

	private volatile boolean closed;

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
		this(codec, listener, maxPending, callbacks,
				new java.util.concurrent.atomic.AtomicLong(java.util.concurrent.ThreadLocalRandom.current().nextLong())::getAndIncrement,
				TimeoutWheel::new);
	}

	/**
	 * Creates a registry on the given collaborators (tests fake them).
	 * @param timer makes the timer from the registry's expiry handler
	 */
	AskRegistry(MessageCodec codec, CastyClientListener listener, int maxPending, Executor callbacks,
			AskTable.IdSource ids, Function<java.util.function.Consumer<PendingAsk>, AskTimer> timer) {
		this.codec = codec;
		this.table = new AskTable(maxPending);
		this.ids = ids;
		this.outcomes = new AskOutcomes(listener, callbacks);
		this.late = new LateReplies(codec, listener);
		this.timer = timer.apply(this::timeout);
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
	public PendingAsk register(Type replyType, String target, Supplier<String> description, Duration timeout,
			int lane) {
		return register(replyType, target, SUPPLIED, Objects.requireNonNull(description, "description"), timeout,
				lane);
	}

	/**
	 * Registers a new ask whose description is built from a subject only if an error needs
	 * it: a caller keeps one description function (per ref, say) and passes what differs
	 * from ask to ask, so that no description object is made per ask. When it throws,
	 * nothing was registered and no in-flight slot is taken.
	 * @param <S> the subject's type
	 * @param replyType the type the reply is decoded into
	 * @param target the bounded metric label (shard type or "actor")
	 * @param description says what is asked, from {@code subject}
	 * @param subject what the ask is about, for example the entity id
	 * @param timeout how long to wait
	 * @param lane the connection lane the request takes; the reply ref names its identity
	 * @return the pending ask; already failed with {@link ClientClosedException} if the
	 * registry closed meanwhile
	 * @throws BufferOverflowException if too many asks are in flight
	 * @throws ClientClosedException if the registry is closed
	 * @throws IllegalArgumentException if the timeout is not positive or too long to count in
	 * nanoseconds
	 */
	@SuppressWarnings("unchecked")
	public <S> PendingAsk register(Type replyType, String target, Function<? super S, String> description, S subject,
			Duration timeout, int lane) {
		Objects.requireNonNull(description, "description");
		Objects.requireNonNull(subject, "subject");
		Objects.requireNonNull(replyType, "replyType");
		Objects.requireNonNull(timeout, "timeout");
		long timeoutNanos = timeoutNanos(timeout);
		if (this.closed) {
			throw new ClientClosedException("The Casty client is closed");
		}
		List<ClientIdentity> lanes = this.identities;
		if (lanes.isEmpty()) {
			throw new IllegalStateException("The Casty client is not started");
		}
		ClientIdentity id = lanes.get(lane);
		if (!this.table.reserve()) {
			this.outcomes.rejected(target);
			throw new BufferOverflowException("More than " + this.table.maxPending()
					+ " asks are in flight; wait for replies or raise max-pending-asks");
		}
		PendingAsk ask;
		do {
			long askId = newAskId();
			ask = new PendingAsk(this, askId, id.ref(CastyPaths.askPath(this.idHigh, askId)), replyType, target,
					(Function<Object, String>) description, subject, timeoutNanos);
		}
		while (!this.table.add(ask));
		if (!this.timer.schedule(ask) || this.closed) {
			// close() stopped the timer, or swept the pending asks, after the closed check above
			fail(ask, new ClientClosedException("The Casty client was closed while the ask was registered"),
					AskOutcome.CLOSED);
		}
		return ask;
	}

	/** An id no ask in flight or waiting for a late reply holds. */
	private long newAskId() {
		long askId = this.ids.next();
		while (this.table.contains(askId) || this.late.isWaiting(askId)) {
			askId = this.ids.next();
		}
		return askId;
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

	/** The timer's expiry handler: the ask's deadline passed. */
	private void timeout(PendingAsk ask) {
		NodeAddress node = ask.node;
		fail(ask, AskFailures.timedOut(ask), AskOutcome.TIMEOUT);
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
		if (!CastyPaths.isAskId(askId)) {
			this.late.stray();
			return;
		}
		byte[] digits = askId.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
		reply(CastyPaths.hex16(digits, 0), CastyPaths.hex16(digits, 16), payload);
	}

	/**
	 * Completes the ask a reply is addressed to, if it is still waiting.
	 * @param idHigh the first 16 hex digits of the reply's ask id, as a number
	 * @param idLow its last 16 hex digits
	 * @param payload the reply payload
	 */
	public void reply(long idHigh, long idLow, byte[] payload) {
		reply(idHigh, idLow, payload, 0, payload.length);
	}

	/**
	 * Completes the ask a reply is addressed to, if it is still waiting, decoding the reply
	 * from a range of an array it does not keep.
	 * @param idHigh the first 16 hex digits of the reply's ask id, as a number
	 * @param idLow its last 16 hex digits
	 * @param payload holds the reply payload; read during the call only
	 * @param offset where the payload starts
	 * @param length its length in bytes
	 */
	public void reply(long idHigh, long idLow, byte[] payload, int offset, int length) {
		if (idHigh != this.idHigh) {
			this.late.stray();
			return;
		}
		PendingAsk ask = this.table.remove(idLow);
		if (ask == null) {
			this.late.arrived(idLow, payload, offset, length);
			return;
		}
		Object value;
		try {
			value = this.codec.decode(payload, offset, length, ask.replyType);
		}
		catch (RuntimeException ex) {
			// a decoder bug too must not leave the ask, already out of the table, unanswered
			end(ask);
			this.outcomes.ended(ask, AskOutcome.ERROR, null, AskFailures.undecodable(ask, ex));
			return;
		}
		end(ask);
		this.outcomes.ended(ask, AskOutcome.SUCCESS, value, null);
	}

	/**
	 * Fails an ask.
	 * @param ask the ask
	 * @param cause why
	 * @param outcome the outcome to report
	 */
	public void fail(PendingAsk ask, CastyException cause, AskOutcome outcome) {
		if (this.table.remove(ask)) {
			end(ask);
			if (outcome != AskOutcome.CLOSED && !this.closed) {
				this.late.keepIfWanted(ask);
			}
			this.outcomes.ended(ask, outcome, null, cause);
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
		fail(ask, AskFailures.unreachable(node, ask, cause), AskOutcome.UNREACHABLE);
	}

	/**
	 * Fails every ask whose request went to a node, because the cluster marked it
	 * unavailable.
	 * @param node the node
	 * @param cause why
	 */
	public void failNode(NodeAddress node, CastyException cause) {
		for (PendingAsk ask : this.table.asks()) {
			if (node.equals(ask.node)) {
				fail(ask, AskFailures.unreachable(node, ask, cause), AskOutcome.UNREACHABLE);
			}
		}
	}

	/**
	 * The number of asks that ended without a reply and still wait for a late one.
	 * @return the count
	 */
	public int orphans() {
		return this.late.size();
	}

	/**
	 * The number of asks in flight.
	 * @return the count
	 */
	public int size() {
		return this.table.size();
	}

	/** The ask left the table: free its slot, its connection registration and its timeout. */
	private void end(PendingAsk ask) {
		this.table.release();
		ask.ended();
		this.timer.cancel(ask);
	}

	/**
	 * Fails every pending ask and stops the timer thread.
	 */
	@Override
	public void close() {
		failAll();
		this.timer.stop();
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
		for (PendingAsk ask : this.table.asks()) {
			fail(ask, cause, AskOutcome.CLOSED);
		}
		this.late.clear();
	}

	/**
	 * Whether the current thread is this registry's timer thread, which runs ask timeouts and
	 * so the callbacks of asks that time out.
	 * @return whether it is
	 */
	public boolean isTimerThread() {
		return this.timer.isTimerThread();
	}

}
