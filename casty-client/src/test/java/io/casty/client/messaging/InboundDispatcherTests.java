package io.casty.client.messaging;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.casty.client.CastyClientListener;
import io.casty.client.NodeAddress;
import io.casty.client.protocol.CastyPaths;
import io.casty.client.protocol.Frame;
import io.casty.client.protocol.FrameCodec;
import io.casty.client.protocol.MessageHeader;
import io.casty.client.protocol.codec.MessageCodec;
import io.casty.client.protocol.codec.MessageTypeRegistry;
import io.casty.client.protocol.messages.Member;
import io.casty.client.protocol.messages.MemberStatus;
import io.casty.client.protocol.messages.ShardLocation;
import io.casty.client.protocol.messages.TopologySnapshot;
import io.casty.client.topology.SnapshotDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one inbound dispatcher, on fake sinks: each well-known path reaches its owner, every
 * other path the client-hosted actors, and what nobody takes is dropped and counted, never
 * thrown.
 */
class InboundDispatcherTests {

	private static final NodeAddress NODE = new NodeAddress("127.0.0.1", 25520);

	private static final String SYSTEM = "casty-client";

	private final MessageCodec codec = new MessageCodec(MessageTypeRegistry.withProtocolTypes());

	private final List<String> received = new CopyOnWriteArrayList<>();

	private final List<String> dropped = new CopyOnWriteArrayList<>();

	private boolean routerTakes = true;

	private boolean actorTakes = true;

	private final InboundDispatcher dispatcher = new InboundDispatcher(this.codec, new SnapshotDecoder(this.codec),
			new CastyClientListener() {
				@Override
				public void inboundDropped(String reason) {
					InboundDispatcherTests.this.dropped.add(reason);
				}

				@Override
				public void lateReply() {
					InboundDispatcherTests.this.dropped.add("late-reply");
				}
			}, (idHigh, idLow, payload, offset, length) -> this.received.add("reply " + CastyPaths.askId(idHigh, idLow)
					+ " " + this.codec.decode(payload, offset, length, Integer.class)),
			(from, snapshot) -> this.received.add("snapshot from " + from + " epoch " + snapshot.allocationEpoch()),
			(type, location) -> {
				this.received.add("location of " + type + " shard " + location.shardId());
				return this.routerTakes;
			}, (from, path, frame) -> {
				this.received.add("actor " + path);
				return this.actorTakes;
			});

	@Test
	void anAskReplyGoesToTheAskRegistryById() {
		String id = CastyPaths.newAskId();
		dispatch(CastyPaths.askPath(id), this.codec.encode(5));
		assertThat(this.received).containsExactly("reply " + id + " 5");
		assertThat(this.dropped).isEmpty();
	}

	@Test
	void aTopologySnapshotIsDecodedAndGoesToTheTopology() {
		TopologySnapshot snapshot = new TopologySnapshot(Set.of(new Member(NODE, MemberStatus.UP, Set.of(), "node-1")),
				NODE, Map.of(), 7, Set.of(), Set.of());
		dispatch(CastyPaths.TOPOLOGY_SUBSCRIBER, this.codec.encode(snapshot));
		assertThat(this.received).containsExactly("snapshot from " + NODE + " epoch 7");
	}

	@Test
	void aCoordinatorAnswerGoesToTheRouterOfItsType() {
		dispatch(CastyPaths.proxyPath("counter"), this.codec.encode(new ShardLocation(3, NODE, List.of())));
		assertThat(this.received).containsExactly("location of counter shard 3");
		assertThat(this.dropped).isEmpty();
	}

	@Test
	void anAnswerNoRouterTakesIsOfferedToTheActorsThenDropped() {
		this.routerTakes = false;
		this.actorTakes = false;
		dispatch(CastyPaths.proxyPath("gone"), this.codec.encode(new ShardLocation(3, NODE, List.of())));
		assertThat(this.received).containsExactly("location of gone shard 3", "actor " + CastyPaths.proxyPath("gone"));
		assertThat(this.dropped).containsExactly("unknown-target");
	}

	@Test
	void anyOtherPathGoesToTheClientHostedActors() {
		dispatch("/user/greeter", this.codec.encode(1));
		assertThat(this.received).containsExactly("actor /user/greeter");
		assertThat(this.dropped).isEmpty();
	}

	@Test
	void aPathNobodyTakesIsDroppedAndCounted() {
		this.actorTakes = false;
		dispatch("/user/nobody", this.codec.encode(1));
		assertThat(this.dropped).containsExactly("unknown-target");
	}

	@Test
	void aMalformedAskPathIsALateReplyNotAnActorMessage() {
		dispatch(CastyPaths.ASK_PREFIX + "not-an-id", this.codec.encode(1));
		assertThat(this.received).isEmpty();
		assertThat(this.dropped).containsExactly("late-reply");
	}

	@Test
	void anAskPathWhoseIdIsNotLowercaseHexIsALateReplyAndReachesNoAsk() {
		dispatch(CastyPaths.ASK_PREFIX + "0123456789ABCDEF0123456789ABCDEF", this.codec.encode(1));
		dispatch(CastyPaths.ASK_PREFIX + "0123456789abcdef0123456789abcdeg", this.codec.encode(1));
		assertThat(this.received).isEmpty();
		assertThat(this.dropped).containsExactly("late-reply", "late-reply");
	}

	@Test
	void anAskReplyReadOffTheWireGoesToTheRegistryByItsNumbers() {
		MessageHeader header = new MessageHeader(CastyPaths.uri(SYSTEM, "127.0.0.1", 40000, CastyPaths.askPath(7, -2)),
				"casty://casty@127.0.0.1:25520/", "int");
		ByteBuf frame = Unpooled.buffer();
		FrameCodec.writeMessage(header, this.codec.encode(9), frame);
		try {
			this.dispatcher.onMessage(NODE, (Frame.Message) FrameCodec.decodeWhole(frame));
		}
		finally {
			frame.release();
		}
		assertThat(this.received).containsExactly("reply " + CastyPaths.askId(7, -2) + " 9");
	}

	@Test
	void anAskReplyTheFrameDecoderTookGoesToTheRegistryFromItsRange() {
		byte[] bytes = ("[[" + new String(this.codec.encode(11), java.nio.charset.StandardCharsets.UTF_8) + "]]")
			.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(this.dispatcher.reply(7, -2, bytes, 2, bytes.length - 4)).isTrue();
		assertThat(this.received).containsExactly("reply " + CastyPaths.askId(7, -2) + " 11");
		assertThat(this.dropped).isEmpty();
	}

	@Test
	void anUndecodablePayloadIsDroppedAndCounted() {
		dispatch(CastyPaths.proxyPath("counter"), new byte[] { (byte) 0xc1 });
		dispatch(CastyPaths.TOPOLOGY_SUBSCRIBER, new byte[] { (byte) 0xc1 });
		assertThat(this.received).isEmpty();
		assertThat(this.dropped).containsExactly("undecodable-payload", "undecodable-payload");
	}

	@Test
	void aTargetThatIsNoCastyUriIsDropped() {
		this.dispatcher.onMessage(NODE, new Frame.Message(new MessageHeader("not a uri", "", "int"), new byte[0]));
		assertThat(this.received).isEmpty();
		assertThat(this.dropped).containsExactly("unknown-target");
	}

	private void dispatch(String path, byte[] payload) {
		String target = CastyPaths.uri(SYSTEM, "127.0.0.1", 40000, path);
		this.dispatcher.onMessage(NODE,
				new Frame.Message(new MessageHeader(target, CastyPaths.senderUri("casty", "127.0.0.1", 25520), "x"),
						payload));
	}

}
