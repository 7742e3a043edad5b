package io.casty.client.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.casty.client.CastyClientListener;
import io.casty.client.CastyTimeoutException;
import io.casty.client.NodeAddress;
import io.casty.client.NodeUnreachableException;
import io.casty.client.protocol.FrameCodec;
import io.casty.client.protocol.messages.ShardLocation;
import io.casty.client.transport.ClientIdentity;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import io.casty.client.ActorRef;
import io.casty.client.CastyClient;
import io.casty.client.CastyClientOptions;
import io.casty.client.EntityRef;
import io.casty.client.MessageCodecException;
import io.casty.client.it.Counters.CounterMsg;
import io.casty.client.it.Counters.GetCount;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The client against a node that answers badly: every ask still ends, typed and on time,
 * and the connection heals.
 */
class HostileNodeIntegrationTests {

	static CastyClientOptions.Builder options(HostileNode... nodes) {
		String[] contacts = java.util.Arrays.stream(nodes).map(HostileNode::contactPoint).toArray(String[]::new);
		return CastyClientOptions.builder()
			.contactPoints(contacts)
			.systemName("it")
			.messageTypes(CounterMsg.class, Counters.Echo.class)
			.askTimeout(Duration.ofSeconds(10))
			// one connection: the fake node declares nothing in its handshake, so by default the
			// client would spread entities over 4, and these tests break the one they all share
			.socket((socket) -> socket.connectTimeout(Duration.ofMillis(500))
				.handshakeTimeout(Duration.ofMillis(500))
				.connectionsPerNode(1))
			.reconnect((reconnect) -> reconnect.minBackoff(Duration.ofMillis(50)).maxBackoff(Duration.ofMillis(500)))
			.topology((topology) -> topology.pollInterval(Duration.ofMillis(200)).timeout(Duration.ofSeconds(1)))
			.shardLocation((location) -> location.timeout(Duration.ofMillis(300))
				.retryMinBackoff(Duration.ofMillis(150))
				.retryMaxBackoff(Duration.ofMillis(500)));
	}

	static CastyClient start(CastyClientOptions.Builder options) {
		CastyClient client = ClientLeakGuard.track(CastyClient.start(options.build()));
		client.awaitTopology(Duration.ofSeconds(5));
		return client;
	}

	@ParameterizedTest
	@ValueSource(strings = { "NaN", "Infinity", "-Infinity", "1e999" })
	void nonFiniteNumberReplyToABigDecimalAskFailsItAtOnceAndGivesBackItsSlot(String number) throws Exception {
		try (HostileNode node = HostileNode.counters()) {
			node.behavior((peer, envelope) -> {
				if (envelope.message() instanceof GetCount get) {
					String reply = envelope.entityId().equals("bad") ? number : "1.5";
					peer.tellRaw(get.replyTo(), "float", reply.getBytes(StandardCharsets.UTF_8));
				}
			});
			try (CastyClient client = start(options(node).maxPendingAsks(1))) {
				EntityRef<CounterMsg> counters = client.entityRef(Counters.TYPE, Counters.SHARDS, CounterMsg.class);
				CompletableFuture<BigDecimal> bad = counters.ask("bad",
						(ActorRef<BigDecimal> replyTo) -> new GetCount(replyTo.narrow()), BigDecimal.class);
				assertThat(bad).failsWithin(Duration.ofSeconds(3))
					.withThrowableOfType(ExecutionException.class)
					.withCauseInstanceOf(MessageCodecException.class)
					.withMessageContaining("not finite");
				assertThat(client.pendingAsks()).isZero();
				assertThat(counters.ask("good", (ActorRef<BigDecimal> replyTo) -> new GetCount(replyTo.narrow()),
						BigDecimal.class).get(3, TimeUnit.SECONDS)).isEqualByComparingTo("1.5");
			}
		}
	}

	/** Counts every drop reason, exactly. */
	static final class Drops implements CastyClientListener {

