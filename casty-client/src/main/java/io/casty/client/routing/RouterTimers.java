package io.casty.client.routing;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.util.concurrent.EventExecutor;

/**
 * Runs a router's delayed tasks (query timeouts and retries).
 * {@link #of(EventExecutor)} uses a session's scheduler; a unit test runs them by hand.
 * <p>
 * Internal: a port wired by {@code ClientSession}; not API, may change without notice.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface RouterTimers {

	/**
	 * Runs a task after a delay.
	 * @param task the task
	 * @param delayNanos the delay
	 * @return cancels the task if it did not run yet
	 */
	Runnable schedule(Runnable task, long delayNanos);

	/**
	 * Timers on an event executor.
	 * @param executor the executor
	 * @return the timers
	 */
	static RouterTimers of(EventExecutor executor) {
		return (task, delayNanos) -> {
			ScheduledFuture<?> future = executor.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
			return () -> future.cancel(false);
		};
	}

}
