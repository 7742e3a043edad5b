package io.casty.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import io.casty.client.CastyClient;
import io.casty.client.CastyException;
import io.casty.client.ClusterUnavailableException;
import io.casty.client.topology.TopologyView;

/**
 * One connected client for the length of a command: started with the command's
 * {@link ClusterOptions}, waiting for the first topology with a progress line, closed at
 * the end.
 *
 * @since 0.1.0
 */
final class ClusterSession implements AutoCloseable {

	private final CastyClient client;

	private final ClusterOptions options;

	private final PrintWriter err;

	private final boolean terminal;

	private ClusterSession(CastyClient client, ClusterOptions options, PrintWriter err, boolean terminal) {
		this.client = client;
		this.options = options;
		this.err = err;
		this.terminal = terminal;
	}

	/**
	 * Starts a client and waits for the topology.
	 * @param options how to reach the cluster
	 * @param io where to report progress
	 * @return the session
	 * @throws CliException (unavailable) if no topology arrived within the timeout
	 */
	static ClusterSession open(ClusterOptions options, CliIo io) {
		CastyClient client;
		try {
			client = CastyClient.start(options.clientOptions().build());
		}
		catch (IllegalArgumentException ex) {
			throw new CliException(ExitCodes.USAGE, ex.getMessage());
		}
		ClusterSession session = new ClusterSession(client, options, io.err(), io.terminal());
		try (Progress progress = session.progress("waiting for the topology from " + String.join(", ", options.contacts))) {
			client.awaitTopology(options.timeout);
		}
		catch (ClusterUnavailableException ex) {
			client.close();
			throw new CliException(ExitCodes.UNAVAILABLE, ex.getMessage() + " (check --contact and --system, currently '"
					+ options.system + "')");
		}
		catch (CastyException ex) {
			client.close();
			throw ex;
		}
		return session;
	}

	CastyClient client() {
		return this.client;
	}

	TopologyView topology() {
		return this.client.topology().current();
	}

	Duration timeout() {
		return this.options.timeout;
	}

	Progress progress(String what) {
		return new Progress(this.err, what, this.terminal);
	}

	/**
	 * Waits until a condition holds, with a progress line.
	 * @param what what is waited for
	 * @param condition the condition
	 * @param timeout how long at most
	 * @return whether it held in time
	 */
	boolean await(String what, BooleanSupplier condition, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		try (Progress progress = progress(what)) {
			while (!condition.getAsBoolean()) {
				if (System.nanoTime() > deadline) {
					return false;
				}
				try {
					Thread.sleep(10);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return false;
				}
			}
			return true;
		}
	}

	@Override
	public void close() {
		this.client.close();
	}

}
