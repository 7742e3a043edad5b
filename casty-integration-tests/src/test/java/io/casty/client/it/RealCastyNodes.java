package io.casty.client.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts real Casty v0.21.0 nodes of the sample's {@code casty_sample} module for the opt-in
 * interop tests, run by the Python in {@code CASTY_PYTHON} (default {@code python3}); the module
 * finds Casty's sources through {@code CASTY_SRC}.
 */
final class RealCastyNodes {

	private static final Path PYTHON_SOURCES = Path.of("..", "sample-app", "src", "main", "python")
		.toAbsolutePath()
		.normalize();

	private RealCastyNodes() {
	}

	/** Ports free at the time of the call, for nodes to bind. */
	static List<Integer> freePorts(int count) throws IOException {
		List<Integer> ports = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			try (ServerSocket socket = new ServerSocket(0)) {
				ports.add(socket.getLocalPort());
			}
		}
		return ports;
	}

	/**
	 * Starts one node per port, the first as the seed, and waits until every node is up.
	 * @param serviceNode index of the node that hosts the payment service, or -1 for none
	 * @return the node processes, in port order
	 */
	static List<Process> start(String system, List<Integer> ports, int serviceNode, boolean echo) throws Exception {
		List<Process> nodes = new ArrayList<>();
		LinkedBlockingQueue<String> ready = new LinkedBlockingQueue<>();
		for (int i = 0; i < ports.size(); i++) {
			List<String> command = new ArrayList<>(List.of(System.getenv().getOrDefault("CASTY_PYTHON", "python3"),
					"-m", "casty_sample", "--host", "127.0.0.1", "--port", String.valueOf(ports.get(i)), "--seed",
					"127.0.0.1:" + ports.get(0), "--system", system, "--node-id", "node-" + (i + 1), "--wait-for",
					String.valueOf(ports.size())));
			if (i == serviceNode) {
				command.add("--service");
			}
			ProcessBuilder builder = new ProcessBuilder(command).directory(PYTHON_SOURCES.toFile())
				.redirectErrorStream(true);
			builder.environment().put("PYTHONPATH", PYTHON_SOURCES.toString());
			Process process = builder.start();
			nodes.add(process);
			Thread reader = new Thread(() -> pump(process, ready, echo), "casty-" + system + "-node-" + i + "-output");
			reader.setDaemon(true);
			reader.start();
			if (i == 0) {
				Thread.sleep(1500); // joiners that dial a seed not yet listening are blacklisted for 5 s
			}
		}
		for (int i = 0; i < ports.size(); i++) {
			assertThat(ready.poll(60, TimeUnit.SECONDS)).as("node ready line").isNotNull();
		}
		return nodes;
	}

	private static void pump(Process process, LinkedBlockingQueue<String> ready, boolean echo) {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				if (line.startsWith("CASTY-SAMPLE READY")) {
					ready.add(line);
				}
				else if (echo && !line.isBlank()) {
					System.out.println("[casty] " + line);
				}
			}
		}
		catch (IOException ex) {
			// the process ended
		}
	}

}
