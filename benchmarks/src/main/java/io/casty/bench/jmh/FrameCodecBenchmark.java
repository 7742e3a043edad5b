package io.casty.bench.jmh;

import java.util.concurrent.TimeUnit;

import io.casty.bench.BenchMessages;
import io.casty.bench.BenchMessages.Add;
import io.casty.bench.BenchMessages.Ping;
import io.casty.client.ActorRef;
import io.casty.client.protocol.EncodedMessage;
import io.casty.client.protocol.MessageEncoder;
import io.casty.client.protocol.CastyPaths;
import io.casty.client.protocol.FrameCodec;
import io.casty.client.protocol.MessageHeader;
import io.casty.client.protocol.codec.MessageCodec;
import io.casty.client.protocol.codec.MessageTypeRegistry;
import io.casty.client.protocol.messages.ShardEnvelope;
import io.casty.client.transport.ClientIdentity;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The codec work of one ask, without sockets: encoding the {@code ShardEnvelope(id,
 * Ping(seq, reply_to))} frame in one pass ({@link #encodeAskFrame()}) and the way the client
 * does ({@link #clientAskFrame()}, {@link #clientTellFrame()}), and decoding an
 * {@code int} reply payload the way its ask registry does, and decoding the request the way a
 * node does; the decodes also through the value tree, for comparison. Run with {@code -prof gc} for
 * bytes allocated per operation.
 *
 * @since 0.1.0
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FrameCodecBenchmark {

	private static final Add ADD_ONE = new Add(1);

	private MessageCodec codec;

	private ClientIdentity identity;

	private String target;

	private byte[] replyPayload;

	private long seq;

	private byte[] envelopePayload;

	private MessageEncoder encoder;

	private ActorRef<Long> replyTo;

	private String[] entityIds;

	private byte[] envelopeHeader;

	@Setup
	public void setUp() {
		this.codec = new MessageCodec(MessageTypeRegistry.withProtocolTypes().register(BenchMessages.TYPES));
		this.identity = new ClientIdentity("127.0.0.1", 41234, "casty-bench");
		this.target = "casty://casty-bench@127.0.0.1:25611" + CastyPaths.regionPath(BenchMessages.SHARD_TYPE);
		this.replyPayload = this.codec.encode(123456789L);
		this.encoder = new MessageEncoder(this.codec);
		this.replyTo = this.identity.ref(CastyPaths.ASK_PREFIX + "0123456789abcdef0123456789abcdef");
		this.entityIds = new String[64];
		for (int i = 0; i < this.entityIds.length; i++) {
			this.entityIds[i] = "ping-" + i;
		}
		this.envelopeHeader = FrameCodec.encodeHeader(new MessageHeader(this.target, this.identity.senderUri(),
				this.codec.typeHint(new ShardEnvelope("ping-0", ADD_ONE))));
		this.envelopePayload = this.codec.encode(new ShardEnvelope("ping-12",
				new Ping(12345, this.identity.ref(CastyPaths.ASK_PREFIX + "0123456789abcdef0123456789abcdef"))));
	}

	@Benchmark
	public int encodeAskFrame() {
		long s = this.seq++;
		ShardEnvelope envelope = new ShardEnvelope("ping-" + (s & 63),
				new Ping(s, this.identity.ref(CastyPaths.ASK_PREFIX + "0123456789abcdef0123456789abcdef")));
		MessageHeader header = new MessageHeader(this.target, this.identity.senderUri(), this.codec.typeHint(envelope));
		ByteBuf frame = ByteBufAllocator.DEFAULT.buffer(256);
		try {
			FrameCodec.writeMessage(header, (buf) -> this.codec.encode(envelope, buf), frame);
			return frame.readableBytes();
		}
		finally {
			frame.release();
		}
	}

	/**
	 * A tell's frame as the client makes it: {@code ShardEnvelope(id, Add(1))} encoded once
	 * at the API edge ({@link MessageEncoder}), then framed in place by its connection
	 * ({@link EncodedMessage#frame(byte[])}, the header cached per node, path and type hint).
	 */
	@Benchmark
	public int clientTellFrame() {
		EncodedMessage encoded = this.encoder.encodeForEntity(this.entityIds[(int) (this.seq++ & 63)], ADD_ONE);
		ByteBuf frame = encoded.frame(this.envelopeHeader);
		try {
			return frame.readableBytes();
		}
		finally {
			frame.release();
		}
	}

	/**
	 * An ask's request frame as the client makes it, like {@link #clientTellFrame()} with
	 * {@code Ping(seq, reply_to)}; the reply ref is made once here (making it is the ask
	 * registry's part).
	 */
	@Benchmark
	public int clientAskFrame() {
		long s = this.seq++;
		EncodedMessage encoded = this.encoder.encodeForEntity(this.entityIds[(int) (s & 63)],
				new Ping(s, this.replyTo));
		ByteBuf frame = encoded.frame(this.envelopeHeader);
		try {
			return frame.readableBytes();
		}
		finally {
			frame.release();
		}
	}

	/** An {@code int} reply as the ask registry decodes it (streaming fast path). */
	@Benchmark
	public Object decodeIntReply() {
		return this.codec.decode(this.replyPayload, (java.lang.reflect.Type) Long.class);
	}

	/** The same reply through the value tree, as before the fast path. */
	@Benchmark
	public Object decodeIntReplyThroughTree() {
		return this.codec.convert(this.codec.readTree(this.replyPayload), Long.class);
	}

	/** An ask's request as a node decodes it (streaming fast path). */
	@Benchmark
	public Object decodeAskEnvelope() {
		return this.codec.decode(this.envelopePayload);
	}

	/** The same request through the value tree. */
	@Benchmark
	public Object decodeAskEnvelopeThroughTree() {
		return this.codec.convert(this.codec.readTree(this.envelopePayload), Object.class);
	}

}
