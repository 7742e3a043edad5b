package io.casty.bench;

import java.time.Duration;
import java.util.List;

/**
 * Counts and limits of one benchmark run.
 *
 * @param tells tells per tell run
 * @param tellEntities entities the tells are spread over (round robin)
 * @param asks asks per concurrency level (at most {@code asksAtOne} at one in flight)
 * @param asksAtOne asks at one in flight
 * @param concurrency the concurrency levels of the ask runs
 * @param warmupTells tells before measuring (JIT, connections, shard locations)
 * @param warmupAsks asks at 64 in flight before measuring
 * @param warmupAsksAtOne asks at 1 in flight before measuring; when positive, the warm-up
 *        runs the measured sequence instead (tells, then asks at each measured level, with
 *        this many at 1 in flight and {@code warmupAsks} at the others), {@code warmupPasses}
 *        times: while the JIT compiles the client's paths or recompiles what switching between
 *        tells and asks deoptimized, its threads take cores the nodes need
 * @param warmupPasses passes of that warm-up sequence
 * @param jitQuietLimit after the warm-up, the longest wait for the JIT compilers to go quiet
 *        ({@link JitQuiet}); zero: no wait
 * @param askTimeout the timeout of each ask
 * @param runTimeout the longest a single run may take before it is reported as failed
 * @since 0.1.0
 */
record BenchConfig(int tells, int tellEntities, int asks, int asksAtOne, List<Integer> concurrency, int warmupTells,
		int warmupAsks, int warmupAsksAtOne, int warmupPasses, Duration jitQuietLimit, Duration askTimeout, Duration runTimeout) {

	static final BenchConfig DEFAULT = new BenchConfig(200_000, 64, 100_000, 10_000, List.of(1, 16, 64, 256), 100_000,
			50_000, 0, 1, Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(120));

	/**
	 * Counts of the {@code compare} mode: real Casty nodes take a few thousand messages a second.
	 * 5,000 asks at 1 in flight, so that a run's p99 there is its fiftieth slowest ask, not its tenth.
	 * The warm-up runs the measured sequence twice, with 5,000 asks at each level, so that the
	 * JIT does not compile while a run is measured on a machine whose cores the nodes share.
	 */
	static final BenchConfig COMPARE = new BenchConfig(20_000, 64, 5_000, 5_000, List.of(1, 16, 64), 20_000, 5_000,
			5_000, 2, Duration.ofSeconds(20), Duration.ofSeconds(10), Duration.ofSeconds(120));

	/** Tiny counts for smoke tests. */
	static final BenchConfig QUICK = new BenchConfig(2_000, 8, 1_000, 200, List.of(1, 16), 500, 500, 0, 1,
			Duration.ZERO, Duration.ofSeconds(5), Duration.ofSeconds(30));

	int asksAt(int inFlight) {
		return (inFlight == 1) ? Math.min(this.asks, this.asksAtOne) : this.asks;
	}

}
