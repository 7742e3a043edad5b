package io.casty.client.messaging;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

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
import io.casty.client.protocol.CastyPaths;
import io.casty.client.protocol.codec.MessageCodec;
import io.casty.client.protocol.codec.MessageTypeRegistry;
import io.casty.client.transport.ClientIdentity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every way an ask ends, on a timer fired by hand: each ask ends exactly once, whichever of
 * reply, timeout, lost connection, failed node or close comes first, and whatever comes later
 * changes nothing (a late reply is only counted); ids are unique; the in-flight bound holds.
 */
class AskRegistryTests {

	private static final NodeAddress NODE = new NodeAddress("127.0.0.1", 25520);

	private static final NodeAddress OTHER = new NodeAddress("127.0.0.1", 25521);

	private static final Duration TIMEOUT = Duration.ofSeconds(1);

	private final MessageCodec codec = new MessageCodec(MessageTypeRegistry.withProtocolTypes());

	private final RecordingListener listener = new RecordingListener();

	private final ManualTimer timer = new ManualTimer();

	private AskRegistry asks = registry(100, new AtomicLong()::getAndIncrement);

	@Test
	void aReplyCompletesTheAskOnceAndALaterReplyIsOnlyCounted() {
		PendingAsk ask = register();
		assertThat(this.timer.scheduled).containsExactly(ask);

		this.asks.reply(idOf(ask), this.codec.encode(5));
		this.asks.reply(idOf(ask), this.codec.encode(6));
		this.timer.fireAll();

		assertThat(ask.future()).isCompletedWithValue(5);
		assertThat(this.listener.outcomes).containsExactly(AskOutcome.SUCCESS);
		assertThat(this.listener.lateReplies).hasValue(1);
		assertThat(this.timer.scheduled).as("the timeout is cancelled").isEmpty();
		assertThat(this.asks.size()).isZero();
	}

	@Test
	void aReplyToAnIdOfAnotherRegistryOrNotOfHexDigitsIsOnlyCounted() {
		PendingAsk ask = register();
		String id = idOf(ask);
		String otherHigh = (id.charAt(0) == '0' ? '1' : '0') + id.substring(1);
		this.asks.reply(otherHigh, this.codec.encode(5));
		this.asks.reply(id.toUpperCase(java.util.Locale.ROOT).replace('0', 'G'), this.codec.encode(5));
		this.asks.reply(id.substring(1), this.codec.encode(5));
		assertThat(ask.future()).isNotDone();
		assertThat(this.listener.lateReplies).hasValue(3);
		this.asks.reply(id, this.codec.encode(5));
		assertThat(ask.future()).isCompletedWithValue(5);
	}

	@Test
	void aReplyThatCannotBeDecodedFailsTheAsk() {
		PendingAsk ask = this.asks.register(Integer.class, "t", "ask to counter", TIMEOUT);
		this.asks.reply(idOf(ask), new byte[] { (byte) 0xc1 });
		assertThat(ask.future()).failsWithin(Duration.ZERO)
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(MessageCodecException.class)
			.withMessageContaining("The reply to ask to counter cannot be decoded");
		assertThat(this.listener.outcomes).containsExactly(AskOutcome.ERROR);
		assertThat(this.asks.size()).isZero();
	}

	@Test
	void anAskDescribedFromItsSubjectNamesItInItsFailure() {
		PendingAsk ask = this.asks.register(Integer.class, "t", (String entity) -> "ask to entity '" + entity + "'",
				"cart-7", TIMEOUT, 0);
		this.asks.reply(idOf(ask), new byte[] { (byte) 0xc1 });
		assertThat(ask.future()).failsWithin(Duration.ZERO)
			.withThrowableThat()
			.havingCause()
			.withMessageContaining("The reply to ask to entity 'cart-7' cannot be decoded");
	}

	@Test
	void aTimeoutFailsTheAskNamingTheNodeAndTellsTheObserver() {
		List<NodeAddress> timedOut = new ArrayList<>();
		this.asks.timeoutObserver((node, sentNanos) -> timedOut.add(node));
		PendingAsk ask = register();
		ask.sentTo(NODE);

		this.timer.fireAll();
		this.asks.reply(idOf(ask), this.codec.encode(5));

		assertThat(ask.future()).failsWithin(Duration.ZERO)
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(CastyTimeoutException.class)
			.withMessage("No reply within 1000 ms to ask to counter on node " + NODE + " (waiting for a reply)");
		assertThat(this.listener.outcomes).containsExactly(AskOutcome.TIMEOUT);
		assertThat(this.listener.lateReplies).hasValue(1);
		assertThat(timedOut).containsExactly(NODE);
		assertThat(this.asks.orphans()).isZero();
	}

	@Test
	void aTimeoutCauseReplacesThePlainTimeout() {
		PendingAsk ask = register();
		CastyException noTopology = new CastyException("No topology was ever received");
		ask.timeoutCause(() -> noTopology);
		this.timer.fireAll();
		assertThat(ask.future()).failsWithin(Duration.ZERO).withThrowableThat().havingCause().isSameAs(noTopology);
	}

