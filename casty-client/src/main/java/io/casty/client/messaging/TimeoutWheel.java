package io.casty.client.messaging;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ask timer: a hashed wheel of deadline buckets, each an intrusive list of the
 * {@link PendingAsk}s themselves (so scheduling and cancelling allocate nothing), swept by
 * one daemon thread once per tick while any ask is scheduled. While none is, the thread
 * parks without a timeout and costs nothing; the first ask scheduled wakes it. (Netty's
 * {@code HashedWheelTimer}, used before, ticks every 10 ms for as long as the client runs
 * and allocates an entry per timeout.)
 * <p>
 * A timeout fires on the first sweep at or after its deadline, so up to one tick late,
 * never early. Each scheduled ask is either cancelled or handed to the expiry handler, once.
 */
final class TimeoutWheel implements AskTimer {

	private static final Logger logger = LoggerFactory.getLogger(TimeoutWheel.class);

	/** The sweep interval, as the {@code HashedWheelTimer} it replaces: 10 ms. */
	static final long DEFAULT_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

	/** Buckets of the wheel: 512 of 10 ms cover 5.12 s, the default ask timeout in one round. */
	static final int DEFAULT_BUCKETS = 512;

	/** The name of the thread that sweeps. */
	static final String THREAD_NAME = "casty-client-timer";

	private final ReentrantLock lock = new ReentrantLock();

	/** Signalled when an ask is scheduled into an empty wheel, or when the wheel stops. */
	private final Condition wake = this.lock.newCondition();

	private final @Nullable PendingAsk[] buckets;

	private final int mask;

	private final long tickNanos;

	private final LongSupplier clock;

	/** Tick 0 starts here, in {@link #clock} terms. */
	private final long origin;

	private final Consumer<PendingAsk> expired;

	/** Scheduled asks; guarded by {@link #lock}. */
	private int size;

	/** The last tick whose bucket was swept; guarded by {@link #lock}. */
	private long sweptTick = -1;

	/** Whether the thread parks until an ask is scheduled; guarded by {@link #lock}. */
	private boolean idle;

	private volatile boolean stopped;

	private volatile @Nullable Thread thread;

	/**
	 * Creates a wheel of the default tick and size on {@link System#nanoTime()}.
	 * @param expired told of each ask whose deadline passed, on the wheel's thread
	 */
	TimeoutWheel(Consumer<PendingAsk> expired) {
		this(expired, DEFAULT_TICK_NANOS, DEFAULT_BUCKETS, System::nanoTime);
	}

	/**
	 * Creates a wheel.
	 * @param expired told of each ask whose deadline passed
	 * @param tickNanos the sweep interval
	 * @param buckets the number of buckets, a power of two
	 * @param clock the time deadlines are in, {@link System#nanoTime()} but in tests
	 */
	TimeoutWheel(Consumer<PendingAsk> expired, long tickNanos, int buckets, LongSupplier clock) {
		if (Integer.bitCount(buckets) != 1 || tickNanos <= 0) {
			throw new IllegalArgumentException("buckets must be a power of two and the tick positive");
		}
		this.expired = expired;
		this.tickNanos = tickNanos;
		this.buckets = new PendingAsk[buckets];
		this.mask = buckets - 1;
		this.clock = clock;
		this.origin = clock.getAsLong();
	}

