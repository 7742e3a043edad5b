package io.casty.client.transport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.casty.client.BufferOverflowException;
import io.casty.client.CastyClientListener;
import io.casty.client.CastyException;
import io.casty.client.NodeAddress;
import io.casty.client.NodeUnreachableException;
import io.casty.client.messaging.AskRegistry;
import io.casty.client.messaging.PendingAsk;
import io.casty.client.protocol.CastyPaths;
import io.casty.client.protocol.codec.MessageCodec;
import io.casty.client.protocol.codec.MessageTypeRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static io.casty.client.transport.TestFrames.frame;
import static io.casty.client.transport.TestFrames.readFrames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The states of one connection, on an {@link EmbeddedChannel}: frames queue while it connects
 * (bounded by bytes), leave in order once it is ready, and fail when it closes, as do the
 * messages that wait for an answer on it: the asks sent on a connection that closes fail at
 * once, together, naming the node, and no other ask is touched.
 */
class NodeConnectionTests {

	private static final NodeAddress DIALLED = new NodeAddress("localhost", 25520);

	private static final NodeAddress CANONICAL = new NodeAddress("127.0.0.1", 25520);

	private static final NodeAddress OTHER = new NodeAddress("127.0.0.1", 25521);

	private final MessageCodec codec = new MessageCodec(MessageTypeRegistry.withProtocolTypes());

	/** The first byte of every frame written to the channel, in order. */
	private final List<Integer> writes = new ArrayList<>();

