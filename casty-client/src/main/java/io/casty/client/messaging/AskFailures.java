package io.casty.client.messaging;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.casty.client.CastyException;
import io.casty.client.CastyTimeoutException;
import io.casty.client.MessageCodecException;
import io.casty.client.NodeAddress;
import io.casty.client.NodeUnreachableException;
import io.casty.client.UnknownMessageTypeException;
import org.jspecify.annotations.Nullable;

/**
 * The errors asks fail with, each saying what was asked, where, and what it waited for.
 */
final class AskFailures {

	private AskFailures() {
	}

	/**
	 * Why an ask timed out: the cause it was given ({@link PendingAsk#timeoutCause}), else a
	 * {@link CastyTimeoutException}.
	 * @param ask the ask
	 * @return the error
	 */
	static CastyException timedOut(PendingAsk ask) {
		try {
			Supplier<@Nullable CastyException> special = ask.timeoutCause;
			CastyException cause = (special != null) ? special.get() : null;
			if (cause != null) {
				return cause;
			}
		}
		catch (RuntimeException ex) {
			// a plain timeout then
		}
		NodeAddress node = ask.node;
		String where = (node != null) ? " on node " + node : "";
		return new CastyTimeoutException("No reply within " + TimeUnit.NANOSECONDS.toMillis(ask.timeoutNanos) + " ms to "
				+ ask.description() + where + " (waiting for " + ask.waitingFor + ")");
	}

	/**
	 * Why an ask failed when the node its request went to was lost.
	 * @param node the node
	 * @param ask the ask
	 * @param cause why the node was lost
	 * @return the error, naming the node
	 */
	static NodeUnreachableException unreachable(NodeAddress node, PendingAsk ask, CastyException cause) {
		return new NodeUnreachableException(node, "Lost the connection to node " + node + " before "
				+ ask.description() + " was answered: " + cause.getMessage(), cause);
	}

	/**
	 * Why an ask's reply could not be decoded; a decoder bug (any other exception) too, so
	 * that the ask still ends.
	 * @param ask the ask
	 * @param ex what decoding threw
	 * @return the error
	 */
	static MessageCodecException undecodable(PendingAsk ask, RuntimeException ex) {
		if (ex instanceof UnknownMessageTypeException unknown) {
			return new UnknownMessageTypeException(unknown.getTypeName(),
					"The reply to " + ask.description() + " holds an unknown type: " + ex.getMessage(), ex);
		}
		if (ex instanceof MessageCodecException) {
			return new MessageCodecException(
					"The reply to " + ask.description() + " cannot be decoded: " + ex.getMessage(), ex);
		}
		return new MessageCodecException("The reply to " + ask.description() + " cannot be decoded: " + ex, ex);
	}

}
