package io.casty.client.messaging;

/**
 * Runs the timeout of each pending ask: {@link AskRegistry} schedules an ask when it
 * registers it and cancels it when it ends, and the timer tells its expiry handler about each
 * ask whose deadline ({@link PendingAsk#deadlineNanos()}) passed. Behind an interface so that
 * a test can fire timeouts by hand.
 */
interface AskTimer {

	/** Starts the timer's thread, if it has one. */
	void start();

	/**
	 * Schedules an ask's timeout at its deadline.
	 * @param ask the ask
	 * @return {@code false} if the timer is stopped, in which case nothing was scheduled
	 */
	boolean schedule(PendingAsk ask);

	/**
	 * Cancels an ask's timeout, if it has not fired; idempotent.
	 * @param ask the ask
	 */
	void cancel(PendingAsk ask);

	/**
	 * Stops the timer; timeouts not fired yet never fire. Safe on the timer's own thread.
	 */
	void stop();

	/**
	 * Whether the current thread runs timeouts.
	 * @return whether it does
	 */
	boolean isTimerThread();

}
