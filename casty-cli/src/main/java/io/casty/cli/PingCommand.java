package io.casty.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.casty.client.ClusterMember;
import io.casty.client.MemberState;
import io.casty.client.protocol.CastyFrameDecoder;
import io.casty.client.protocol.Frame;
import io.casty.client.protocol.FrameCodec;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import reactor.netty.Connection;
import reactor.netty.tcp.TcpClient;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code casty ping}: the round trip of Casty's handshake to each member, on a fresh
 * connection per probe (TCP connect, then handshake out and the node's handshake back). The
 * connect time is reported apart.
 *
 * @since 0.1.0
 */
@Command(name = "ping", description = "Measure the handshake round trip to each member (a fresh connection per probe).")
final class PingCommand extends ClusterCommand {

	@Option(names = "--count", paramLabel = "N", defaultValue = "3", description = "Probes per member (default: ${DEFAULT-VALUE}).")
	int count = 3;

	@Override
	int run(ClusterSession session, CliIo io) {
		if (this.count < 1) {
			throw new CliException(ExitCodes.USAGE, "--count must be at least 1");
		}
		SslContext ssl = this.cluster.sslContext();
		String identity = "-jc-ping-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		List<ClusterMember> members = session.topology()
			.members()
			.stream()
			.filter((m) -> m.status() != MemberState.REMOVED)
			.sorted((a, b) -> a.address().compareTo(b.address()))
			.toList();
		ArrayNode results = JsonNodeFactory.instance.arrayNode();
		List<String[]> rows = new ArrayList<>();
		rows.add(new String[] { "MEMBER", "ID", "STATUS", "RTT MIN/AVG/MAX", "CONNECT AVG" });
		boolean allAnswered = true;
		try (Progress progress = session.progress("pinging " + members.size() + " members")) {
			for (ClusterMember member : members) {
				ObjectNode result = results.addObject()
					.put("address", member.address().toString())
					.put("id", member.id())
					.put("status", member.status().name().toLowerCase());
				List<Double> rtts = new ArrayList<>();
				List<Double> connects = new ArrayList<>();
				String error = null;
				for (int i = 0; i < this.count && error == null; i++) {
					try {
						double[] probe = probe(member.address().host(), member.address().port(), identity, ssl,
								session.timeout());
						connects.add(probe[0]);
						rtts.add(probe[1]);
					}
					catch (RuntimeException ex) {
						error = (ex.getMessage() != null) ? ex.getMessage() : ex.toString();
					}
				}
				ArrayNode samples = result.putArray("rttMs");
				rtts.forEach((rtt) -> samples.add(round(rtt)));
				if (error != null) {
					allAnswered = false;
					result.put("error", error);
					rows.add(new String[] { member.address().toString(), member.id(), member.status().name().toLowerCase(),
							"no answer: " + error, "-" });
				}
				else {
					double min = rtts.stream().mapToDouble(Double::doubleValue).min().orElse(0);
					double avg = rtts.stream().mapToDouble(Double::doubleValue).average().orElse(0);
					double max = rtts.stream().mapToDouble(Double::doubleValue).max().orElse(0);
					double connect = connects.stream().mapToDouble(Double::doubleValue).average().orElse(0);
					result.put("minMs", round(min)).put("avgMs", round(avg)).put("maxMs", round(max)).put("connectMs", round(connect));
					rows.add(new String[] { member.address().toString(), member.id(), member.status().name().toLowerCase(),
							String.format("%.2f/%.2f/%.2f ms", min, avg, max), String.format("%.2f ms", connect) });
				}
			}
		}
		if (json()) {
			ObjectNode root = JsonNodeFactory.instance.objectNode();
			root.set("members", results);
			io.json(root);
		}
		else {
			TopologyDescription.table(rows).forEach(io::line);
		}
		return allAnswered ? ExitCodes.OK : ExitCodes.UNAVAILABLE;
	}

	/** One probe: {connect ms, handshake round trip ms}. */
	private static double[] probe(String host, int port, String identity, @Nullable SslContext ssl, Duration timeout) {
		CompletableFuture<Frame.Handshake> answer = new CompletableFuture<>();
		TcpClient tcp = TcpClient.newConnection()
			.host(host)
			.port(port)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
			.doOnConnected((c) -> {
				c.addHandlerFirst("casty-frames", new CastyFrameDecoder(64 * 1024));
				c.addHandlerLast("casty-ping", new ChannelInboundHandlerAdapter() {
					@Override
					public void channelRead(ChannelHandlerContext ctx, Object msg) {
						if (msg instanceof Frame.Handshake hello) {
							answer.complete(hello);
						}
						ReferenceCountUtil.release(msg);
					}

					@Override
					public void channelInactive(ChannelHandlerContext ctx) {
						answer.completeExceptionally(new IllegalStateException("the node closed the connection"));
						ctx.fireChannelInactive();
					}
				});
			});
		if (ssl != null) {
			tcp = tcp.secure((spec) -> spec.sslContext(ssl));
		}
		long started = System.nanoTime();
		Connection connection;
		try {
			connection = tcp.connectNow(timeout);
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("cannot connect: " + rootMessage(ex), ex);
		}
		try {
			long connected = System.nanoTime();
			Channel channel = connection.channel();
			channel.config().setAutoRead(true);
			ByteBuf hello = channel.alloc().buffer(64);
			FrameCodec.writeHandshake(identity, 0, hello);
			long sent = System.nanoTime();
			channel.writeAndFlush(hello);
			answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			long received = System.nanoTime();
			return new double[] { (connected - started) / 1e6, (received - sent) / 1e6 };
		}
		catch (java.util.concurrent.TimeoutException ex) {
			throw new IllegalStateException("no handshake within " + timeout.toMillis() + " ms");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted");
		}
		catch (java.util.concurrent.ExecutionException ex) {
			throw new IllegalStateException(rootMessage(ex.getCause()));
		}
		finally {
			connection.disposeNow(Duration.ofSeconds(2));
		}
	}

	private static String rootMessage(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return (cause.getMessage() != null) ? cause.getMessage() : cause.toString();
	}

	private static double round(double ms) {
		return Math.round(ms * 1000) / 1000.0;
	}

}