	@Override
	public void start() {
		this.lock.lock();
		try {
			if (this.thread != null || this.stopped) {
				return;
			}
			Thread t = new Thread(this::run, THREAD_NAME);
			t.setDaemon(true);
			this.thread = t;
			t.start();
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public boolean schedule(PendingAsk ask) {
		this.lock.lock();
		try {
			if (this.stopped) {
				return false;
			}
			if (this.size == 0) {
				// the thread may have parked for long: the buckets it skipped are empty
				this.sweptTick = Math.max(this.sweptTick, tickOf(this.clock.getAsLong()) - 1);
			}
			long tick = Math.max(firstTickAtOrAfter(ask.deadlineNanos()), this.sweptTick + 1);
			link(ask, (int) (tick & this.mask));
			this.size++;
			if (this.idle) {
				this.wake.signal();
			}
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void cancel(PendingAsk ask) {
		this.lock.lock();
		try {
			if (ask.timerBucket >= 0) {
				unlink(ask);
				this.size--;
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void stop() {
		Thread t;
		this.lock.lock();
		try {
			this.stopped = true;
			this.wake.signal();
			t = this.thread;
		}
		finally {
			this.lock.unlock();
		}
		if (t != null && t != Thread.currentThread()) {
			try {
				t.join(TimeUnit.SECONDS.toMillis(1));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isTimerThread() {
		return Thread.currentThread() == this.thread;
	}

	/** The thread that sweeps, once started. */
	@Nullable Thread thread() {
		return this.thread;
	}

	/**
	 * The number of asks scheduled and not yet fired or cancelled.
	 * @return the count
	 */
	int size() {
		this.lock.lock();
		try {
			return this.size;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Sweeps every bucket whose tick has come by the clock's time and hands the asks whose
	 * deadline passed to the expiry handler, outside the lock. The thread's work, callable by
	 * tests of a wheel that was never started.
	 */
	void sweep() {
		@Nullable PendingAsk due;
		this.lock.lock();
		try {
			due = collectDue(this.clock.getAsLong());
		}
		finally {
			this.lock.unlock();
		}
		fire(due);
	}

	private void run() {
		this.lock.lock();
		try {
			while (!this.stopped) {
				if (this.size == 0) {
					this.idle = true;
					this.wake.awaitUninterruptibly();
					this.idle = false;
					continue;
				}
				@Nullable PendingAsk due = collectDue(this.clock.getAsLong());
				if (due != null) {
					this.lock.unlock();
					try {
						fire(due);
					}
					finally {
						this.lock.lock();
					}
					continue;
				}
				long wait = this.origin + (this.sweptTick + 1) * this.tickNanos - this.clock.getAsLong();
				if (wait > 0) {
					try {
						this.wake.awaitNanos(wait);
					}
					catch (InterruptedException ex) {
						// only stop() ends the thread
					}
				}
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Unlinks the asks due by {@code now} from the buckets of the ticks come; under the lock. */
	private @Nullable PendingAsk collectDue(long now) {
		long nowTick = tickOf(now);
		if (nowTick <= this.sweptTick || this.size == 0) {
			this.sweptTick = Math.max(this.sweptTick, nowTick);
			return null;
		}
		long ticks = Math.min(nowTick - this.sweptTick, this.buckets.length);
		@Nullable PendingAsk due = null;
		for (long tick = nowTick - ticks + 1; tick <= nowTick; tick++) {
			int bucket = (int) (tick & this.mask);
			PendingAsk ask = this.buckets[bucket];
			while (ask != null) {
				PendingAsk next = ask.timerNext;
				if (ask.deadlineNanos() - now <= 0) {
					unlink(ask);
					this.size--;
					ask.timerDue = due;
					due = ask;
				}
				ask = next;
			}
		}
		this.sweptTick = nowTick;
		return due;
	}

	private void fire(@Nullable PendingAsk due) {
		PendingAsk ask = due;
		while (ask != null) {
			PendingAsk next = ask.timerDue;
			ask.timerDue = null;
			try {
				this.expired.accept(ask);
			}
			catch (RuntimeException ex) {
				logger.warn("Timing out {} failed: {}", ask.description(), ex.toString());
			}
			ask = next;
		}
	}

	private void link(PendingAsk ask, int bucket) {
		PendingAsk head = this.buckets[bucket];
		ask.timerBucket = bucket;
		ask.timerPrev = null;
		ask.timerNext = head;
		if (head != null) {
			head.timerPrev = ask;
		}
		this.buckets[bucket] = ask;
	}

	private void unlink(PendingAsk ask) {
		PendingAsk prev = ask.timerPrev;
		PendingAsk next = ask.timerNext;
		if (prev != null) {
			prev.timerNext = next;
		}
		else {
			this.buckets[ask.timerBucket] = next;
		}
		if (next != null) {
			next.timerPrev = prev;
		}
		ask.timerBucket = -1;
		ask.timerPrev = null;
		ask.timerNext = null;
	}

	private long tickOf(long nanos) {
		return Math.floorDiv(nanos - this.origin, this.tickNanos);
	}

	private long firstTickAtOrAfter(long nanos) {
		return -Math.floorDiv(this.origin - nanos, this.tickNanos);
	}

}
