package io.casty.spring.boot.autoconfigure;

import io.casty.client.CastyClient;

import org.springframework.context.SmartLifecycle;

/**
 * Starts the {@link CastyClient} with the application context and closes it when the context
 * stops. It runs in {@link #PHASE}, below the web server's phases, so the client is
 * connected before the server takes requests and closes only after the server's graceful
 * shutdown has drained in-flight requests (which may still ask entities).
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
		this.client.close();
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
