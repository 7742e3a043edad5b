package io.casty.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits after a warm-up until this JVM's JIT compilers have gone quiet, so that a measured
 * run does not share the machine's cores with them: on two cores that Casty's nodes share
 * with the client, a compiler thread at work delays the nodes' answers, which shows as the
 * client's tail latency.
 *
 * @since 0.1.0
 */
final class JitQuiet {

	/** The window over which the compilers must stay (almost) idle. */
	static final Duration WINDOW = Duration.ofSeconds(1);

	/** Compilation time allowed within {@link #WINDOW}: C2 still compiles now and then. */
	static final long QUIET_MS = 10;

	private static final long POLL_NANOS = Duration.ofMillis(100).toNanos();

	private JitQuiet() {
	}

	/**
	 * Waits until the compilers spent at most {@link #QUIET_MS} over the last
	 * {@link #WINDOW}, or until {@code limit} has passed.
	 * @param limit the longest wait
	 * @return {@code waited_ms}, {@code compile_ms} (compilation time during the wait) and
	 *         {@code quiet} (false if the limit ended it, or the JVM does not report
	 *         compilation time)
	 */
	static Map<String, Object> await(Duration limit) {
		Map<String, Object> out = new LinkedHashMap<>();
		CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
		if (compiler == null || !compiler.isCompilationTimeMonitoringSupported()) {
			out.put("quiet", false);
			return out;
		}
		long start = System.nanoTime();
		long deadline = start + limit.toNanos();
		long startCompileMs = compiler.getTotalCompilationTime();
		int slots = (int) (WINDOW.toNanos() / POLL_NANOS);
		long[] window = new long[slots + 1];
		int samples = 0;
		boolean quiet = false;
		while (true) {
			long now = compiler.getTotalCompilationTime();
			window[samples % window.length] = now;
			samples++;
			if (samples > slots && now - window[samples % window.length] <= QUIET_MS) {
				quiet = true;
				break;
			}
			if (System.nanoTime() >= deadline) {
				break;
			}
			LockSupport.parkNanos(POLL_NANOS);
		}
		out.put("waited_ms", ThreadUsage.round((System.nanoTime() - start) / 1e6));
		out.put("compile_ms", compiler.getTotalCompilationTime() - startCompileMs);
		out.put("quiet", quiet);
		return out;
	}

}
