package io.casty.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import io.casty.bench.BenchMessages.Add;
import io.casty.bench.BenchMessages.BenchMessage;
import io.casty.bench.BenchMessages.Get;
import io.casty.bench.BenchMessages.Ping;
import io.casty.client.BufferOverflowException;
import io.casty.client.EntityRef;
import org.HdrHistogram.SynchronizedHistogram;
import org.jspecify.annotations.Nullable;

/**
 * Tell and ask runs through one {@link EntityRef} of shard type {@code bench}, the same
 * runs {@code client_bench.py} makes with Casty's Python client.
 *
 * @since 0.1.0
 */
final class ClientBench {

	static final int PING_ENTITIES = 64;

	/** The ping entity ids, built once so the measured loop does not build strings. */
	private static final String[] PING_IDS = java.util.stream.IntStream.range(0, PING_ENTITIES)
		.mapToObj((i) -> "ping-" + i)
		.toArray(String[]::new);

	private static final Add ADD_ONE = new Add(1);

	private final EntityRef<BenchMessage> bench;

	private final BenchConfig config;

	private final String runId = Long.toHexString(System.nanoTime());

	ClientBench(EntityRef<BenchMessage> bench, BenchConfig config) {
		this.bench = bench;
		this.config = config;
	}

	/**
	 * Runs the warm-up, waits for the JIT to go quiet if the config asks for it, then the tell
	 * run and one ask run per concurrency level; the warm-up's asks at 1 in flight, if any, are
	 * reported too, as {@code warmup_ask_1} (by pass), and the wait as {@code jit_quiet}.
	 */
	Map<String, Object> runAll() {
		Map<String, Object> out = new LinkedHashMap<>();
		Map<String, Object> warmupAtOne = warmUp();
		if (!warmupAtOne.isEmpty()) {
			out.put("warmup_ask_1", warmupAtOne);
		}
		if (this.config.jitQuietLimit().compareTo(Duration.ZERO) > 0) {
			out.put("jit_quiet", JitQuiet.await(this.config.jitQuietLimit()));
		}
		out.put("tell", tells(this.config.tells(), "tell"));
		Map<String, Object> asks = new LinkedHashMap<>();
		for (int inFlight : this.config.concurrency()) {
			asks.put(Integer.toString(inFlight), asks(this.config.asksAt(inFlight), inFlight));
		}
		out.put("ask", asks);
		return out;
	}

	/**
	 * Warms up: a few asks to every ping entity, then tells, then asks at 64 in flight; or,
	 * when the config has warm-up asks at 1 in flight, its passes of the measured sequence
	 * (tells, then each measured level in order), so that the JIT has seen every shape the
	 * measured runs take, and has recompiled what switching between tells and asks
	 * deoptimizes, before they are measured.
	 * @return the warm-up runs at 1 in flight by pass ({@code pass_1}, ...; empty if none)
	 */
	private Map<String, Object> warmUp() {
		for (int i = 0; i < PING_ENTITIES; i++) {
			String id = PING_IDS[i];
			join(this.bench.ask(id, (r) -> new Ping(-1, r), Long.class, this.config.askTimeout()));
		}
		Map<String, Object> atOne = new LinkedHashMap<>();
		boolean mirrored = this.config.warmupAsksAtOne() > 0;
		List<Integer> levels = mirrored ? this.config.concurrency() : List.of(64);
		int passes = mirrored ? Math.max(1, this.config.warmupPasses()) : 1;
		for (int pass = 0; pass < passes; pass++) {
			if (this.config.warmupTells() > 0) {
				tells(this.config.warmupTells(), "warmup");
			}
			for (int inFlight : levels) {
				int n = (inFlight == 1) ? this.config.warmupAsksAtOne() : this.config.warmupAsks();
				if (n > 0) {
					Map<String, Object> run = asks(n, inFlight);
					if (inFlight == 1) {
						atOne.put("pass_" + (pass + 1), run);
					}
				}
			}
		}
		return atOne;
	}

	/**
	 * {@code n} {@code Add(1)} tells round robin over fresh entities, then a {@code Get} to
	 * each whose replies must sum to exactly {@code n} more than before.
	 */
	Map<String, Object> tells(int n, String label) {
		int k = Math.max(1, this.config.tellEntities());
		List<String> ids = new ArrayList<>(k);
		for (int i = 0; i < k; i++) {
			ids.add(label + "-" + this.runId + "-" + i);
		}
		long initial = totals(ids);
		Set<Long> callers = Set.of(Thread.currentThread().getId());
		ThreadUsage before = ThreadUsage.snapshot(callers);
		long start = System.nanoTime();
		long overflows = 0;
		for (int i = 0; i < n; i++) {
			try {
				this.bench.tell(ids.get(i % k), ADD_ONE);
			}
			catch (BufferOverflowException ex) {
				// the connection's outbound buffer is full: back off and send the same tell again
				overflows++;
				i--;
				LockSupport.parkNanos(50_000);
			}
		}
		long submitted = System.nanoTime();
		long total = totals(ids);
		long end = System.nanoTime();
		ThreadUsage after = ThreadUsage.snapshot(callers);
		long expected = initial + n;
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("n", n);
		out.put("entities", k);
		out.put("per_sec", ThreadUsage.round(n / ((end - start) / 1e9)));
		out.put("submit_per_sec", ThreadUsage.round(n / ((submitted - start) / 1e9)));
		out.put("elapsed_s", ThreadUsage.round((end - start) / 1e9));
		out.put("overflow_retries", overflows);
		out.put("expected_total", expected);
		out.put("observed_total", total);
		out.put("ok", total == expected);
		out.put("usage", before.until(after, n));
		return out;
	}

