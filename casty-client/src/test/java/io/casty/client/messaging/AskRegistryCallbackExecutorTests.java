package io.casty.client.messaging;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import io.casty.client.CastyClientListener;
import io.casty.client.CastyTimeoutException;
import io.casty.client.protocol.CastyPaths;
import io.casty.client.protocol.codec.MessageCodec;
import io.casty.client.protocol.codec.MessageTypeRegistry;
import io.casty.client.transport.ClientIdentity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ask futures complete on the callback executor, so callbacks chained on them run there.
 */
class AskRegistryCallbackExecutorTests {

	private final MessageCodec codec = new MessageCodec(MessageTypeRegistry.withProtocolTypes());

	private final ExecutorService callbacks = Executors.newSingleThreadExecutor((r) -> new Thread(r, "callbacks"));

	private final AskRegistry asks = new AskRegistry(this.codec, CastyClientListener.NONE, 100, this.callbacks);

	@AfterEach
	void close() {
		this.asks.close();
		this.callbacks.shutdownNow();
	}

	@Test
	void whenAReplyArrivesThenChainedCallbacksRunOnTheCallbackExecutor() {
		this.asks.start(List.of(new ClientIdentity("127.0.0.1", 1, "test")));
		PendingAsk ask = this.asks.register(Integer.class, "t", "ask", Duration.ofSeconds(30));
		CompletableFuture<String> thread = ask.future().thenApply((reply) -> Thread.currentThread().getName());
		this.asks.reply(idOf(ask), this.codec.encode(5));
		assertThat(ask.hasEnded()).as("ended at once, whatever the executor does").isTrue();
		assertThat(thread).succeedsWithin(Duration.ofSeconds(10)).isEqualTo("callbacks");
		assertThat(ask.future()).isCompletedWithValue(5);
	}

	@Test
	void theAsksFutureIsDoneOnlyOnceTheCallbackExecutorCompletedIt() throws Exception {
		this.asks.start(List.of(new ClientIdentity("127.0.0.1", 1, "test")));
		PendingAsk ask = this.asks.register(Integer.class, "t", "ask", Duration.ofSeconds(30));
		java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
		this.callbacks.execute(() -> {
			try {
				release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		this.asks.reply(idOf(ask), this.codec.encode(5));
		assertThat(ask.hasEnded()).isTrue();
		assertThat(ask.future().isDone()).as("the executor has not run the completion yet").isFalse();
		release.countDown();
		assertThat(ask.future()).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(5);
		assertThat(ask.future().thenApply((reply) -> reply)).isNotInstanceOf(PendingAsk.class);
	}

	@Test
	void whenAnAskTimesOutThenItsFutureFailsOnTheCallbackExecutor() {
		this.asks.start(List.of(new ClientIdentity("127.0.0.1", 1, "test")));
		PendingAsk ask = this.asks.register(Integer.class, "t", "ask", Duration.ofMillis(30));
		CompletableFuture<String> thread = ask.future()
			.handle((reply, failure) -> (failure != null) ? Thread.currentThread().getName() : "no failure");
		assertThat(thread).succeedsWithin(Duration.ofSeconds(10)).isEqualTo("callbacks");
		assertThat(ask.future()).failsWithin(Duration.ZERO)
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(CastyTimeoutException.class);
	}

	@Test
	void whenTheExecutorRejectsThenTheFutureCompletesInPlace() {
		AskRegistry rejecting = new AskRegistry(this.codec, CastyClientListener.NONE, 100, (task) -> {
			throw new RejectedExecutionException("shut down");
		});
		try {
			rejecting.start(List.of(new ClientIdentity("127.0.0.1", 1, "test")));
			PendingAsk ask = rejecting.register(Integer.class, "t", "ask", Duration.ofSeconds(30));
			rejecting.reply(idOf(ask), this.codec.encode(7));
			assertThat(ask.future()).isCompletedWithValue(7);
		}
		finally {
			rejecting.close();
		}
	}

	private static String idOf(PendingAsk ask) {
		return ask.replyTo().address().path().substring(CastyPaths.ASK_PREFIX.length());
	}

}