	private final EmbeddedChannel channel = new EmbeddedChannel(new ChannelOutboundHandlerAdapter() {
		@Override
		public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
			ByteBuf frames = (ByteBuf) msg;
			readFrames(frames, NodeConnectionTests.this.writes);
			frames.release();
			promise.trySuccess();
		}
	});

	private final List<CastyException> failures = new ArrayList<>();

	private final SendFailure recorded = this.failures::add;

	@Test
	void framesQueueUntilTheHandshakeThenLeaveInOrder() {
		NodeConnection connection = connecting(1024);
		connection.send(frame(1, 10), this.recorded);
		connection.send(frame(2, 20), this.recorded);
		this.channel.runPendingTasks();
		assertThat(written()).isEmpty();
		assertThat(connection.state()).isEqualTo(NodeConnection.State.CONNECTING);
		assertThat(connection.pendingWriteBytes()).isEqualTo(30);

		connection.ready(CANONICAL);
		connection.send(frame(3, 5), this.recorded);
		this.channel.runPendingTasks();

		assertThat(connection.state()).isEqualTo(NodeConnection.State.READY);
		assertThat(connection.canonical()).isEqualTo(CANONICAL);
		assertThat(connection.address()).isEqualTo(DIALLED);
		assertThat(written()).containsExactly(1, 2, 3);
		assertThat(connection.pendingWriteBytes()).isZero();
		assertThat(this.failures).isEmpty();
	}

	@Test
	void framesWaitingForTheHandshakeAreBoundedByBytes() {
		NodeConnection connection = connecting(100);
		connection.send(frame(1, 60), this.recorded);
		ByteBuf tooMany = frame(2, 41);
		assertThatExceptionOfType(BufferOverflowException.class)
			.isThrownBy(() -> connection.send(tooMany, this.recorded))
			.withMessageContaining("More than 100 bytes wait for the connection to " + DIALLED);
		assertThat(tooMany.refCnt()).isZero();
		connection.send(frame(3, 40), this.recorded);
		assertThat(connection.pendingWriteBytes()).isEqualTo(100);

		connection.ready(CANONICAL);
		this.channel.runPendingTasks();
		assertThat(written()).containsExactly(1, 3);
	}

	@Test
	void aReadyConnectionRefusesFramesBeyondItsBound() {
		NodeConnection connection = connecting(100);
		connection.ready(CANONICAL);
		connection.send(frame(1, 70), this.recorded);
		ByteBuf tooMany = frame(2, 31);
		assertThatExceptionOfType(BufferOverflowException.class)
			.isThrownBy(() -> connection.send(tooMany, this.recorded))
			.withMessageContaining("holds more than 100 bytes");
		assertThat(tooMany.refCnt()).isZero();
		this.channel.runPendingTasks();
		assertThat(written()).containsExactly(1);
	}

	@Test
	void closingBeforeTheHandshakeFailsTheQueuedFramesAndLaterSends() {
		NodeConnection connection = connecting(1024);
		ByteBuf first = frame(1, 10);
		ByteBuf second = frame(2, 10);
		connection.send(first, this.recorded);
		connection.send(second, this.recorded);
		NodeUnreachableException cause = new NodeUnreachableException(DIALLED, "gone");

		connection.close(cause);
		this.channel.runPendingTasks();

		assertThat(this.failures).containsExactly(cause, cause);
		assertThat(first.refCnt()).isZero();
		assertThat(second.refCnt()).isZero();
		assertThat(connection.state()).isEqualTo(NodeConnection.State.CLOSED);
		assertThat(this.channel.isOpen()).isFalse();
		ByteBuf late = frame(3, 10);
		assertThatExceptionOfType(NodeUnreachableException.class).isThrownBy(() -> connection.send(late, this.recorded));
		assertThat(late.refCnt()).isZero();
		connection.ready(CANONICAL);
		assertThat(connection.state()).isEqualTo(NodeConnection.State.CLOSED);
	}

	@Test
	void closingAReadyConnectionWritesWhatItAcceptedThenCloses() {
		NodeConnection connection = connecting(1024);
		connection.ready(CANONICAL);
		connection.send(frame(1, 10), this.recorded);
		connection.close(new NodeUnreachableException(CANONICAL, "marked down"));
		this.channel.runPendingTasks();
		assertThat(written()).containsExactly(1);
		assertThat(this.channel.isOpen()).isFalse();
		assertThat(this.failures).isEmpty();
	}

	@Test
	void closingFailsEveryMessageThatWaitsForAnAnswerOnceAndNoneThatIsDone() {
		NodeConnection connection = connecting(1024);
		connection.ready(CANONICAL);
		List<String> failed = new ArrayList<>();
		InFlight first = connection.await((cause) -> failed.add("first: " + cause.getMessage()));
		InFlight answered = connection.await((cause) -> failed.add("answered"));
		connection.await((cause) -> failed.add("third: " + cause.getMessage()));
		answered.done();
		assertThat(connection.awaitingCount()).isEqualTo(2);

		connection.close(new NodeUnreachableException(CANONICAL, "lost"));
		connection.close(new NodeUnreachableException(CANONICAL, "again"));
		first.done();

		assertThat(failed).containsExactlyInAnyOrder("first: lost", "third: lost");
		assertThat(connection.awaitingCount()).isZero();
	}

	@Test
	void messagesDoneInAnyOrderLeaveTheOthersWaitingAndEachIsFailedOrReleasedOnce() {
		NodeConnection connection = connecting(1024);
		connection.ready(CANONICAL);
		List<Integer> failed = new ArrayList<>();
		List<InFlight> waiting = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			int n = i;
			waiting.add(connection.await((cause) -> failed.add(n)));
		}
		List<Integer> left = new ArrayList<>();
		java.util.SplittableRandom random = new java.util.SplittableRandom(16);
		for (int i = 0; i < 100; i++) {
			if (random.nextBoolean()) {
				waiting.get(i).done();
				waiting.get(i).done();
			}
			else {
				left.add(i);
			}
		}
		assertThat(connection.awaitingCount()).isEqualTo(left.size());

		connection.close(new NodeUnreachableException(CANONICAL, "lost"));
		waiting.forEach(InFlight::done);

		assertThat(failed).containsExactlyElementsOf(left);
		assertThat(connection.awaitingCount()).isZero();
	}

	@Test
	void aFrameSentWhileTheClientClosesTheConnectionFailsAsClosedAndIsReleased() {
		NodeConnection connection = connecting(1024);
		connection.ready(CANONICAL);
		connection.close(new io.casty.client.ClientClosedException("The Casty client is closed"));
		ByteBuf late = frame(1, 10);
		assertThatExceptionOfType(io.casty.client.ClientClosedException.class)
			.isThrownBy(() -> connection.send(late, this.recorded));
		assertThat(late.refCnt()).isZero();

		NodeConnection lost = connecting(1024);
		lost.close(new NodeUnreachableException(DIALLED, "lost"));
		ByteBuf after = frame(2, 10);
		assertThatExceptionOfType(NodeUnreachableException.class).isThrownBy(() -> lost.send(after, this.recorded));
		assertThat(after.refCnt()).isZero();
	}

	@Test
	void waitingOnAClosedConnectionFailsAtOnce() {
		NodeConnection connection = connecting(1024);
		connection.close(new NodeUnreachableException(DIALLED, "closed while opening"));
		List<String> failed = new ArrayList<>();
		connection.await((cause) -> failed.add(cause.getMessage()));
		assertThat(failed).containsExactly("closed while opening");
		assertThat(connection.awaitingCount()).isZero();
	}

	@Test
	void anInboundFrameResetsTheSilentAskCount() {
		NodeConnection connection = connecting(1024);
		connection.ready(CANONICAL);
		long sent = System.nanoTime();
		assertThat(connection.askTimedOut(sent)).isEqualTo(1);
		assertThat(connection.askTimedOut(sent)).isEqualTo(2);
		connection.inbound();
		assertThat(connection.askTimedOut(sent)).isZero();
		assertThat(connection.askTimedOut(System.nanoTime())).isEqualTo(1);
	}

	@Test
	void closingFailsTheAsksSentOnItTogetherNamingTheNodeAndNoOthers() {
		AskRegistry asks = registry();
		try {
			NodeConnection lost = connecting(1024);
			lost.ready(CANONICAL);
			NodeConnection other = new NodeConnection(OTHER, 1024);
			other.attach(new EmbeddedChannel());
			other.ready(OTHER);
			PendingAsk first = sent(asks, lost, CANONICAL);
			PendingAsk second = sent(asks, lost, CANONICAL);
			PendingAsk elsewhere = sent(asks, other, OTHER);

			lost.close(new NodeUnreachableException(CANONICAL, "connection reset"));

			for (PendingAsk ask : List.of(first, second)) {
				assertThat(ask.future()).failsWithin(Duration.ZERO)
					.withThrowableThat()
					.havingCause()
					.isInstanceOfSatisfying(NodeUnreachableException.class, (ex) -> {
						assertThat(ex.getNode()).isEqualTo(CANONICAL);
						assertThat(ex).hasMessageContaining("Lost the connection to node " + CANONICAL)
							.hasMessageContaining("connection reset");
					});
			}
			assertThat(elsewhere.future()).isNotDone();
			assertThat(asks.size()).isOne();
			assertThat(lost.awaitingCount()).isZero();
			assertThat(other.awaitingCount()).isOne();
		}
		finally {
			asks.close();
		}
	}

	@Test
	void anAskThatEndsReleasesItsPlaceOnTheConnection() {
		AskRegistry asks = registry();
		try {
			NodeConnection connection = connecting(1024);
			connection.ready(CANONICAL);
			PendingAsk answered = sent(asks, connection, CANONICAL);
			PendingAsk failed = sent(asks, connection, CANONICAL);
			assertThat(connection.awaitingCount()).isEqualTo(2);

			asks.reply(answered.replyTo().address().path().substring(CastyPaths.ASK_PREFIX.length()),
					this.codec.encode(7));
			asks.fail(failed, new CastyException("given up"), io.casty.client.CastyClientListener.AskOutcome.ERROR);
			assertThat(connection.awaitingCount()).isZero();

			connection.close(new NodeUnreachableException(CANONICAL, "lost"));
			assertThat(answered.future()).isCompletedWithValue(7);
			assertThat(failed.future()).failsWithin(Duration.ZERO)
				.withThrowableThat()
				.havingCause()
				.withMessage("given up");
		}
		finally {
			asks.close();
		}
	}

	@Test
	void closingReleasesEveryFrameItHeld() {
		NodeConnection connection = connecting(1024);
		List<ByteBuf> frames = List.of(frame(1, 10), frame(2, 10), frame(3, 10));
		frames.forEach((frame) -> connection.send(frame, this.recorded));
		connection.close(new NodeUnreachableException(DIALLED, "gone"));
		this.channel.runPendingTasks();
		assertThat(frames).allSatisfy((frame) -> assertThat(frame.refCnt()).isZero());
		assertThat(connection.pendingWriteBytes()).isZero();
		assertThat(this.failures).hasSize(3).allSatisfy((cause) -> assertThat(cause).hasMessage("gone"));
	}

	private AskRegistry registry() {
		AskRegistry asks = new AskRegistry(this.codec, CastyClientListener.NONE, 100);
		asks.start(List.of(new ClientIdentity("127.0.0.1", 1, "test")));
		return asks;
	}

	/** An ask whose request went out on {@code connection}, as the client sends one. */
	private static PendingAsk sent(AskRegistry asks, NodeConnection connection, NodeAddress node) {
		PendingAsk ask = asks.register(Integer.class, "counter", "ask to counter", Duration.ofSeconds(30));
		ask.sentTo(node);
		ask.sentOn(connection.await((failure) -> asks.connectionLost(ask, failure)));
		return ask;
	}

	private NodeConnection connecting(int maxPendingBytes) {
		NodeConnection connection = new NodeConnection(DIALLED, maxPendingBytes);
		connection.attach(this.channel);
		return connection;
	}

	private List<Integer> written() {
		return this.writes;
	}

}
