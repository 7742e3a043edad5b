package io.casty.client.routing;

import java.util.List;

import io.casty.client.BufferOverflowException;
import io.casty.client.CastyClientListener.AskOutcome;
import io.casty.client.CastyClientListener;
import io.casty.client.CastyException;
import io.casty.client.NodeAddress;
import io.casty.client.NodeUnreachableException;
import io.casty.client.internal.LogLimiter;
import io.casty.client.messaging.AskRegistry;
import io.casty.client.messaging.PendingAsk;
import io.casty.client.protocol.CastyPaths;
import io.casty.client.protocol.EncodedMessage;
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
		PendingAsk ask = out.ask();
		if (ask != null) {
			if (ask.isDone()) {
				return;
			}
			ask.sentTo(node);
		}
		try {
			EncodedMessage envelope = out.envelope();
			int lane = this.transport.laneOf(out.entityId());
			if (ask != null) {
				ask.sentOn(this.transport.request(lane, node, this.regionPath, envelope, ask));
			}
			else {
				this.transport.send(lane, node, this.regionPath, envelope,
						(failure) -> reject(out, failure, AskOutcome.UNREACHABLE, false));
			}
			this.listener.messageSent(this.shardType);
		}
		catch (NodeUnreachableException ex) {
			reject(out, ex, AskOutcome.UNREACHABLE, throwNow);
		}
		catch (BufferOverflowException ex) {
			this.listener.bufferRejected(this.shardType);
			reject(out, ex, AskOutcome.REJECTED, throwNow);
		}
		catch (CastyException ex) {
			reject(out, ex, AskOutcome.ERROR, throwNow);
		}
	}

	/**
	 * Ends a message that cannot be sent.
	 * @param out the message
	 * @param cause why
	 * @param outcome the ask's outcome, for the listener
	 * @param throwNow whether a tell throws {@code cause} or is dropped
	 */
	void reject(Outgoing out, CastyException cause, AskOutcome outcome, boolean throwNow) {
		PendingAsk ask = out.ask();
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
			this.logs.warn(reason + " " + node, "Dropped a message for entity '{}' of '{}': {}", out.entityId(),
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
