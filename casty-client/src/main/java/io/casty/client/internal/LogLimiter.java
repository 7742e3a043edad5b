package io.casty.client.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.slf4j.Logger;

/**
 * Rate-limits warnings per key (a reason and a node, say): the first of a key is logged at
 * once, the next ones at most once per interval with the number left out since. A flood of
 * bad frames or dropped messages then costs a few log lines while the metrics still count
 * every event.
 *
 * @since 0.1.0
 */
public final class LogLimiter {

	/** The default interval between two warnings of one key: 10 s. */
	public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

	/** Keys tracked at most; past that, new keys share one limit. */
	private static final int MAX_KEYS = 1024;

	private static final String OVERFLOW_KEY = "(other)";

	private final Logger logger;

	private final long intervalNanos;

	private final LongSupplier nanoTime;

	private final Map<String, Window> windows = new ConcurrentHashMap<>();

	private static final class Window {

		final AtomicLong next = new AtomicLong(Long.MIN_VALUE);

		final AtomicLong suppressed = new AtomicLong();

	}

	public LogLimiter(Logger logger) {
		this(logger, DEFAULT_INTERVAL);
	}

	public LogLimiter(Logger logger, Duration interval) {
		this(logger, interval, System::nanoTime);
	}

	LogLimiter(Logger logger, Duration interval, LongSupplier nanoTime) {
		this.logger = logger;
		this.intervalNanos = interval.toNanos();
		this.nanoTime = nanoTime;
	}

	/**
	 * Logs a warning unless one of the same key was logged within the interval.
	 * @param key what makes two warnings alike, for example {@code "invalid-frame 10.0.0.1:25520"}
	 * @param format the SLF4J format
	 * @param args its arguments
	 */
	public void warn(String key, String format, Object... args) {
		if (!this.logger.isWarnEnabled()) {
			return;
		}
		Window window = window(key);
		long now = this.nanoTime.getAsLong();
		long next = window.next.get();
		if ((next != Long.MIN_VALUE && now - next < 0) || !window.next.compareAndSet(next, now + this.intervalNanos)) {
			window.suppressed.incrementAndGet();
			return;
		}
		long left = window.suppressed.getAndSet(0);
		if (left > 0) {
			Object[] withCount = new Object[args.length + 1];
			System.arraycopy(args, 0, withCount, 0, args.length);
			withCount[args.length] = left;
			this.logger.warn(format + " ({} similar warnings left out since the last one)", withCount);
		}
		else {
			this.logger.warn(format, args);
		}
	}

	private Window window(String key) {
		Window window = this.windows.get(key);
		if (window == null) {
			String k = (this.windows.size() < MAX_KEYS) ? key : OVERFLOW_KEY;
			window = this.windows.computeIfAbsent(k, (ignored) -> new Window());
		}
		return window;
	}

}
