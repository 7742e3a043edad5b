package io.casty.sample.web;

import java.time.Duration;
import java.util.Arrays;

import io.casty.client.CastyClientListener;

import org.springframework.stereotype.Component;

/**
 * Live ask figures for the cluster page: asks completed per second and their 99th
 * percentile latency over the last {@value #WINDOW_SECONDS} seconds. A client listener (the
 * starter hands every {@link CastyClientListener} bean the client's events); memory is
 * bounded by a ring of the last {@value #CAPACITY} latencies.
 *
 * @since 0.1.0
 */
@Component
public class AskStats implements CastyClientListener {

	static final int WINDOW_SECONDS = 10;

	static final int CAPACITY = 4096;

	private final long[] latencies = new long[CAPACITY];

	private final long[] completedAt = new long[CAPACITY];

	private long recorded;

	@Override
	public synchronized void askCompleted(String target, AskOutcome outcome, Duration latency) {
		int slot = (int) (this.recorded++ % CAPACITY);
		this.latencies[slot] = latency.toNanos();
		this.completedAt[slot] = System.nanoTime();
	}

	/**
	 * The figures now.
	 * @return asks per second and p99 over the window, and the total since start
	 */
	public synchronized Figures figures() {
		long now = System.nanoTime();
		long windowStart = now - Duration.ofSeconds(WINDOW_SECONDS).toNanos();
		int held = (int) Math.min(this.recorded, CAPACITY);
		long[] recent = new long[held];
		int count = 0;
		long oldest = now;
		for (int i = 0; i < held; i++) {
			if (this.completedAt[i] >= windowStart) {
				recent[count++] = this.latencies[i];
				oldest = Math.min(oldest, this.completedAt[i]);
			}
		}
		if (count == 0) {
			return new Figures(this.recorded, 0, null);
		}
		Arrays.sort(recent, 0, count);
		long p99 = recent[Math.min(count - 1, (int) Math.ceil(count * 0.99) - 1)];
		// A full ring spans less than the window under load: rate over what it spans.
		double seconds = (count == CAPACITY) ? Math.max(1e-3, (now - oldest) / 1e9) : WINDOW_SECONDS;
		return new Figures(this.recorded, Math.round(count / seconds * 10) / 10.0, Math.round(p99 / 1e4) / 100.0);
	}

	/**
	 * Ask figures.
	 *
	 * @param total asks completed since the application started
	 * @param perSecond asks completed per second over the window
	 * @param p99Ms the 99th percentile latency over the window in milliseconds, null without
	 * asks
	 */
	public record Figures(long total, double perSecond, @org.jspecify.annotations.Nullable Double p99Ms) {
	}

}
