package io.casty.client.messaging;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import io.casty.client.CastyClientListener;
import io.casty.client.CastyClientListener.AskOutcome;
import io.casty.client.CastyClientOptions;
import org.jspecify.annotations.Nullable;

/**
 * How an ended ask is reported: its outcome counted by the listener, then its future
 * completed, on the callback executor when one is set (the ask has already ended, so only
 * the future's callbacks move off the ending thread).
 */
final class AskOutcomes {

	private final CastyClientListener listener;

	/** Where futures complete; {@link CastyClientOptions#DEFAULT_CALLBACK_EXECUTOR} completes in place. */
	private final Executor callbacks;

	AskOutcomes(CastyClientListener listener, Executor callbacks) {
		this.listener = listener;
		this.callbacks = callbacks;
	}

	/**
	 * Reports an ask that ended.
	 * @param ask the ask, ended
	 * @param outcome how
	 * @param value the reply, when it succeeded
	 * @param cause why it failed, or {@code null} if it succeeded
	 */
	void ended(PendingAsk ask, AskOutcome outcome, @Nullable Object value, @Nullable Throwable cause) {
		if (this.listener != CastyClientListener.NONE) {
			this.listener.askCompleted(ask.target, outcome, Duration.ofNanos(System.nanoTime() - ask.startNanos));
		}
		if (this.callbacks == CastyClientOptions.DEFAULT_CALLBACK_EXECUTOR) {
			complete(ask, value, cause);
			return;
		}
		try {
			this.callbacks.execute(() -> complete(ask, value, cause));
		}
		catch (RejectedExecutionException ex) {
			complete(ask, value, cause);
		}
	}

	/**
	 * Counts an ask refused because too many are in flight.
	 * @param target the ask's metric label
	 */
	void rejected(String target) {
		this.listener.bufferRejected(target);
	}

	private static void complete(PendingAsk ask, @Nullable Object value, @Nullable Throwable cause) {
		if (cause != null) {
			ask.completeExceptionally(cause);
		}
		else {
			ask.complete(value);
		}
	}

}
