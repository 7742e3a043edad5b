package io.casty.client.it;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.casty.client.ActorRef;
import io.casty.client.CastyClient;
import io.casty.client.CastyMessage;
import io.casty.client.CastyTimeoutException;
import io.casty.client.ServiceKey;
import io.casty.client.actors.ActorOptions;
import io.casty.client.actors.HostedActor;
import io.casty.client.actors.MailboxOverflow;
import io.casty.client.streams.StreamMessages;
import io.casty.testkit.CastyTestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.BaseSubscriber;
import org.reactivestreams.Subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Actors hosted by the client receiving from nodes, and Casty streams consumed as Fluxes,
 * against a test cluster whose service speaks Casty's stream protocol.
 */
class ClientActorsIntegrationTests {

	@CastyMessage("it.messages.Ping")
	record Ping(ActorRef<String> to, int count) {
	}

	/** What the test producer saw, in order. */
	private static final List<Object> producerLog = new CopyOnWriteArrayList<>();

	private static CastyTestCluster cluster;

	private static CastyClient client;

	@BeforeAll
	static void start() {
		cluster = Counters.cluster(3)
			.messageTypes(Ping.class, StreamMessages.class)
			.service("pinger", "/pinger", 1, (ctx, message) -> {
				if (message instanceof Ping ping) {
					for (int i = 0; i < ping.count(); i++) {
						ctx.tell(ping.to(), "ping-" + i);
					}
				}
			})
			.service("numbers", "/numbers", 2, new NumbersProducer(5))
			.start();
		client = Counters.client(cluster);
		client.messageTypes().register(Ping.class);
	}

	@AfterAll
	static void stop() {
		client.close();
		cluster.close();
	}

	/** A node-side stream producer of 1..count, as Casty's stream_producer behaves. */
	static final class NumbersProducer implements io.casty.testkit.ServiceBehavior {

		private final int count;

		private ActorRef<?> consumer;

		private int next = 1;

		NumbersProducer(int count) {
			this.count = count;
		}

		@Override
		public void onMessage(io.casty.testkit.ServiceContext ctx, Object message) {
			producerLog.add(message);
			if (message instanceof StreamMessages.Subscribe subscribe) {
				this.consumer = subscribe.consumer();
				this.next = 1;
			}
			else if (message instanceof StreamMessages.StreamDemand demand && this.consumer != null) {
				for (long i = 0; i < demand.n() && this.next <= this.count; i++) {
					ctx.tell(this.consumer, new StreamMessages.StreamElement(this.next++));
				}
				if (this.next > this.count) {
					ctx.tell(this.consumer, new StreamMessages.StreamCompleted());
					this.consumer = null;
				}
			}
			else if (message instanceof StreamMessages.StreamCancel) {
				this.consumer = null;
			}
		}

	}

	private static ActorRef<Object> service(String key) {
		ServiceKey<Object> serviceKey = ServiceKey.of(key, Object.class);
		await().atMost(Duration.ofSeconds(5)).until(() -> !client.services().lookup(serviceKey).isEmpty());
		return client.services().lookup(serviceKey).first().orElseThrow();
	}

