package io.casty.client.routing;

import java.util.List;

import io.casty.client.BufferOverflowException;
import io.casty.client.CastyClientListener.AskOutcome;
import io.casty.client.CastyClientListener;
import io.casty.client.CastyException;
import io.casty.client.ClientClosedException;
import io.casty.client.NodeAddress;
import io.casty.client.NodeUnreachableException;
import io.casty.client.internal.LogLimiter;
import io.casty.client.messaging.AskRegistry;
import io.casty.client.messaging.PendingAsk;
import io.casty.client.protocol.CastyPaths;
import io.casty.client.protocol.EncodedMessage;
import io.casty.client.transport.SendFailure;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the messages of one shard type to the transport, addressed to the owner's
 * {@code /_region-<type>}, and ends those that cannot go: a rejected ask fails through the
 * ask registry, a rejected tell throws in the caller or, once it left the caller (buffered,
 * or failed after it was accepted), is counted and logged as dropped, rate-limited.
 */
final class Delivery {

	private static final Logger logger = LoggerFactory.getLogger(ShardRouter.class);

	private final LogLimiter logs = new LogLimiter(logger);

	private final String shardType;

	private final String regionPath;

	private final ShardTransport transport;

	private final AskRegistry asks;

	private final CastyClientListener listener;

	private final SendFailure tellFailed = this::tellFailed;

	Delivery(String shardType, RoutingContext context) {
		this.shardType = shardType;
		this.regionPath = CastyPaths.regionPath(shardType);
		this.transport = context.transport();
		this.asks = context.asks();
		this.listener = context.options().listener();
	}

	/**
	 * Sends a message to a node, unless it is an ask that is done already.
	 * @param node the owner
	 * @param out the message
	 * @param throwNow whether a rejected tell throws (the caller's thread) or is dropped
	 */
	void deliver(NodeAddress node, Outgoing out, boolean throwNow) {
		deliver(node, out.entityId(), out.envelope(), out.ask(), throwNow);
	}

	/**
	 * Sends a message to a node, unless it is an ask that is done already; takes the
	 * envelope (sent or released).
	 * @param node the owner
	 * @param entityId the entity
	 * @param envelope the message in its shard envelope
	 * @param ask the pending ask, {@code null} for a tell
	 * @param throwNow whether a rejected tell throws (the caller's thread) or is dropped
	 */
	void deliver(NodeAddress node, String entityId, EncodedMessage envelope, @Nullable PendingAsk ask,
			boolean throwNow) {
		if (ask != null) {
			if (ask.hasEnded()) {
				envelope.release();
				return;
			}
			ask.sentTo(node);
		}
		try {
			int lane = this.transport.laneOf(entityId);
			if (ask != null) {
				ask.sentOn(this.transport.request(lane, node, this.regionPath, envelope, ask));
			}
			else {
				this.transport.send(lane, node, this.regionPath, envelope, this.tellFailed);
			}
			this.listener.messageSent(this.shardType);
		}
		catch (NodeUnreachableException ex) {
			reject(entityId, envelope, ask, ex, AskOutcome.UNREACHABLE, throwNow);
		}
		catch (BufferOverflowException ex) {
			this.listener.bufferRejected(this.shardType);
			reject(entityId, envelope, ask, ex, AskOutcome.REJECTED, throwNow);
		}
		catch (ClientClosedException ex) {
			reject(entityId, envelope, ask, ex, AskOutcome.CLOSED, throwNow);
		}
		catch (CastyException ex) {
			reject(entityId, envelope, ask, ex, AskOutcome.ERROR, throwNow);
		}
	}

	/** A tell accepted by a connection that could not write it (it closed while connecting). */
	private void tellFailed(CastyException cause) {
		boolean unreachable = cause instanceof NodeUnreachableException;
		String reason = unreachable ? "node-unreachable" : "rejected";
		this.listener.messageDropped(this.shardType, reason);
		String node = unreachable ? String.valueOf(((NodeUnreachableException) cause).getNode()) : "";
		this.logs.warn(reason + " " + node, "Dropped a message to '{}' that waited for its connection: {}",
				this.shardType, cause.getMessage());
	}

	/**
	 * Ends a message that cannot be sent.
	 * @param out the message
	 * @param cause why
	 * @param outcome the ask's outcome, for the listener
	 * @param throwNow whether a tell throws {@code cause} or is dropped
	 */
	void reject(Outgoing out, CastyException cause, AskOutcome outcome, boolean throwNow) {
		reject(out.entityId(), out.envelope(), out.ask(), cause, outcome, throwNow);
	}

	private void reject(String entityId, EncodedMessage envelope, @Nullable PendingAsk ask, CastyException cause,
			AskOutcome outcome, boolean throwNow) {
		envelope.release();
		if (ask != null) {
			this.asks.fail(ask, cause, outcome);
		}
		else if (throwNow) {
			throw cause;
		}
		else {
			boolean unreachable = cause instanceof NodeUnreachableException;
			String reason = unreachable ? "node-unreachable" : "rejected";
			this.listener.messageDropped(this.shardType, reason);
			// an outage drops every tell for its duration: a few lines, the metric counts them all
			String node = unreachable ? String.valueOf(((NodeUnreachableException) cause).getNode()) : "";
			this.logs.warn(reason + " " + node, "Dropped a message for entity '{}' of '{}': {}", entityId,
					this.shardType, cause.getMessage());
		}
	}

	/**
	 * Fails messages whose shard is on a node that cannot be reached.
	 * @param outs the messages
	 * @param node the node
	 */
	void failUnreachable(List<Outgoing> outs, NodeAddress node) {
		for (Outgoing out : outs) {
			reject(out, new NodeUnreachableException(node, "Shard of entity '" + out.entityId() + "' of '"
					+ this.shardType + "' is on node " + node + ", which cannot be reached"), AskOutcome.UNREACHABLE,
					false);
		}
	}

}
