package io.casty.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.casty.client.CastyClient;
import io.casty.client.CastyClientOptions;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Starts the {@link CastyClient} with the application context and {@link CastyClient#stop()
 * stops} it when the context stops: connections, the topology subscription and the client's
 * threads are released, and a later start (a cached test context the test framework paused
 * and restarts, {@code context.stop()}/{@code start()}, a CRaC checkpoint and restore)
 * connects and subscribes again. The client is closed for good only with the context, by its
 * bean's destroy method. It runs in {@link #PHASE}, below the web server's phases, so the
 * client is connected before the server takes requests and stops only after the server's
 * graceful shutdown has drained in-flight requests (which may still ask entities).
 * <p>
 * When no topology snapshot arrived within the topology timeout of a start, it logs one
 * warning naming the contact points and the system name (the usual culprits); the client
 * keeps trying.
 *
 * @since 0.1.0
 */
public class CastyClientLifecycle implements SmartLifecycle {

	/**
	 * The phase: 1024 below the web server's start/stop phase
	 * ({@code SmartLifecycle.DEFAULT_PHASE - 2048}), itself below its graceful shutdown
	 * ({@code DEFAULT_PHASE - 1024}).
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 3072;

	private static final Log logger = LogFactory.getLog(CastyClientLifecycle.class);

	private final CastyClient client;

	/** Counts starts, so that the topology check of an earlier start stays silent. */
	private final AtomicLong starts = new AtomicLong();

	/**
	 * Creates a lifecycle for a client that is not started yet.
	 * @param client the client
	 */
	public CastyClientLifecycle(CastyClient client) {
		this.client = client;
	}

	@Override
	public void start() {
		if (!this.client.isRunning()) {
			this.client.start();
			long start = this.starts.incrementAndGet();
			Duration timeout = this.client.options().topology().timeout();
			CompletableFuture.delayedExecutor(timeout.toNanos(), TimeUnit.NANOSECONDS)
				.execute(() -> warnIfNoTopology(start, timeout));
		}
	}

	private void warnIfNoTopology(long start, Duration timeout) {
		if (this.starts.get() != start || !this.client.isRunning() || !this.client.topology().current().isEmpty()) {
			return;
		}
		CastyClientOptions options = this.client.options();
		logger.warn("No topology snapshot arrived from the Casty contact points " + options.contactPoints()
				+ " within " + timeout.toMillis() + " ms (casty.client.topology.timeout) of start-up; entity messages wait "
				+ "in bounded buffers until one arrives. Check casty.client.contact-points (host:port of running nodes) and "
				+ "casty.client.system-name ('" + options.systemName() + "', which the nodes must share). "
				+ "The client keeps trying.");
	}

	@Override
	public void stop() {
		this.starts.incrementAndGet();
		this.client.stop();
	}

	@Override
	public boolean isRunning() {
		return this.client.isRunning();
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
