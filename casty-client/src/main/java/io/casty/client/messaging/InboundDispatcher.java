package io.casty.client.messaging;

import io.casty.client.CastyClientListener;
import io.casty.client.InvalidActorAddressException;
import io.casty.client.MessageCodecException;
import io.casty.client.NodeAddress;
import io.casty.client.internal.LogLimiter;
import io.casty.client.protocol.CastyPaths;
import io.casty.client.protocol.Frame;
import io.casty.client.protocol.MessageHeader;
import io.casty.client.protocol.PayloadRecognizer;
import io.casty.client.protocol.codec.MessageCodec;
import io.casty.client.protocol.messages.ShardLocation;
import io.casty.client.protocol.messages.TopologySnapshot;
import io.casty.client.topology.SnapshotDecoder;
import io.casty.client.transport.InboundFrames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place inbound messages are dispatched by their target path, parsed with
 * {@link CastyPaths}: ask replies ({@code /_ask/<id>}) to the ask registry, topology
 * snapshots ({@code /_topology_sub}) to the topology, coordinator answers
 * ({@code /_proxy-<type>}) to the routing, and every other path to the {@link LocalActors}
 * hook, where actors hosted by the client can be plugged in. What nobody takes is dropped and
 * counted, never thrown back into the connection.
 * <p>
 * Internal: wired by {@code ClientSession}; not API, may change without notice.
 *
 * @since 0.1.0
 */
public final class InboundDispatcher implements InboundFrames {

	private static final Logger logger = LoggerFactory.getLogger(InboundDispatcher.class);

	private final LogLimiter logs = new LogLimiter(logger);

	private final MessageCodec codec;

	private final SnapshotDecoder snapshotDecoder;

	private final CastyClientListener listener;

	private final AskReplies replies;

	private final SnapshotSink snapshots;

	private final LocationSink locations;

	private final LocalActors localActors;

	/**
	 * Creates the dispatcher.
	 * @param codec decodes the payloads of locations
	 * @param snapshotDecoder decodes the payloads of snapshots
	 * @param listener counts drops
	 * @param replies receives ask replies
	 * @param snapshots receives topology snapshots
	 * @param locations receives coordinator answers
	 * @param localActors receives messages to every other path
	 */
	public InboundDispatcher(MessageCodec codec, SnapshotDecoder snapshotDecoder, CastyClientListener listener,
			AskReplies replies, SnapshotSink snapshots, LocationSink locations, LocalActors localActors) {
		this.codec = codec;
		this.snapshotDecoder = snapshotDecoder;
		this.listener = listener;
		this.replies = replies;
		this.snapshots = snapshots;
		this.locations = locations;
		this.localActors = localActors;
	}

	@Override
	public PayloadRecognizer recognizer() {
		return this.snapshotDecoder;
	}

	@Override
	public boolean reply(long idHigh, long idLow, byte[] payload, int offset, int length) {
		this.replies.reply(idHigh, idLow, payload, offset, length);
		return true;
	}

	@Override
	public void onMessage(NodeAddress from, Frame.Message frame) {
		MessageHeader header = frame.header();
		if (header.isAskReply()) {
			byte[] payload = frame.payload();
			this.replies.reply(header.askIdHigh(), header.askIdLow(), payload, 0, payload.length);
			return;
		}
		String target = header.target();
		if (CastyPaths.askIdOf(target) != null) {
			// a reply path whose id no ask can have (not lowercase hex): a late reply to nobody
			this.listener.lateReply();
			return;
		}
		String path;
		try {
			path = CastyPaths.pathOf(target);
		}
		catch (InvalidActorAddressException ex) {
			this.listener.inboundDropped("unknown-target");
			return;
		}
		try {
			if (path.equals(CastyPaths.TOPOLOGY_SUBSCRIBER)) {
				TopologySnapshot snapshot = (frame.recognized() instanceof TopologySnapshot known) ? known
						: this.snapshotDecoder.decode(frame.payload());
				if (snapshot != null) {
					this.snapshots.onSnapshot(from, snapshot);
				}
				return;
			}
			String proxyType = CastyPaths.proxyTypeOf(path);
			if (proxyType != null) {
				ShardLocation location = this.codec.decode(frame.payload(), ShardLocation.class);
				if (location != null && this.locations.onLocation(proxyType, location)) {
					return;
				}
			}
			if (path.startsWith(CastyPaths.ASK_PREFIX)) {
				this.listener.lateReply();
				return;
			}
			if (this.localActors.deliver(from, path, frame)) {
				return;
			}
		}
		catch (MessageCodecException ex) {
			this.listener.inboundDropped("undecodable-payload");
			this.logs.warn("undecodable-payload " + from, "Dropped an undecodable message from {} to {}: {}", from, path,
					ex.getMessage());
			return;
		}
		logger.debug("Dropped a message from {} to unknown path {}", from, path);
		this.listener.inboundDropped("unknown-target");
	}

	/**
	 * Receives replies to asks.
	 */
	@FunctionalInterface
	public interface AskReplies {

		/**
		 * A reply arrived.
		 * @param idHigh the first 16 hex digits of its target path's ask id, as a number
		 * @param idLow the last 16
		 * @param payload holds the encoded reply; valid only during the call: neither keep nor
		 * change it
		 * @param offset where the reply starts in {@code payload}
		 * @param length its length in bytes
		 */
		void reply(long idHigh, long idLow, byte[] payload, int offset, int length);

	}

	/**
	 * Receives topology snapshots.
	 */
	@FunctionalInterface
	public interface SnapshotSink {

		/**
		 * A snapshot arrived.
		 * @param from the node whose connection it arrived on
		 * @param snapshot the snapshot
		 */
		void onSnapshot(NodeAddress from, TopologySnapshot snapshot);

	}

	/**
	 * Receives coordinator answers to {@code GetShardLocation}.
	 */
	@FunctionalInterface
	public interface LocationSink {

		/**
		 * An answer arrived at a shard proxy.
		 * @param shardType the proxy's shard type
		 * @param location the answer
		 * @return whether a router of that type took it
		 */
		boolean onLocation(String shardType, ShardLocation location);

	}

	/**
	 * Actors hosted by the client, reached by nodes through any path that is not one of the
	 * client's well-known ones.
	 */
	@FunctionalInterface
	public interface LocalActors {

		/** Hosts no actor: every such message is dropped and counted. */
		LocalActors NONE = (from, path, frame) -> false;

		/**
		 * Delivers a message to a client-hosted actor. Called on an I/O thread: hand the work
		 * off rather than block.
		 * @param from the node whose connection it arrived on
		 * @param path the target path
		 * @param frame the frame, payload still encoded
		 * @return whether an actor took it
		 */
		boolean deliver(NodeAddress from, String path, Frame.Message frame);

	}

}