	@Test
	void spawnedActorReceivesFromANodeOneMessageAtATime() {
		List<String> received = new CopyOnWriteArrayList<>();
		AtomicInteger inside = new AtomicInteger();
		AtomicInteger maxInside = new AtomicInteger();
		ActorRef<String> inbox = client.spawn("inbox", String.class, (ctx, message) -> {
			maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
			try {
				received.add(message);
				if (message.equals("ping-3")) {
					throw new IllegalStateException("boom");
				}
			}
			finally {
				inside.decrementAndGet();
			}
		});
		assertThat(inbox.address().host()).isEqualTo(client.clientIdentity().host());
		assertThat(inbox.address().port()).isEqualTo(client.clientIdentity().port());
		assertThat(inbox.address().path()).isEqualTo("/inbox");
		client.tell(service("pinger"), new Ping(inbox, 50));
		await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 50);
		assertThat(received.get(0)).isEqualTo("ping-0");
		assertThat(received.get(49)).isEqualTo("ping-49");
		assertThat(maxInside.get()).isEqualTo(1);
		HostedActor actor = client.actors().actor("/inbox").orElseThrow();
		assertThat(actor.failures()).isEqualTo(1);
		assertThat(client.stopActor(inbox)).isTrue();
		assertThat(client.actors().actor("/inbox")).isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> client.spawn("_reserved", String.class, (c, m) -> {
		}));
	}

	@Test
	void fullMailboxDropsAndCountsTheOverflow() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch busy = new CountDownLatch(1);
		AtomicInteger handled = new AtomicInteger();
		ActorRef<String> slow = client.spawn("slow", String.class, (ctx, message) -> {
			busy.countDown();
			release.await(10, TimeUnit.SECONDS);
			handled.incrementAndGet();
		}, new ActorOptions(3, MailboxOverflow.DROP_NEWEST));
		client.tell(service("pinger"), new Ping(slow, 1));
		assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();
		client.tell(service("pinger"), new Ping(slow, 9));
		HostedActor actor = client.actors().actor("/slow").orElseThrow();
		// one message is being handled, three wait, six do not fit
		await().atMost(Duration.ofSeconds(10)).until(() -> actor.dropped() == 6);
		release.countDown();
		await().atMost(Duration.ofSeconds(10)).until(() -> handled.get() == 4);
		client.stopActor(slow);
	}

	@Test
	void streamIsConsumedWithBackpressureAndCompletes() {
		producerLog.clear();
		ActorRef<Object> numbers = service("numbers");
		List<Integer> elements = new CopyOnWriteArrayList<>();
		CountDownLatch completed = new CountDownLatch(1);
		BaseSubscriber<Integer> subscriber = new BaseSubscriber<>() {

			@Override
			protected void hookOnSubscribe(Subscription subscription) {
				request(2);
			}

			@Override
			protected void hookOnNext(Integer value) {
				elements.add(value);
			}

			@Override
			protected void hookOnComplete() {
				completed.countDown();
			}

		};
		client.streams().consume(numbers, Integer.class).subscribe(subscriber);
		await().atMost(Duration.ofSeconds(5)).until(() -> elements.size() == 2);
		assertThat(completed.getCount()).isOne();
		subscriber.request(3);
		await().atMost(Duration.ofSeconds(5)).until(() -> completed.getCount() == 0);
		assertThat(elements).containsExactly(1, 2, 3, 4, 5);
		assertThat(producerLog).first().isInstanceOf(StreamMessages.Subscribe.class);
		assertThat(producerLog).filteredOn(StreamMessages.StreamDemand.class::isInstance)
			.containsExactly(new StreamMessages.StreamDemand(2), new StreamMessages.StreamDemand(3));
		assertThat(producerLog).noneMatch(StreamMessages.StreamCancel.class::isInstance);
		await().atMost(Duration.ofSeconds(5)).until(() -> client.actors().size() == 0);
	}

	@Test
	void cancellingSendsStreamCancelAndAnIdleStreamTimesOut() {
		producerLog.clear();
		ActorRef<Object> numbers = service("numbers");
		assertThat(client.streams().consume(numbers, Integer.class).take(2).collectList().block(Duration.ofSeconds(10)))
			.containsExactly(1, 2);
		await().atMost(Duration.ofSeconds(5))
			.until(() -> producerLog.stream().anyMatch(StreamMessages.StreamCancel.class::isInstance));

		ActorRef<Object> nobody = ActorRef.parse(numbers.uri().replace("/numbers", "/nobody"));
		Flux<Integer> silent = client.streams()
			.consume(nobody, io.casty.client.ReplyType.of(Integer.class), Duration.ofMillis(300));
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> silent.blockLast(Duration.ofSeconds(5)))
			.isInstanceOf(CastyTimeoutException.class)
			.hasMessageContaining("sent nothing for 300 ms");
	}

}
