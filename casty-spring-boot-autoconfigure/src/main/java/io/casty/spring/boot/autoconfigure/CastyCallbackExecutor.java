package io.casty.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.casty.client.CastyClientOptions;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * The executor on which the futures of the client's asks complete, and so where callbacks
 * chained on them run ({@link CastyClientOptions#callbackExecutor()}), with its life tied to
 * the application context. Defined from {@code casty.client.callback-executor}; define a bean
 * of this type to use an executor of your own. Not itself an {@link Executor}, so that it
 * does not stand in for the application's task executor.
 *
 * @since 0.1.0
 */
public final class CastyCallbackExecutor implements DisposableBean {

	/** Prefix of the names of the threads this class creates. */
	public static final String THREAD_NAME_PREFIX = "casty-callback-";

	private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);

	private final Executor executor;

	private final @Nullable ExecutorService owned;

	private final String description;

	private CastyCallbackExecutor(Executor executor, @Nullable ExecutorService owned, String description) {
		this.executor = executor;
		this.owned = owned;
		this.description = description;
	}

	/**
	 * Completes futures on the client's I/O or timer threads: callbacks must be fast and
	 * never block.
	 * @return the executor
	 */
	public static CastyCallbackExecutor ioThread() {
		return new CastyCallbackExecutor(CastyClientOptions.DEFAULT_CALLBACK_EXECUTOR, null, "io-thread");
	}

	/**
	 * Completes futures on a pool of at most {@code size} threads, shut down with the
	 * context. Its queue needs no bound of its own: it never holds more tasks than asks in
	 * flight, which {@code casty.client.max-pending-asks} bounds.
	 * @param size the number of threads, at least 1
	 * @return the executor
	 */
	public static CastyCallbackExecutor pool(int size) {
		if (size < 1) {
			throw new IllegalArgumentException("The pool size must be at least 1, was " + size);
		}
		AtomicInteger count = new AtomicInteger();
		ThreadFactory threads = (task) -> {
			Thread thread = new Thread(task, THREAD_NAME_PREFIX + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
		ThreadPoolExecutor pool = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				threads);
		pool.allowCoreThreadTimeOut(true);
		return new CastyCallbackExecutor(pool, pool, "pool of " + size);
	}

	/**
	 * Completes every future on a virtual thread of its own (Java 21 or later).
	 * @return the executor
	 * @throws UnsupportedOperationException on a JVM without virtual threads
	 */
	public static CastyCallbackExecutor virtualThreads() {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor(THREAD_NAME_PREFIX);
		executor.setVirtualThreads(true);
		return new CastyCallbackExecutor(executor, null, "virtual threads");
	}

	/**
	 * Uses an executor whose life the caller manages.
	 * @param executor the executor
	 * @return the executor
	 */
	public static CastyCallbackExecutor of(Executor executor) {
		return new CastyCallbackExecutor(executor, null, executor.toString());
	}

	/**
	 * The executor handed to {@link CastyClientOptions.Builder#callbackExecutor(Executor)}.
	 * @return the executor
	 */
	public Executor executor() {
		return this.executor;
	}

	/**
	 * Shuts down a pool this class created, letting queued completions run first.
	 */
	@Override
	public void destroy() throws InterruptedException {
		ExecutorService pool = this.owned;
		if (pool != null) {
			pool.shutdown();
			pool.awaitTermination(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public String toString() {
		return "CastyCallbackExecutor[" + this.description + "]";
	}

}