	@Test
	void aLostConnectionFailsTheAskWithNodeUnreachableNamingTheNode() {
		PendingAsk ask = register();
		ask.sentTo(NODE);
		this.asks.connectionLost(ask, new NodeUnreachableException(NODE, "reset by peer"));
		this.timer.fireAll();
		assertThat(ask.future()).failsWithin(Duration.ZERO)
			.withThrowableThat()
			.havingCause()
			.isInstanceOfSatisfying(NodeUnreachableException.class, (ex) -> {
				assertThat(ex.getNode()).isEqualTo(NODE);
				assertThat(ex).hasMessageContaining("Lost the connection to node " + NODE + " before ask to counter")
					.hasMessageContaining("reset by peer");
			});
		assertThat(this.listener.outcomes).containsExactly(AskOutcome.UNREACHABLE);
		assertThat(this.timer.scheduled).isEmpty();
	}

	@Test
	void aConnectionLostBecauseTheClientClosedCountsAsClosed() {
		PendingAsk ask = register();
		ask.sentTo(NODE);
		ClientClosedException closed = new ClientClosedException("The Casty client is closed");
		this.asks.connectionLost(ask, closed);
		assertThat(ask.future()).failsWithin(Duration.ZERO).withThrowableThat().havingCause().isSameAs(closed);
		assertThat(this.listener.outcomes).containsExactly(AskOutcome.CLOSED);
	}

	@Test
	void aFailedNodeFailsOnlyTheAsksSentToIt() {
		PendingAsk toNode = register();
		toNode.sentTo(NODE);
		PendingAsk toOther = register();
		toOther.sentTo(OTHER);
		PendingAsk notSent = register();

		this.asks.failNode(NODE, new NodeUnreachableException(NODE, "marked down"));

		assertThat(toNode.future()).failsWithin(Duration.ZERO)
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(NodeUnreachableException.class)
			.withMessageContaining("marked down");
		assertThat(toOther.future()).isNotDone();
		assertThat(notSent.future()).isNotDone();
		assertThat(this.asks.size()).isEqualTo(2);
		assertThat(this.timer.scheduled).containsExactlyInAnyOrder(toOther, notSent);
	}

	@Test
	void closingFailsEveryAskAndRefusesNewOnes() {
		PendingAsk first = register();
		PendingAsk second = register();

		this.asks.close();

		for (PendingAsk ask : List.of(first, second)) {
			assertThat(ask.future()).failsWithin(Duration.ZERO)
				.withThrowableThat()
				.havingCause()
				.isInstanceOf(ClientClosedException.class);
		}
		assertThat(this.listener.outcomes).containsExactly(AskOutcome.CLOSED, AskOutcome.CLOSED);
		assertThat(this.timer.stopped).isTrue();
		assertThatExceptionOfType(ClientClosedException.class).isThrownBy(this::register);
		assertThat(this.asks.size()).isZero();
	}

	@Test
	void anAskRegisteredWhileTheTimerStopsFailsAsClosed() {
		this.timer.stopped = true;
		PendingAsk ask = register();
		assertThat(ask.future()).failsWithin(Duration.ZERO)
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(ClientClosedException.class);
		assertThat(this.listener.outcomes).containsExactly(AskOutcome.CLOSED);
		assertThat(this.asks.size()).isZero();
	}

	/** Each of the five ways to end, first, then all the others: one outcome per ask. */
	@Test
	void everyAskEndsExactlyOnceWhicheverWayComesFirst() {
		List<Consumer<PendingAsk>> enders = List.of((ask) -> this.asks.reply(idOf(ask), this.codec.encode(1)),
				(ask) -> this.timer.fire(ask),
				(ask) -> this.asks.connectionLost(ask, new NodeUnreachableException(NODE, "lost")),
				(ask) -> this.asks.failNode(NODE, new NodeUnreachableException(NODE, "down")),
				(ask) -> this.asks.fail(ask, new CastyException("failed"), AskOutcome.ERROR));
		List<AskOutcome> firsts = List.of(AskOutcome.SUCCESS, AskOutcome.TIMEOUT, AskOutcome.UNREACHABLE,
				AskOutcome.UNREACHABLE, AskOutcome.ERROR);
		for (int first = 0; first < enders.size(); first++) {
			this.listener.outcomes.clear();
			PendingAsk ask = register();
			ask.sentTo(NODE);
			enders.get(first).accept(ask);
			for (Consumer<PendingAsk> ender : enders) {
				ender.accept(ask);
			}
			this.asks.failAll();
			assertThat(ask.future()).isDone();
			assertThat(this.listener.outcomes).as("ended first by way %d", first).containsExactly(firsts.get(first));
			this.asks = registry(100, new AtomicLong()::getAndIncrement);
		}
		assertThat(this.timer.scheduled).isEmpty();
	}