	/**
	 * The entities' counts, asked once the tells are submitted: an ask that finds a node's
	 * outbound buffer still full of them (the client refuses it with
	 * {@link BufferOverflowException}) is asked again shortly, as the tells are.
	 */
	private long totals(List<String> ids) {
		List<CompletableFuture<Long>> replies = new ArrayList<>(ids.size());
		for (String id : ids) {
			replies.add(this.bench.ask(id, Get::new, Long.class, this.config.runTimeout()));
		}
		long sum = 0;
		for (int i = 0; i < replies.size(); i++) {
			try {
				sum += join(replies.get(i));
			}
			catch (CompletionException ex) {
				if (!(ex.getCause() instanceof BufferOverflowException)) {
					throw ex;
				}
				LockSupport.parkNanos(1_000_000);
				replies.set(i, this.bench.ask(ids.get(i), Get::new, Long.class, this.config.runTimeout()));
				i--;
			}
		}
		return sum;
	}

	/**
	 * {@code n} {@code Ping(seq)} asks over {@value #PING_ENTITIES} entities with
	 * {@code inFlight} outstanding at any time: each reply (checked to be {@code seq})
	 * sends the next ask from the thread that completed it.
	 */
	Map<String, Object> asks(int n, int inFlight) {
		AskRun run = new AskRun(n);
		Set<Long> callers = Set.of(Thread.currentThread().getId());
		ThreadUsage before = ThreadUsage.snapshot(callers);
		long start = System.nanoTime();
		for (int i = 0; i < Math.min(inFlight, n); i++) {
			run.next();
		}
		boolean finished;
		try {
			finished = run.done.await(this.config.runTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
		long end = run.lastCompletion.get();
		ThreadUsage after = ThreadUsage.snapshot(callers);
		long ok = run.succeeded.get();
		double seconds = (Math.max(end, start + 1) - start) / 1e9;
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("n", n);
		out.put("concurrency", inFlight);
		out.put("per_sec", ThreadUsage.round(ok / seconds));
		out.put("elapsed_s", ThreadUsage.round(seconds));
		out.put("latency_ms", Percentiles.millis(run.latencies));
		out.put("errors", run.errors.get());
		String firstError = run.firstError.get();
		if (firstError != null) {
			out.put("first_error", firstError);
		}
		out.put("ok", finished && ok == n && run.errors.get() == 0);
		out.put("usage", before.until(after, n));
		return out;
	}

	private static long join(CompletableFuture<Long> future) {
		Long value = future.join();
		return (value != null) ? value : 0;
	}

	private final class AskRun {

		final int n;

		final AtomicLong issued = new AtomicLong();

		final AtomicLong succeeded = new AtomicLong();

		final AtomicLong errors = new AtomicLong();

		final AtomicLong lastCompletion = new AtomicLong();

		final AtomicReference<@Nullable String> firstError = new AtomicReference<>();

		final SynchronizedHistogram latencies = new SynchronizedHistogram(3);

		final CountDownLatch done;

		AskRun(int n) {
			this.n = n;
			this.done = new CountDownLatch(n);
		}

		void next() {
			long seq = this.issued.getAndIncrement();
			if (seq >= this.n) {
				return;
			}
			String id = PING_IDS[(int) (seq % PING_ENTITIES)];
			long sent = System.nanoTime();
			ClientBench.this.bench.ask(id, (r) -> new Ping(seq, r), Long.class, ClientBench.this.config.askTimeout())
				.whenComplete((reply, failure) -> {
					long now = System.nanoTime();
					if (failure == null && reply != null && reply == seq) {
						this.latencies.recordValue(now - sent);
						this.succeeded.incrementAndGet();
					}
					else {
						this.errors.incrementAndGet();
						this.firstError.compareAndSet(null,
								(failure != null) ? failure.toString() : "seq " + seq + " answered " + reply);
					}
					this.lastCompletion.accumulateAndGet(now, Math::max);
					this.done.countDown();
					if (failure != null) {
						// a failed ask may complete on the sending thread: do not recurse there
						ForkJoinPool.commonPool().execute(this::next);
					}
					else {
						next();
					}
				});
		}

	}

}
