package io.casty.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.casty.client.NodeAddress;

/**
 * A real Casty cluster of {@code casty_bench} nodes, one Python process each, on loopback
 * ports: started fresh for each compared run, stopped with SIGTERM (then killed).
 *
 * @since 0.1.0
 */
final class PythonCluster implements AutoCloseable {

	private static final String PACKAGE = "python/";

	/** The files the jar carries under {@code python/} (from {@code src/main/python}). */
	private static final List<String> FILES = List.of("casty_bench/__init__.py", "casty_bench/__main__.py",
			"client_bench.py");

	private final List<Process> processes = new ArrayList<>();

	private final List<NodeAddress> contacts = new ArrayList<>();

	private final Path logDir;

	private PythonCluster(Path logDir) {
		this.logDir = logDir;
	}

	/**
	 * Copies the Python benchmark files out of the jar.
	 * @return the directory holding {@code casty_bench/} and {@code client_bench.py}
	 */
	static Path extractScripts() {
		try {
			Path dir = Files.createTempDirectory("casty-bench-python");
			for (String file : FILES) {
				try (InputStream in = PythonCluster.class.getClassLoader().getResourceAsStream(PACKAGE + file)) {
					if (in == null) {
						throw new IllegalStateException("The jar lacks " + PACKAGE + file + "; rebuild the benchmarks module");
					}
					Path target = dir.resolve(file);
					Files.createDirectories(target.getParent());
					Files.copy(in, target);
				}
			}
			return dir;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Starts the nodes and waits until each printed its ready line (all members up).
	 * @param scripts the extracted scripts
	 * @param python the Python command
	 * @param castySrc a Casty v0.21.0 checkout (the directory holding {@code src/casty})
	 * @param nodes the number of nodes
	 * @param system the cluster name
	 * @param timeout how long to wait for the cluster
	 * @return the running cluster
	 */
	static PythonCluster start(Path scripts, String python, String castySrc, int nodes, String system,
			Duration timeout) {
		PythonCluster cluster;
		try {
			cluster = new PythonCluster(Files.createTempDirectory("casty-bench-nodes"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		try {
			int[] ports = freePorts(nodes);
			CountDownLatch ready = new CountDownLatch(nodes);
			for (int i = 0; i < nodes; i++) {
				List<String> command = new ArrayList<>(List.of(python, "-m", "casty_bench", "--host", "127.0.0.1",
						"--port", Integer.toString(ports[i]), "--seed", "127.0.0.1:" + ports[0], "--system", system,
						"--node-id", "bench-" + (i + 1), "--wait-for", Integer.toString(nodes)));
				ProcessBuilder builder = new ProcessBuilder(command).directory(scripts.toFile())
					.redirectError(cluster.logDir.resolve("node-" + (i + 1) + ".log").toFile());
				builder.environment().put("CASTY_SRC", castySrc);
				Process process = builder.start();
				cluster.processes.add(process);
				cluster.contacts.add(new NodeAddress("127.0.0.1", ports[i]));
				Thread reader = new Thread(() -> awaitReady(process, ready), "casty-bench-node-" + (i + 1));
				reader.setDaemon(true);
				reader.start();
			}
			if (!ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new IllegalStateException("The Casty nodes were not ready within " + timeout.toSeconds()
						+ " s; their logs are in " + cluster.logDir);
			}
			for (Process process : cluster.processes) {
				if (!process.isAlive()) {
					throw new IllegalStateException("A Casty node exited (status " + process.exitValue()
							+ "); its log is in " + cluster.logDir);
				}
			}
			return cluster;
		}
		catch (IOException | RuntimeException ex) {
			cluster.close();
			throw (ex instanceof RuntimeException re) ? re : new UncheckedIOException((IOException) ex);
		}
		catch (InterruptedException ex) {
			cluster.close();
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while starting the Casty nodes", ex);
		}
	}

	private static void awaitReady(Process process, CountDownLatch ready) {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				if (line.startsWith("CASTY-BENCH READY")) {
					ready.countDown();
				}
			}
		}
		catch (IOException ex) {
			// the process ended; start() notices
		}
	}

	private static int[] freePorts(int count) throws IOException {
		List<ServerSocket> sockets = new ArrayList<>();
		try {
			int[] ports = new int[count];
			for (int i = 0; i < count; i++) {
				ServerSocket socket = new ServerSocket(0);
				sockets.add(socket);
				ports[i] = socket.getLocalPort();
			}
			return ports;
		}
		finally {
			for (ServerSocket socket : sockets) {
				socket.close();
			}
		}
	}

	/**
	 * How many times the nodes logged that Casty's failure detector marked a member
	 * unreachable ({@code Node unreachable ... phi=}); on one machine that means the nodes
	 * stalled, and figures measured meanwhile are disturbed.
	 * @return the count so far
	 */
	int unreachableWarnings() {
		int count = 0;
		try (var logs = Files.list(this.logDir)) {
			for (Path log : logs.filter((f) -> f.getFileName().toString().startsWith("node-")).toList()) {
				for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
					if (line.contains("Node unreachable")) {
						count++;
					}
				}
			}
		}
		catch (IOException | UncheckedIOException ex) {
			return -1;
		}
		return count;
	}

	List<NodeAddress> contacts() {
		return List.copyOf(this.contacts);
	}

	Path logDir() {
		return this.logDir;
	}

	/**
	 * CPU the nodes used so far (Linux {@code /proc}; -1 elsewhere).
	 * @return milliseconds
	 */
	long cpuMillis() {
		long ticks = 0;
		for (Process process : this.processes) {
			try {
				String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
				String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
				ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
			}
			catch (IOException | RuntimeException ex) {
				return -1;
			}
		}
		return ticks * 10; // USER_HZ is 100 on Linux
	}

	/**
	 * Runs Casty's Python {@code ClusterClient} benchmark ({@code client_bench.py}) against
	 * this cluster.
	 * @param scripts the extracted scripts
	 * @param python the Python command
	 * @param castySrc the Casty checkout
	 * @param system the cluster name
	 * @param config the counts
	 * @return the script's JSON result
	 */
	Map<String, Object> runPythonClient(Path scripts, String python, String castySrc, String system,
			BenchConfig config) {
		List<String> command = new ArrayList<>(List.of(python, "client_bench.py", "--system", system, "--tells",
				Integer.toString(config.tells()), "--tell-entities", Integer.toString(config.tellEntities()), "--asks",
				Integer.toString(config.asks()), "--asks-at-one", Integer.toString(config.asksAtOne()), "--concurrency",
				String.join(",", config.concurrency().stream().map(String::valueOf).toList()), "--timeout",
				Double.toString(config.askTimeout().toMillis() / 1000.0)));
		for (NodeAddress contact : this.contacts) {
			command.add("--contact");
			command.add(contact.toString());
		}
		long stamp = System.nanoTime();
		Path log = this.logDir.resolve("client_bench-" + stamp + ".log");
		Path json = this.logDir.resolve("client_bench-" + stamp + ".json");
		try {
			ProcessBuilder builder = new ProcessBuilder(command).directory(scripts.toFile())
				.redirectError(log.toFile())
				.redirectOutput(json.toFile());
			builder.environment().put("CASTY_SRC", castySrc);
			Process process = builder.start();
			process.getOutputStream().close();
			long limit = config.runTimeout().toSeconds() * (2 + config.concurrency().size());
			if (!process.waitFor(limit, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("client_bench.py did not finish within " + limit + " s");
			}
			String out = Files.readString(json, StandardCharsets.UTF_8).trim();
			String last = out.substring(out.lastIndexOf('\n') + 1);
			@SuppressWarnings("unchecked")
			Map<String, Object> result = BenchMain.JSON.readValue(last, Map.class);
			return result;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Running client_bench.py failed; see " + log, ex);
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("client_bench.py gave no result (" + ex.getMessage() + "); see " + log, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running client_bench.py", ex);
		}
	}

	/**
	 * Stops every node: SIGTERM, then a kill after 5 seconds.
	 */
	@Override
	public void close() {
		for (Process process : this.processes) {
			process.destroy();
		}
		for (Process process : this.processes) {
			try {
				if (!process.waitFor(5, TimeUnit.SECONDS)) {
					process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				process.destroyForcibly();
				Thread.currentThread().interrupt();
			}
		}
	}

}
