package io.casty.bench;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * CPU time and allocated bytes of the JVM's threads, grouped by role, between two
 * snapshots. Threads are attributed by name: the client's ({@code casty-client*}, plus the
 * benchmark's calling threads, or the raw echo's client {@code raw-echo-client*}), the
 * server side's (test cluster nodes {@code casty-test*}, or the raw echo server
 * {@code raw-echo-server*}) and everything else (JIT, GC, ...). Threads that end between the
 * snapshots are lost, which the benchmark avoids by keeping its threads alive.
 *
 * @since 0.1.0
 */
final class ThreadUsage {

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private static final com.sun.management.OperatingSystemMXBean OS = (com.sun.management.OperatingSystemMXBean) ManagementFactory
		.getOperatingSystemMXBean();

	static {
		if (THREADS.isThreadCpuTimeSupported() && !THREADS.isThreadCpuTimeEnabled()) {
			THREADS.setThreadCpuTimeEnabled(true);
		}
		if (THREADS.isThreadAllocatedMemorySupported() && !THREADS.isThreadAllocatedMemoryEnabled()) {
			THREADS.setThreadAllocatedMemoryEnabled(true);
		}
	}

	/** Roles threads are grouped by. */
	enum Role {

		CLIENT, SERVER, OTHER

	}

	private final Map<Long, Role> roles = new HashMap<>();

	private final Map<Long, String> names = new HashMap<>();

	private final Map<Long, long[]> values = new HashMap<>();

	private final long processCpuNanos;

	private final long wallNanos;

	private ThreadUsage(Set<Long> callers) {
		this.wallNanos = System.nanoTime();
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			long id = thread.getId();
			this.roles.put(id, roleOf(thread.getName(), callers.contains(id)));
			this.names.put(id, thread.getName());
			this.values.put(id, new long[] { THREADS.getThreadCpuTime(id), THREADS.getThreadAllocatedBytes(id) });
		}
		this.processCpuNanos = OS.getProcessCpuTime();
	}

	/**
	 * Takes a snapshot.
	 * @param callers ids of the benchmark threads that call the client
	 * @return the snapshot
	 */
	static ThreadUsage snapshot(Set<Long> callers) {
		return new ThreadUsage(callers);
	}

	private static Role roleOf(String name, boolean caller) {
		if (caller || name.startsWith("casty-client") || name.startsWith("raw-echo-client")) {
			return Role.CLIENT;
		}
		if (name.startsWith("casty-test") || name.startsWith("raw-echo-server")) {
			return Role.SERVER;
		}
		return Role.OTHER;
	}

	/**
	 * The usage from this snapshot to a later one.
	 * @param later the later snapshot
	 * @param messages the messages sent in between, for per-message figures
	 * @return CPU milliseconds, allocated bytes and per-message figures, by role
	 */
	Map<String, Object> until(ThreadUsage later, long messages) {
		long[] cpu = new long[Role.values().length];
		long[] alloc = new long[Role.values().length];
		Map<String, Object> clientThreads = new java.util.TreeMap<>();
		for (Map.Entry<Long, long[]> entry : later.values.entrySet()) {
			long[] before = this.values.getOrDefault(entry.getKey(), new long[] { 0, 0 });
			Role role = later.roles.get(entry.getKey());
			long[] after = entry.getValue();
			if (after[0] >= 0 && before[0] >= 0) {
				cpu[role.ordinal()] += after[0] - before[0];
				if (role == Role.CLIENT && after[0] > before[0]) {
					clientThreads.merge(later.names.get(entry.getKey()), round((after[0] - before[0]) / 1e6),
							(a, b) -> round((Double) a + (Double) b));
				}
			}
			if (after[1] >= 0 && before[1] >= 0) {
				alloc[role.ordinal()] += after[1] - before[1];
			}
		}
		double wallMs = (later.wallNanos - this.wallNanos) / 1e6;
		double processMs = (later.processCpuNanos - this.processCpuNanos) / 1e6;
		long allThreadsAlloc = 0;
		for (long a : alloc) {
			allThreadsAlloc += a;
		}
		Map<String, Object> out = new LinkedHashMap<>();
		double clientMs = cpu[Role.CLIENT.ordinal()] / 1e6;
		out.put("client_cpu_ms", round(clientMs));
		out.put("client_cpu_ms_per_1000", round(clientMs * 1000 / Math.max(1, messages)));
		out.put("client_alloc_bytes_per_msg", round((double) alloc[Role.CLIENT.ordinal()] / Math.max(1, messages)));
		out.put("all_threads_alloc_bytes_per_msg", round((double) allThreadsAlloc / Math.max(1, messages)));
		out.put("server_cpu_ms", round(cpu[Role.SERVER.ordinal()] / 1e6));
		out.put("server_cpu_ms_per_1000", round(cpu[Role.SERVER.ordinal()] / 1e3 / Math.max(1, messages)));
		out.put("other_cpu_ms", round(cpu[Role.OTHER.ordinal()] / 1e6));
		out.put("process_cpu_ms", round(processMs));
		out.put("wall_ms", round(wallMs));
		out.put("process_cpu_cores", round(processMs / Math.max(1e-9, wallMs)));
		out.put("client_cpu_ms_by_thread", clientThreads);
		return out;
	}

	static double round(double value) {
		return Math.round(value * 1000) / 1000.0;
	}

}