		final Map<String, AtomicLong> inbound = new ConcurrentHashMap<>();

		@Override
		public void inboundDropped(String reason) {
			this.inbound.computeIfAbsent(reason, (r) -> new AtomicLong()).incrementAndGet();
		}

		long inbound(String reason) {
			AtomicLong count = this.inbound.get(reason);
			return (count != null) ? count.get() : 0;
		}

	}

	@ParameterizedTest
	@ValueSource(strings = { "largest-prefix", "random-bytes", "truncated-frame" })
	void aBrokenByteStreamClosesTheConnectionFailsItsAsksAtOnceAndReconnects(String poison) throws Exception {
		byte[] bytes = switch (poison) {
			case "largest-prefix" -> new byte[] { 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01, 'x', 'y' };
			case "random-bytes" -> {
				byte[] random = new byte[1000];
				new Random(12).nextBytes(random);
				yield random;
			}
			default -> new byte[] { 0, 0, 0, 100, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 9 };
		};
		AtomicLong poisonedAt = new AtomicLong();
		try (HostileNode node = HostileNode.counters()) {
			node.behavior((peer, envelope) -> {
				if (envelope.message() instanceof GetCount get) {
					switch (envelope.entityId()) {
						case "poison" -> {
							poisonedAt.set(System.nanoTime());
							peer.writeRaw(bytes);
						}
						case "silent" -> {
						}
						default -> peer.tell(get.replyTo(), 42);
					}
				}
			});
			try (CastyClient client = start(options(node).codec((c) -> c.frameTimeout(Duration.ofMillis(300))))) {
				EntityRef<CounterMsg> counters = client.entityRef(Counters.TYPE, Counters.SHARDS, CounterMsg.class);
				assertThat(counters.ask("ok", GetCount::new, Integer.class).get(3, TimeUnit.SECONDS)).isEqualTo(42);
				CompletableFuture<Integer> waiting = counters.ask("silent", GetCount::new, Integer.class);
				await().atMost(Duration.ofSeconds(3)).until(() -> node.envelopes() == 2);
				CompletableFuture<Integer> poisoned = counters.ask("poison", GetCount::new, Integer.class);
				for (CompletableFuture<Integer> ask : List.of(waiting, poisoned)) {
					assertThat(ask).failsWithin(Duration.ofSeconds(3))
						.withThrowableOfType(ExecutionException.class)
						.withCauseInstanceOf(NodeUnreachableException.class)
						.withMessageContaining("Closed the connection to node " + node.address());
				}
				await().atMost(Duration.ofSeconds(5)).until(() -> node.handshakes() == 2);
				Integer healed = await().atMost(Duration.ofSeconds(5)).ignoreExceptions()
					.until(() -> counters.ask("ok", GetCount::new, Integer.class).get(1, TimeUnit.SECONDS), (v) -> v == 42);
				System.out.printf("%s: the connection healed %d ms after the node poisoned it%n", poison,
						TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - poisonedAt.get()));
				assertThat(healed).isEqualTo(42);
				assertThat(client.pendingAsks()).isZero();
			}
		}
	}

	@Test
	void theListenerClosesConnectionsThatSendNoHandshake() throws Exception {
		try (HostileNode node = HostileNode.counters();
				CastyClient client = start(options(node).socket((s) -> s.handshakeTimeout(Duration.ofMillis(300))))) {
			ClientIdentity id = client.clientIdentity();
			List<Socket> idle = new ArrayList<>();
			try {
				for (int i = 0; i < 20; i++) {
					idle.add(new Socket(id.host(), id.port()));
				}
				for (Socket socket : idle) {
					assertThat(closedByPeerWithin(socket, Duration.ofSeconds(3))).as("an idle socket was closed").isTrue();
				}
			}
			finally {
				closeAll(idle);
			}
		}
	}

	@Test
	void theListenerAcceptsAtMostMaxAcceptedConnections() throws Exception {
		Drops drops = new Drops();
		try (HostileNode node = HostileNode.counters();
				CastyClient client = start(options(node).listen((l) -> l.maxAcceptedConnections(4))
					.socket((s) -> s.handshakeTimeout(Duration.ofSeconds(20)))
					.listener(drops))) {
			ClientIdentity id = client.clientIdentity();
			List<Socket> sockets = new ArrayList<>();
			try {
				for (int i = 0; i < 4; i++) {
					Socket socket = new Socket(id.host(), id.port());
					handshake(socket, "10.9.9." + i, 25520);
					sockets.add(socket);
				}
				for (Socket socket : sockets) {
					assertThat(readsHandshakeReply(socket)).isTrue();
				}
				Socket extra = new Socket(id.host(), id.port());
				sockets.add(extra);
				assertThat(closedByPeerWithin(extra, Duration.ofSeconds(3))).as("the fifth connection was closed").isTrue();
				assertThat(drops.inbound("listener-full")).isEqualTo(1);
				for (Socket socket : sockets.subList(0, 4)) {
					assertThat(closedByPeerWithin(socket, Duration.ofMillis(200))).as("an accepted node stays").isFalse();
				}
			}
			finally {
				closeAll(sockets);
			}
		}
	}

	@Test
	void unaskedAndOutOfRangeShardLocationsAreDroppedCountedAndNotKept() throws Exception {
		Drops drops = new Drops();
		int outOfRange = 200_000;
		int unasked = Counters.SHARDS;
		try (HostileNode node = HostileNode.counters();
				CastyClient client = start(options(node).listener(drops))) {
			EntityRef<CounterMsg> counters = client.entityRef(Counters.TYPE, Counters.SHARDS, CounterMsg.class);
			counters.tell("a", new Counters.Increment(1));
			await().atMost(Duration.ofSeconds(3)).until(() -> node.envelopes() == 1);
			long heapBefore = heapAfterGc();
			HostileNode.Peer peer = node.lastPeer();
			io.casty.client.ActorRef<ShardLocation> proxy = client.clientIdentity().ref("/_proxy-" + Counters.TYPE).narrow();
			byte[] template = peer.frame(proxy, new ShardLocation(1_000_000, node.address(), List.of()));
			for (int batch = 0; batch < outOfRange / 1000; batch++) {
				ByteBuf frames = Unpooled.buffer(template.length * 1000);
				for (int i = 0; i < 1000; i++) {
					frames.writeBytes(peer.frame(proxy,
							new ShardLocation(Counters.SHARDS + batch * 1000L + i, new NodeAddress("10.0.0.1", 1), List.of())));
				}
				peer.channel().writeAndFlush(frames).sync();
			}
			for (int shard = 0; shard < unasked; shard++) {
				peer.writeRaw(peer.frame(proxy, new ShardLocation(shard, new NodeAddress("10.0.0.2", 2), List.of())));
			}
			await().atMost(Duration.ofSeconds(60)).until(() -> drops.inbound("invalid-shard-location") == outOfRange
					&& drops.inbound("unsolicited-shard-location") == unasked);
			long heapAfter = heapAfterGc();
			System.out.printf("%d unsolicited shard locations: heap after GC %d -> %d bytes%n", outOfRange + unasked,
					heapBefore, heapAfter);
			assertThat(heapAfter - heapBefore).isLessThan(8L * 1024 * 1024);
			assertThat(counters.ownerOf("a")).contains(node.address());
		}
	}

	@Test
	void floodsOfInvalidFramesAreCountedExactlyAndLoggedAFewTimes() throws Exception {
		Drops drops = new Drops();
		ListAppender<ILoggingEvent> logs = new ListAppender<>();
		logs.start();
		Logger lane = (Logger) LoggerFactory.getLogger("io.casty.client.transport.ConnectionLane");
		lane.addAppender(logs);
		int frames = 20_000;
		try (HostileNode node = HostileNode.counters()) {
			node.behavior((peer, envelope) -> {
				if (envelope.message() instanceof GetCount get) {
					peer.tell(get.replyTo(), 5);
				}
			});
			try (CastyClient client = start(options(node).listener(drops))) {
				EntityRef<CounterMsg> counters = client.entityRef(Counters.TYPE, Counters.SHARDS, CounterMsg.class);
				assertThat(counters.ask("a", GetCount::new, Integer.class).get(3, TimeUnit.SECONDS)).isEqualTo(5);
				HostileNode.Peer peer = node.lastPeer();
				// well framed, so the stream stays in step: a message frame whose header is not JSON
				byte[] invalid = { 0, 0, 0, 8, 0x01, 0, 0, 0, 3, '{', '{', '{' };
				ByteBuf flood = Unpooled.buffer(invalid.length * frames);
				for (int i = 0; i < frames; i++) {
					flood.writeBytes(invalid);
				}
				peer.channel().writeAndFlush(flood).sync();
				await().atMost(Duration.ofSeconds(20)).until(() -> drops.inbound("invalid-frame") == frames);
				assertThat(counters.ask("a", GetCount::new, Integer.class).get(3, TimeUnit.SECONDS)).isEqualTo(5);
				long warnings = logs.list.stream().filter((e) -> e.getLevel() == Level.WARN).count();
				System.out.printf("%d invalid frames: %d counted, %d WARN lines%n", frames, drops.inbound("invalid-frame"),
						warnings);
				assertThat(warnings).isBetween(1L, 3L);
				assertThat(node.handshakes()).isEqualTo(1);
			}
		}
		finally {
			lane.detachAppender(logs);
		}
	}

	@Test
	void repliesCountAsSignsOfLifeSoAsksThatTimeOutBetweenThemDoNotMarkTheNodeStuck() throws Exception {
		try (HostileNode node = HostileNode.counters()) {
			node.behavior((peer, envelope) -> {
				if (envelope.message() instanceof GetCount get && !envelope.entityId().equals("silent")) {
					peer.tell(get.replyTo(), 7);
				}
			});
			// no topology poll during the test: the replies are all that arrives from the node
			try (CastyClient client = start(options(node).askTimeout(Duration.ofMillis(300))
				.stuckNode((s) -> s.askTimeouts(2))
				.topology((t) -> t.pollInterval(Duration.ofMinutes(5))))) {
				EntityRef<CounterMsg> counters = client.entityRef(Counters.TYPE, Counters.SHARDS, CounterMsg.class);
				for (int i = 0; i < 5; i++) {
					CompletableFuture<Integer> silent = counters.ask("silent", GetCount::new, Integer.class);
					// answered after the silent ask went out: the node is alive when that one times out
					assertThat(counters.ask("a", GetCount::new, Integer.class).get(3, TimeUnit.SECONDS)).isEqualTo(7);
					assertThat(silent).failsWithin(Duration.ofSeconds(3))
						.withThrowableOfType(ExecutionException.class)
						.withCauseInstanceOf(CastyTimeoutException.class);
				}
				assertThat(counters.ask("a", GetCount::new, Integer.class).get(3, TimeUnit.SECONDS)).isEqualTo(7);
				assertThat(node.handshakes()).as("connections the client opened (one unless it gave the node up)")
					.isEqualTo(1);
			}
		}
	}

	@Test
	void aNodeThatStopsReadingIsMarkedFailedSoAsksFailFastAndItsShardsAreAskedForAgain() throws Exception {
		try (HostileNode stuck = HostileNode.counters(); HostileNode healthy = HostileNode.counters()) {
			List<NodeAddress> members = List.of(stuck.address(), healthy.address());
			stuck.cluster(members, stuck.address(), healthy.address()).behavior((peer, envelope) -> {
				if (envelope.message() instanceof GetCount get) {
					peer.tell(get.replyTo(), 1);
				}
			});
			AtomicInteger locationQueries = new AtomicInteger();
			healthy.cluster(members, stuck.address(), healthy.address()).locate((shard) -> {
				locationQueries.incrementAndGet();
				return healthy.address();
			}).behavior((peer, envelope) -> {
				if (envelope.message() instanceof GetCount get) {
					peer.tell(get.replyTo(), 2);
				}
			});
			try (CastyClient client = start(
					options(healthy).askTimeout(Duration.ofMillis(400)).stuckNode((s) -> s.askTimeouts(3)))) {
				EntityRef<CounterMsg> counters = client.entityRef(Counters.TYPE, Counters.SHARDS, CounterMsg.class);
				assertThat(counters.ask("a", GetCount::new, Integer.class).get(3, TimeUnit.SECONDS)).isEqualTo(1);
				stuck.stopReading();
				List<Class<?>> outcomes = new ArrayList<>();
				Integer answer = null;
				for (int i = 0; i < 8 && answer == null; i++) {
					try {
						answer = counters.ask("a", GetCount::new, Integer.class).get(3, TimeUnit.SECONDS);
					}
					catch (ExecutionException ex) {
						outcomes.add(ex.getCause().getClass());
					}
				}
				assertThat(answer).as("after %s the healthy node answers", outcomes).isEqualTo(2);
				assertThat(outcomes).hasSizeLessThanOrEqualTo(4).startsWith(CastyTimeoutException.class);
				assertThat(locationQueries).hasPositiveValue();
				assertThat(counters.ownerOf("a")).contains(healthy.address());
			}
		}
	}

	@Test
	@SuppressWarnings({ "unchecked", "rawtypes" })
	void aNodeWhoseWriteBufferStaysFullIsMarkedFailedAndItsShardsAreAskedForAgain() throws Exception {
		try (HostileNode stuck = HostileNode.counters(); HostileNode healthy = HostileNode.counters()) {
			List<NodeAddress> members = List.of(stuck.address(), healthy.address());
			stuck.cluster(members, stuck.address(), healthy.address()).behavior((peer, envelope) -> {
				if (envelope.message() instanceof GetCount get) {
					peer.tell(get.replyTo(), 1);
				}
			});
			healthy.cluster(members, stuck.address(), healthy.address()).locate((shard) -> healthy.address())
				.behavior((peer, envelope) -> {
					if (envelope.message() instanceof GetCount get) {
						peer.tell(get.replyTo(), 2);
					}
				});
			try (CastyClient client = start(options(healthy)
				.stuckNode((s) -> s.askTimeouts(0).writeTimeout(Duration.ofMillis(300)))
				.socket((s) -> s.maxPendingWriteBytes(256 * 1024)))) {
				EntityRef<CounterMsg> counters = client.entityRef(Counters.TYPE, Counters.SHARDS, CounterMsg.class);
				assertThat(counters.ask("a", GetCount::new, Integer.class).get(3, TimeUnit.SECONDS)).isEqualTo(1);
				stuck.stopReading();
				EntityRef raw = counters;
				Counters.Echo big = new Counters.Echo("x".repeat(64 * 1024), client.clientIdentity().ref("/nobody"));
				// keep the socket buffers and then the client's write buffer full until the node is failed
				await().atMost(Duration.ofSeconds(20)).until(() -> {
					if (!client.connectedNodes().contains(stuck.address())) {
						return true;
					}
					try {
						for (int i = 0; i < 20; i++) {
							raw.tell("a", big);
						}
					}
					catch (io.casty.client.BufferOverflowException ex) {
						// full: exactly the state that must not last
					}
					catch (NodeUnreachableException ex) {
						return true; // closed while telling
					}
					return false;
				});
				Integer answer = await().atMost(Duration.ofSeconds(5)).ignoreExceptions()
					.until(() -> counters.ask("a", GetCount::new, Integer.class).get(1, TimeUnit.SECONDS), (v) -> v == 2);
				assertThat(answer).isEqualTo(2);
				assertThat(counters.ownerOf("a")).contains(healthy.address());
			}
		}
	}

	private static void handshake(Socket socket, String host, int port) throws IOException {
		ByteBuf hello = Unpooled.buffer();
		FrameCodec.writeHandshake(host, port, hello);
		byte[] bytes = new byte[hello.readableBytes()];
		hello.readBytes(bytes);
		OutputStream out = socket.getOutputStream();
		out.write(bytes);
		out.flush();
	}

	private static boolean readsHandshakeReply(Socket socket) throws IOException {
		socket.setSoTimeout(3000);
		InputStream in = socket.getInputStream();
		byte[] prefix = in.readNBytes(5);
		return prefix.length == 5 && prefix[4] == 0x00;
	}

	/** Whether the peer closes the socket within the time; a handshake reply is skipped. */
	private static boolean closedByPeerWithin(Socket socket, Duration time) throws IOException {
		socket.setSoTimeout((int) time.toMillis());
		try {
			InputStream in = socket.getInputStream();
			while (in.read() >= 0) {
				// skip whatever was sent before the close
			}
			return true;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			return true; // reset by peer
		}
	}

	private static void closeAll(List<Socket> sockets) {
		for (Socket socket : sockets) {
			try {
				socket.close();
			}
			catch (IOException ex) {
				// closing in a test's clean-up
			}
		}
	}

	private static long heapAfterGc() {
		long best = Long.MAX_VALUE;
		for (int i = 0; i < 5; i++) {
			System.gc();
			best = Math.min(best, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
		}
		return best;
	}

	@Test
	void aLostConnectionFailsTheAsksSentOnItAtOnceAndNoOtherConnectionsAsks() throws Exception {
		record Held(HostileNode.Peer peer, GetCount get) {
		}
		Map<String, Held> held = new ConcurrentHashMap<>();
		try (HostileNode node = HostileNode.counters()) {
			node.behavior((peer, envelope) -> {
				if (envelope.message() instanceof GetCount get) {
					held.put(envelope.entityId(), new Held(peer, get));
				}
			});
			// asks would time out only after minutes: what ends them here is the lost connection
			try (CastyClient client = start(
				options(node).socket((s) -> s.connectionsPerNode(2)).askTimeout(Duration.ofMinutes(5)))) {
				EntityRef<CounterMsg> counters = client.entityRef(Counters.TYPE, Counters.SHARDS, CounterMsg.class);
				String onLane0 = entityOnLane(0, 2);
				String onLane1 = entityOnLane(1, 2);
				CompletableFuture<Integer> lost = counters.ask(onLane1, GetCount::new, Integer.class);
				CompletableFuture<Integer> kept = counters.ask(onLane0, GetCount::new, Integer.class);
				await().atMost(Duration.ofSeconds(20)).until(() -> held.size() == 2);
				assertThat(held.get(onLane1).peer()).isNotSameAs(held.get(onLane0).peer());

				held.get(onLane1).peer().channel().close();

				assertThat(lost).failsWithin(Duration.ofSeconds(30))
					.withThrowableOfType(ExecutionException.class)
					.withCauseInstanceOf(NodeUnreachableException.class);
				assertThat(kept).isNotDone();
				Held other = held.get(onLane0);
				other.peer().tell(other.get().replyTo(), 7);
				assertThat(kept.get(30, TimeUnit.SECONDS)).isEqualTo(7);
			}
		}
	}

	private static String entityOnLane(int lane, int lanes) {
		for (int i = 0;; i++) {
			if (io.casty.client.transport.ConnectionManager.laneOf("e" + i, lanes) == lane) {
				return "e" + i;
			}
		}
	}

}
