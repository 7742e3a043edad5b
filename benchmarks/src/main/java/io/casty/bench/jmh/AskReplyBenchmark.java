package io.casty.bench.jmh;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.casty.bench.BenchMessages;
import io.casty.bench.BenchMessages.Ping;
import io.casty.client.CastyClientListener;
import io.casty.client.NodeAddress;
import io.casty.client.messaging.AskRegistry;
import io.casty.client.messaging.InboundDispatcher;
import io.casty.client.messaging.PendingAsk;
import io.casty.client.protocol.CastyFrameDecoder;
import io.casty.client.protocol.CastyPaths;
import io.casty.client.protocol.EncodedMessage;
import io.casty.client.protocol.Frame;
import io.casty.client.protocol.FrameCodec;
import io.casty.client.protocol.MessageEncoder;
import io.casty.client.protocol.MessageHeader;
import io.casty.client.protocol.PayloadRecognizer;
import io.casty.client.protocol.codec.MessageCodec;
import io.casty.client.protocol.codec.MessageTypeRegistry;
import io.casty.client.protocol.messages.ShardEnvelope;
import io.casty.client.topology.SnapshotDecoder;
import io.casty.client.transport.ClientIdentity;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The client's own bookkeeping of one ask, without sockets: register it, write its request
 * (the reply-to ref goes into the payload), then read a reply frame addressed to it off the
 * wire and dispatch it, which decodes the {@code int} reply and completes the future. The
 * node's side is left out: the reply frame is a template whose 32 id digits are overwritten
 * with the ask's. {@code -prof gc} gives the bytes each ask costs on these steps.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AskReplyBenchmark {

	private static final NodeAddress NODE = new NodeAddress("127.0.0.1", 25611);

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private MessageCodec codec;

	private AskRegistry asks;

	private InboundDispatcher dispatcher;

	private ByteBuf request;

	private ByteBuf reply;

	/** Where the id's 32 digits start in {@link #reply}. */
	private int replyIdAt;

	private long seq;

	private MessageEncoder encoder;

	private byte[] requestHeader;

	private String[] entityIds;

	/** Reads {@link #reply} as a connection does: frame decoder, ask replies taken in place. */
	private EmbeddedChannel inbound;

	@Setup
	public void setUp() {
		this.codec = new MessageCodec(MessageTypeRegistry.withProtocolTypes().register(BenchMessages.TYPES));
		ClientIdentity identity = new ClientIdentity("127.0.0.1", 41234, "casty-bench");
		this.asks = new AskRegistry(this.codec, CastyClientListener.NONE, 100_000);
		this.asks.start(List.of(identity));
		this.dispatcher = new InboundDispatcher(this.codec, new SnapshotDecoder(this.codec), CastyClientListener.NONE,
				this.asks::reply, (from, snapshot) -> {
				}, (type, location) -> false, InboundDispatcher.LocalActors.NONE);
		String template = CastyPaths.uri(identity.systemName(), identity.host(), identity.port(),
				CastyPaths.ASK_PREFIX + "0".repeat(CastyPaths.ASK_ID_LENGTH));
		this.reply = Unpooled.buffer(256);
		FrameCodec.writeMessage(new MessageHeader(template, "casty://casty-bench@127.0.0.1:25611/", "builtins.int"),
				this.codec.encode(123456789L), this.reply);
		byte[] frame = new byte[this.reply.readableBytes()];
		this.reply.getBytes(0, frame);
		this.replyIdAt = new String(frame, StandardCharsets.ISO_8859_1).indexOf(CastyPaths.ASK_PREFIX)
				+ CastyPaths.ASK_PREFIX.length();
		this.request = Unpooled.buffer(512);
		this.encoder = new MessageEncoder(this.codec);
		this.entityIds = new String[64];
		for (int i = 0; i < this.entityIds.length; i++) {
			this.entityIds[i] = "ping-" + i;
		}
		this.requestHeader = FrameCodec.encodeHeader(new MessageHeader(
				"casty://casty-bench@127.0.0.1:25611" + CastyPaths.regionPath(BenchMessages.SHARD_TYPE),
				identity.senderUri(), this.codec.typeHint(new ShardEnvelope("ping-0", new Ping(0, null)))));
		this.inbound = new EmbeddedChannel(new CastyFrameDecoder(CastyFrameDecoder.DEFAULT_MAX_FRAME_LENGTH,
				Duration.ZERO, PayloadRecognizer.NONE, (idHigh, idLow, payload, offset, length) -> {
					this.asks.reply(idHigh, idLow, payload, offset, length);
					return true;
				}));
		if (!Long.valueOf(123456789L).equals(askAndReplyInPlace()) || !Long.valueOf(123456789L).equals(askAndReply())) {
			throw new IllegalStateException("An ask of the benchmark did not get its reply");
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.asks.close();
		this.inbound.finishAndReleaseAll();
		this.reply.release();
		this.request.release();
	}

	@Benchmark
	public Object askAndReply() {
		long s = this.seq++;
		PendingAsk ask = this.asks.register(Long.class, BenchMessages.SHARD_TYPE, () -> "ask to ping", TIMEOUT, 0);
		this.request.clear();
		this.codec.encode(new Ping(s, ask.replyTo().narrow()), this.request);
		String path = ask.replyTo().address().path();
		for (int i = 0; i < CastyPaths.ASK_ID_LENGTH; i++) {
			this.reply.setByte(this.replyIdAt + i, path.charAt(CastyPaths.ASK_PREFIX.length() + i));
		}
		this.reply.readerIndex(4);
		this.dispatcher.onMessage(NODE, (Frame.Message) FrameCodec.decode(this.reply));
		return ask.future().getNow(null);
	}

	/**
	 * An ask as a connection makes and reads it: register it, encode {@code Ping(seq,
	 * reply_to)} in its envelope once and frame it behind the cached header (as
	 * {@link #clientAskFrame}-like code in {@code FrameCodecBenchmark}), then push the reply
	 * frame through the connection's frame decoder, which takes it in place, decodes the
	 * {@code int} and completes the future.
	 */
	@Benchmark
	public Object askAndReplyInPlace() {
		long s = this.seq++;
		PendingAsk ask = this.asks.register(Long.class, BenchMessages.SHARD_TYPE, () -> "ask to ping", TIMEOUT, 0);
		EncodedMessage encoded = this.encoder.encodeForEntity(this.entityIds[(int) (s & 63)],
				new Ping(s, ask.replyTo().narrow()));
		ByteBuf frame = encoded.frame(this.requestHeader);
		frame.release();
		String path = ask.replyTo().address().path();
		for (int i = 0; i < CastyPaths.ASK_ID_LENGTH; i++) {
			this.reply.setByte(this.replyIdAt + i, path.charAt(CastyPaths.ASK_PREFIX.length() + i));
		}
		this.reply.readerIndex(0);
		this.inbound.writeInbound(this.reply.retainedDuplicate());
		return ask.future().getNow(null);
	}

}
