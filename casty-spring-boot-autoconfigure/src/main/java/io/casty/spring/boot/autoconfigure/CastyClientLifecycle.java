package io.casty.spring.boot.autoconfigure;

import io.casty.client.CastyClient;

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

	private final CastyClient client;

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
		}
	}

	@Override
	public void stop() {
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
