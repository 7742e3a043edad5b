package io.casty.testkit;

import java.util.function.BiConsumer;

import io.casty.client.ActorAddress;
import io.casty.client.ActorRef;
import io.casty.client.NodeAddress;
import io.casty.client.protocol.CastyPaths;
import io.casty.client.protocol.FrameCodec;
import io.casty.client.protocol.MessageHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a node's messages to refs as a Casty node would: to itself for local refs, in memory
 * to the other nodes of the cluster, and framed through the transport to anyone else (a
 * client), under the node's own sender URI.
 */
final class NodeOutbound implements Outbound {

	private static final Logger logger = LoggerFactory.getLogger(NodeOutbound.class);

	private final String nodeId;

	private final ClusterEnvironment environment;

	private final NodeTransport transport;

	private final NodeCounters counters;

	private final BiConsumer<String, byte[]> toSelf;

	private volatile @org.jspecify.annotations.Nullable String senderUri;

	/**
	 * @param toSelf queues a message for a path of this node
	 */
	NodeOutbound(String nodeId, ClusterEnvironment environment, NodeTransport transport, NodeCounters counters,
			BiConsumer<String, byte[]> toSelf) {
		this.nodeId = nodeId;
		this.environment = environment;
		this.transport = transport;
		this.counters = counters;
		this.toSelf = toSelf;
	}

	@Override
	public void tell(ActorRef<?> to, Object message) {
		byte[] payload;
		try {
			payload = this.environment.codec().encode(message);
		}
		catch (RuntimeException ex) {
			logger.warn("{}: cannot encode {} for {}; dropped", this.nodeId, message.getClass().getName(), to, ex);
			this.counters.dropped.incrementAndGet();
			return;
		}
		sendEncoded(to, this.environment.codec().typeHint(message), payload);
	}

	@Override
	public void sendEncoded(ActorRef<?> to, String typeHint, byte[] payload) {
		ActorAddress target = to.address();
		this.counters.messagesSent.incrementAndGet();
		if (!target.isRemote()) {
			this.toSelf.accept(target.path(), payload);
			return;
		}
		NodeAddress peer = new NodeAddress(target.host(), target.port());
		// Node-to-node traffic stays inside the JVM: same effect, no sockets between nodes.
		if (this.environment.deliver(peer, target.path(), payload)) {
			return;
		}
		ByteBuf frame = Unpooled.buffer(payload.length + 256);
		FrameCodec.writeMessage(new MessageHeader(to.uri(), senderUri(), typeHint), payload, frame);
		this.transport.send(peer, frame);
	}

	@Override
	public ActorRef<Object> self(String path) {
		NodeAddress self = this.transport.address();
		return new ActorRef<>(ActorAddress.of(this.environment.config().systemName(), self.host(), self.port(), path));
	}

	private String senderUri() {
		String sender = this.senderUri;
		if (sender == null) {
			NodeAddress self = this.transport.address();
			sender = CastyPaths.senderUri(this.environment.config().systemName(), self.host(), self.port());
			this.senderUri = sender;
		}
		return sender;
	}

}