	@Test
	void idsAreUniqueAmongAsksInFlightAndThoseWaitingForALateReply() {
		Deque<Long> ids = new ArrayDeque<>(List.of(0xaL, 0xaL, 0xbL, 0xaL, 0xbL, 0xcL));
		this.asks = registry(100, ids::removeFirst);
		PendingAsk first = register();
		first.onLateReply((reply) -> {
		});
		PendingAsk second = register();
		this.timer.fire(first);
		PendingAsk third = register();

		assertThat(idOf(first)).endsWith(id('a'));
		assertThat(idOf(second)).endsWith(id('b'));
		assertThat(idOf(third)).as("a is an orphan's, b in flight").endsWith(id('c'));
		assertThat(this.asks.orphans()).isEqualTo(1);
	}

	@Test
	void randomIdsAreDistinct() {
		this.asks = registry(1000, new AtomicLong()::getAndIncrement);
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < 1000; i++) {
			PendingAsk ask = register();
			assertThat(ask.replyTo().address().path()).matches("/_ask/[0-9a-f]{32}");
			ids.add(idOf(ask));
		}
		assertThat(ids).hasSize(1000);
	}

	@Test
	void theInFlightBoundRefusesAsksBeyondItUntilOneEnds() {
		this.asks = registry(2, new AtomicLong()::getAndIncrement);
		PendingAsk first = register();
		register();
		assertThatExceptionOfType(BufferOverflowException.class).isThrownBy(this::register)
			.withMessageContaining("More than 2 asks are in flight");
		assertThat(this.listener.rejected).hasValue(1);
		assertThat(this.timer.scheduled).hasSize(2);

		this.asks.reply(idOf(first), this.codec.encode(1));
		assertThat(register().future()).isNotDone();
	}

	@Test
	void misuseRegistersNothing() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.asks.register(Integer.class, "t", "ask", Duration.ZERO));
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.asks.register(Integer.class, "t", "ask", Duration.ofSeconds(Long.MAX_VALUE)));
		AskRegistry notStarted = new AskRegistry(this.codec, this.listener, 10, CastyClientOptions.DEFAULT_CALLBACK_EXECUTOR,
				new AtomicLong()::getAndIncrement, (expired) -> this.timer);
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> notStarted.register(Integer.class, "t", "ask", TIMEOUT));
		assertThat(this.timer.scheduled).isEmpty();
		assertThat(this.asks.size()).isZero();
	}

	private AskRegistry registry(int maxPending, AskTable.IdSource ids) {
		AskRegistry registry = new AskRegistry(this.codec, this.listener, maxPending,
				CastyClientOptions.DEFAULT_CALLBACK_EXECUTOR, ids, (expired) -> {
					this.timer.expired = expired;
					return this.timer;
				});
		registry.start(List.of(new ClientIdentity("127.0.0.1", 1, "test")));
		return registry;
	}

	private PendingAsk register() {
		return this.asks.register(Integer.class, "counter", () -> "ask to counter", TIMEOUT, 0);
	}

	private static String idOf(PendingAsk ask) {
		return ask.replyTo().address().path().substring(CastyPaths.ASK_PREFIX.length());
	}

	/** The last 16 hex digits of an id from a number below 16. */
	private static String id(char digit) {
		return "0".repeat(15) + digit;
	}

	/** A timer whose timeouts fire when the test says. */
	static final class ManualTimer implements AskTimer {

		final List<PendingAsk> scheduled = new CopyOnWriteArrayList<>();

		Consumer<PendingAsk> expired = (ask) -> {
		};

		volatile boolean stopped;

		@Override
		public void start() {
		}

		@Override
		public boolean schedule(PendingAsk ask) {
			if (this.stopped) {
				return false;
			}
			this.scheduled.add(ask);
			return true;
		}

		@Override
		public void cancel(PendingAsk ask) {
			this.scheduled.remove(ask);
		}

		@Override
		public void stop() {
			this.stopped = true;
		}

		@Override
		public boolean isTimerThread() {
			return false;
		}

		/** Fires an ask's timeout as the timer would: once, if it is still scheduled. */
		void fire(PendingAsk ask) {
			if (this.scheduled.remove(ask)) {
				this.expired.accept(ask);
			}
		}

		void fireAll() {
			List.copyOf(this.scheduled).forEach(this::fire);
		}

	}

	static final class RecordingListener implements CastyClientListener {

		final List<AskOutcome> outcomes = new CopyOnWriteArrayList<>();

		final AtomicInteger lateReplies = new AtomicInteger();

		final AtomicInteger rejected = new AtomicInteger();

		@Override
		public void askCompleted(String target, AskOutcome outcome, Duration latency) {
			this.outcomes.add(outcome);
		}

		@Override
		public void lateReply() {
			this.lateReplies.incrementAndGet();
		}

		@Override
		public void bufferRejected(String target) {
			this.rejected.incrementAndGet();
		}

	}

}
