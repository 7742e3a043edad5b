package io.casty.client.messaging;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.casty.client.CastyClientListener;
import io.casty.client.CastyTimeoutException;
import io.casty.client.protocol.CastyPaths;
import io.casty.client.protocol.codec.MessageCodec;
import io.casty.client.protocol.codec.MessageTypeRegistry;
import io.casty.client.transport.ClientIdentity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An ask that asked for late replies hands one arriving after its timeout to its handler;
 * others are only counted.
 */
class AskRegistryLateReplyTests {

	private final MessageCodec codec = new MessageCodec(MessageTypeRegistry.withProtocolTypes());

	private final AskRegistry asks = new AskRegistry(this.codec, CastyClientListener.NONE, 100);

	@AfterEach
	void close() {
		this.asks.close();
	}

	@Test
	void lateReplyAfterTimeoutGoesToTheHandlerOnce() {
		this.asks.start(List.of(new ClientIdentity("127.0.0.1", 1, "test")));
		List<Object> late = new CopyOnWriteArrayList<>();
		PendingAsk ask = this.asks.register(Integer.class, "t", "ask", Duration.ofMillis(30));
		ask.onLateReply(late::add);
		await().atMost(Duration.ofSeconds(5)).until(ask::isDone);
		assertThat(ask.future()).failsWithin(Duration.ZERO)
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(CastyTimeoutException.class);
		assertThat(this.asks.orphans()).isEqualTo(1);

		String id = ask.replyTo().address().path().substring(CastyPaths.ASK_PREFIX.length());
		this.asks.reply(id, this.codec.encode(5));
		this.asks.reply(id, this.codec.encode(6));
		assertThat(late).containsExactly(5);
		assertThat(this.asks.orphans()).isZero();
	}

	@Test
	void askWithoutHandlerLeavesNoOrphan() {
		this.asks.start(List.of(new ClientIdentity("127.0.0.1", 1, "test")));
		PendingAsk ask = this.asks.register(Integer.class, "t", "ask", Duration.ofMillis(30));
		await().atMost(Duration.ofSeconds(5)).until(ask::isDone);
		assertThat(this.asks.orphans()).isZero();
	}

	@Test
	void closingForgetsOrphans() {
		this.asks.start(List.of(new ClientIdentity("127.0.0.1", 1, "test")));
		PendingAsk ask = this.asks.register(Integer.class, "t", "ask", Duration.ofMillis(30));
		ask.onLateReply((v) -> {
		});
		await().atMost(Duration.ofSeconds(5)).until(ask::isDone);
		this.asks.close();
		assertThat(this.asks.orphans()).isZero();
	}

}
