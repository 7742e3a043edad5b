package io.casty.cli;

import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A progress line on stderr for a step that takes longer than a second: nothing for quick
 * steps, then {@code casty: <what>... 1.5s}, rewritten in place on a terminal and printed
 * once otherwise. Close it when the step is done.
 *
 * @since 0.1.0
 */
final class Progress implements AutoCloseable {

	private static final long SHOW_AFTER_MS = 1000;

	private final PrintWriter err;

	private final String what;

	private final boolean terminal;

	private final long startedAt = System.nanoTime();

	private final ScheduledExecutorService timer;

	private final ScheduledFuture<?> task;

	private boolean shown;

	private boolean closed;

	Progress(PrintWriter err, String what, boolean terminal) {
		this.err = err;
		this.what = what;
		this.terminal = terminal;
		this.timer = Executors.newSingleThreadScheduledExecutor((r) -> {
			Thread thread = new Thread(r, "casty-progress");
			thread.setDaemon(true);
			return thread;
		});
		this.task = this.timer.scheduleAtFixedRate(this::tick, SHOW_AFTER_MS, 250, TimeUnit.MILLISECONDS);
	}

	private synchronized void tick() {
		if (this.closed) {
			return;
		}
		double seconds = (System.nanoTime() - this.startedAt) / 1e9;
		if (this.terminal) {
			this.err.printf("\rcasty: %s... %.1fs", this.what, seconds);
			this.err.flush();
			this.shown = true;
		}
		else if (!this.shown) {
			this.err.printf("casty: %s...%n", this.what);
			this.err.flush();
			this.shown = true;
		}
	}

	@Override
	public synchronized void close() {
		this.closed = true;
		this.task.cancel(false);
		this.timer.shutdownNow();
		if (this.shown && this.terminal) {
			this.err.print("\r\033[K");
			this.err.flush();
		}
	}

}
