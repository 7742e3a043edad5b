package io.casty.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.flush.FlushConsolidationHandler;
import org.HdrHistogram.SynchronizedHistogram;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.resources.LoopResources;
import reactor.netty.tcp.TcpClient;
import reactor.netty.tcp.TcpServer;

/**
 * The physical reference: a bare Reactor Netty loopback connection carrying length-prefixed
 * frames of the client's frame sizes, with the client's channel settings (NIO, no delay, an
 * 8 MiB high water mark, flush consolidation, one {@code writeAndFlush} per frame from the
 * calling thread). The server counts one-way frames and echoes the others.
 *
 * @since 0.1.0
 */
final class RawEcho implements AutoCloseable {

	private static final byte ONE_WAY = 1;

	private static final byte ECHO = 2;

	private static final int HIGH_WATER_MARK = 8 * 1024 * 1024;

	private final LoopResources serverLoops = LoopResources.create("raw-echo-server", 1, 1, true);

	private final LoopResources clientLoops = LoopResources.create("raw-echo-client", 1, 2, true);

	private final DisposableServer server;

	private final Connection connection;

	private volatile CountDownLatch received = new CountDownLatch(0);

	private volatile EchoRun echoRun = new EchoRun(0, 0);

	RawEcho() {
		this.server = TcpServer.create()
			.host("127.0.0.1")
			.port(0)
			.runOn(this.serverLoops)
			.childOption(ChannelOption.TCP_NODELAY, true)
			.doOnConnection((conn) -> conn.addHandlerLast("frames", frameDecoder())
				.addHandlerLast("echo", new ServerHandler()))
			// Reactor Netty reads only while the inbound is subscribed; the handlers consume every frame
			.handle((in, out) -> in.receive().then())
			.bindNow(Duration.ofSeconds(10));
		this.connection = TcpClient.create()
			.host("127.0.0.1")
			.port(this.server.port())
			.runOn(this.clientLoops)
			.option(ChannelOption.TCP_NODELAY, true)
			.option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(HIGH_WATER_MARK / 2, HIGH_WATER_MARK))
			.doOnConnected((conn) -> conn.addHandlerLast("flush", new FlushConsolidationHandler(256, true))
				.addHandlerLast("frames", frameDecoder())
				.addHandlerLast("replies", new ClientHandler()))
			.connectNow(Duration.ofSeconds(10));
		// Reactor Netty reads only while the inbound is subscribed; the handlers above consume every frame
		this.connection.inbound().receive().subscribe();
	}

	private static LengthFieldBasedFrameDecoder frameDecoder() {
		return new LengthFieldBasedFrameDecoder(16 * 1024 * 1024, 0, 4, 0, 0);
	}

	/**
	 * Sends {@code n} one-way frames of {@code frameBytes} bytes (length prefix included)
	 * from the calling thread and waits until the server has read all of them.
	 */
	Map<String, Object> oneWay(int n, int frameBytes, Duration timeout) {
		CountDownLatch latch = new CountDownLatch(n);
		this.received = latch;
		Channel ch = this.connection.channel();
		Set<Long> callers = Set.of(Thread.currentThread().getId());
		ThreadUsage before = ThreadUsage.snapshot(callers);
		long start = System.nanoTime();
		long overflows = 0;
		for (int i = 0; i < n; i++) {
			while (!ch.isWritable()) {
				overflows++;
				LockSupport.parkNanos(50_000);
			}
			ch.writeAndFlush(frame(frameBytes, ONE_WAY, 0), ch.voidPromise());
		}
		boolean ok = await(latch, timeout);
		long end = System.nanoTime();
		ThreadUsage after = ThreadUsage.snapshot(callers);
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("n", n);
		out.put("frame_bytes", frameBytes);
		out.put("per_sec", ThreadUsage.round(n / ((end - start) / 1e9)));
		out.put("overflow_waits", overflows);
		out.put("ok", ok);
		out.put("usage", before.until(after, n));
		return out;
	}

	/**
	 * {@code n} round trips of {@code frameBytes}-byte frames with {@code inFlight}
	 * outstanding; each echo sends the next frame from the client's event loop.
	 */
	Map<String, Object> roundTrips(int n, int inFlight, int frameBytes, Duration timeout) {
		EchoRun run = new EchoRun(n, frameBytes);
		this.echoRun = run;
		Channel ch = this.connection.channel();
		Set<Long> callers = Set.of(Thread.currentThread().getId());
		ThreadUsage before = ThreadUsage.snapshot(callers);
		long start = System.nanoTime();
		for (int i = 0; i < Math.min(n, inFlight); i++) {
			run.issued.incrementAndGet();
			ch.writeAndFlush(frame(frameBytes, ECHO, System.nanoTime()), ch.voidPromise());
		}
		boolean ok = await(run.done, timeout);
		long end = System.nanoTime();
		ThreadUsage after = ThreadUsage.snapshot(callers);
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("n", n);
		out.put("concurrency", inFlight);
		out.put("frame_bytes", frameBytes);
		out.put("per_sec", ThreadUsage.round(n / ((end - start) / 1e9)));
		out.put("latency_ms", Percentiles.millis(run.latencies));
		out.put("ok", ok);
		out.put("usage", before.until(after, n));
		return out;
	}

	private static ByteBuf frame(int frameBytes, byte kind, long sentNanos) {
		int size = Math.max(13, frameBytes);
		ByteBuf buf = ByteBufAllocator.DEFAULT.buffer(size);
		buf.writeInt(size - 4);
		buf.writeByte(kind);
		buf.writeLong(sentNanos);
		buf.writeZero(size - 13);
		return buf;
	}

	private static boolean await(CountDownLatch latch, Duration timeout) {
		try {
			return latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	@Override
	public void close() {
		this.connection.disposeNow(Duration.ofSeconds(5));
		this.server.disposeNow(Duration.ofSeconds(5));
		this.clientLoops.disposeLater(Duration.ZERO, Duration.ofSeconds(2)).block(Duration.ofSeconds(5));
		this.serverLoops.disposeLater(Duration.ZERO, Duration.ofSeconds(2)).block(Duration.ofSeconds(5));
	}

	private static final class EchoRun {

		final int n;

		final int frameBytes;

		final AtomicLong issued = new AtomicLong();

		final CountDownLatch done;

		final SynchronizedHistogram latencies = new SynchronizedHistogram(3);

		EchoRun(int n, int frameBytes) {
			this.n = n;
			this.frameBytes = frameBytes;
			this.done = new CountDownLatch(n);
		}

	}

	private final class ServerHandler extends ChannelInboundHandlerAdapter {

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			ByteBuf frame = (ByteBuf) msg;
			if (frame.getByte(4) == ONE_WAY) {
				frame.release();
				RawEcho.this.received.countDown();
			}
			else {
				ctx.write(frame, ctx.voidPromise());
			}
		}

		@Override
		public void channelReadComplete(ChannelHandlerContext ctx) {
			ctx.flush();
		}

	}

	private final class ClientHandler extends ChannelInboundHandlerAdapter {

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			ByteBuf frame = (ByteBuf) msg;
			long sent = frame.getLong(5);
			frame.release();
			EchoRun run = RawEcho.this.echoRun;
			run.latencies.recordValue(System.nanoTime() - sent);
			run.done.countDown();
			if (run.issued.incrementAndGet() <= run.n) {
				ctx.channel().writeAndFlush(frame(run.frameBytes, ECHO, System.nanoTime()), ctx.voidPromise());
			}
		}

	}

}
