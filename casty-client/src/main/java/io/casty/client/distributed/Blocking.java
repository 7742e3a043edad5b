package io.casty.client.distributed;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import io.casty.client.CastyException;

/**
 * Waits for a structure's future in the blocking helpers, rethrowing its typed exception.
 */
final class Blocking {

	private Blocking() {
	}

	static <T> T await(CompletableFuture<T> future) {
		try {
			return future.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CastyException("Interrupted while waiting for a distributed structure", ex);
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new CastyException("A distributed structure's request failed: " + cause, cause);
		}
	}

}
