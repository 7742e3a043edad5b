package io.casty.client.messaging;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.casty.client.transport.ClientIdentity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ask timer: on a clock moved by hand, a timeout fires at the first sweep at or after its
 * deadline, never before, once, and never once cancelled, however many rounds of the wheel
 * it spans or sweeps are skipped; its thread parks without a timeout while nothing is
 * scheduled.
 */
class TimeoutWheelTests {

	private static final long TICK = TimeUnit.MILLISECONDS.toNanos(10);

	private static final ClientIdentity IDENTITY = new ClientIdentity("127.0.0.1", 1, "test");

	private final AtomicLong clock = new AtomicLong(System.nanoTime());

	private final List<PendingAsk> fired = new CopyOnWriteArrayList<>();

	/** 8 buckets of 10 ms: one round is 80 ms. */
	private final TimeoutWheel wheel = new TimeoutWheel(this.fired::add, TICK, 8, this.clock::get);

	@Test
	void aTimeoutFiresAtItsDeadlineNotBeforeAndOnce() {
		PendingAsk ask = ask(Duration.ofMillis(35));
		assertThat(this.wheel.schedule(ask)).isTrue();
		assertThat(this.wheel.size()).isOne();

		sweepAt(ask.deadlineNanos() - 1);
		assertThat(this.fired).isEmpty();
		sweepAt(ask.deadlineNanos());
		sweepAt(ask.deadlineNanos() + 10 * TICK);

		assertThat(this.fired).containsExactly(ask);
		assertThat(this.wheel.size()).isZero();
	}

	@Test
	void aCancelledTimeoutNeverFires() {
		PendingAsk cancelled = ask(Duration.ofMillis(20));
		PendingAsk kept = ask(Duration.ofMillis(20));
		this.wheel.schedule(cancelled);
		this.wheel.schedule(kept);
		this.wheel.cancel(cancelled);
		this.wheel.cancel(cancelled);

		sweepAt(kept.deadlineNanos() + TICK);

		assertThat(this.fired).containsExactly(kept);
		assertThat(this.wheel.size()).isZero();
	}

	@Test
	void timeoutsSpanningSeveralRoundsFireOnlyAtTheirDeadline() {
		PendingAsk soon = ask(Duration.ofMillis(15));
		PendingAsk rounds = ask(Duration.ofMillis(15 + 3 * 80));
		this.wheel.schedule(soon);
		this.wheel.schedule(rounds);

		for (long at = this.clock.get(); at < rounds.deadlineNanos(); at += TICK) {
			sweepAt(at);
		}
		assertThat(this.fired).containsExactly(soon);
		sweepAt(rounds.deadlineNanos() + TICK);
		assertThat(this.fired).containsExactly(soon, rounds);
	}

	@Test
	void aSweepAfterALongPauseFiresEverythingDue() {
		PendingAsk first = ask(Duration.ofMillis(10));
		PendingAsk second = ask(Duration.ofMillis(50));
		PendingAsk later = ask(Duration.ofSeconds(10));
		this.wheel.schedule(first);
		this.wheel.schedule(second);
		this.wheel.schedule(later);

		sweepAt(second.deadlineNanos() + 100 * TICK);

		assertThat(this.fired).containsExactlyInAnyOrder(first, second);
		assertThat(this.wheel.size()).isOne();
	}

	@Test
	void anAskScheduledAfterItsDeadlineFiresOnTheNextSweep() {
		sweepAt(this.clock.get() + 20 * TICK);
		PendingAsk overdue = ask(Duration.ofMillis(1));
		this.wheel.schedule(overdue);
		sweepAt(this.clock.get() + TICK);
		assertThat(this.fired).containsExactly(overdue);
	}

	@Test
	void aStoppedWheelSchedulesNothing() {
		this.wheel.stop();
		assertThat(this.wheel.schedule(ask(Duration.ofMillis(10)))).isFalse();
		assertThat(this.wheel.size()).isZero();
	}

	@Test
	void itsThreadParksWhileNothingIsScheduledAndFiresOnTheRealClock() {
		List<PendingAsk> expired = new CopyOnWriteArrayList<>();
		TimeoutWheel real = new TimeoutWheel(expired::add);
		real.start();
		try {
			Thread thread = java.util.Objects.requireNonNull(real.thread());
			await().atMost(Duration.ofSeconds(10)).until(() -> thread.getState() == Thread.State.WAITING);

			PendingAsk cancelled = ask(Duration.ofMinutes(1));
			real.schedule(cancelled);
			await().atMost(Duration.ofSeconds(10)).until(() -> thread.getState() == Thread.State.TIMED_WAITING);
			real.cancel(cancelled);
			await().atMost(Duration.ofSeconds(10)).until(() -> thread.getState() == Thread.State.WAITING);

			PendingAsk ask = ask(Duration.ofMillis(20));
			real.schedule(ask);
			await().atMost(Duration.ofSeconds(10)).until(() -> expired.contains(ask));
			assertThat(expired).containsExactly(ask);
			await().atMost(Duration.ofSeconds(10)).until(() -> thread.getState() == Thread.State.WAITING);
		}
		finally {
			real.stop();
		}
		assertThat(real.schedule(ask(Duration.ofMillis(20)))).isFalse();
	}

	private void sweepAt(long nanos) {
		this.clock.set(nanos);
		this.wheel.sweep();
	}

	private static final java.util.concurrent.atomic.AtomicLong IDS = new java.util.concurrent.atomic.AtomicLong();

	private static PendingAsk ask(Duration timeout) {
		long id = IDS.getAndIncrement();
		return new PendingAsk(null, id, IDENTITY.ref(io.casty.client.protocol.CastyPaths.askPath(0, id)), Integer.class, "t",
				(subject) -> "ask", "t", timeout.toNanos());
	}

}
