package io.casty.client.transport;

import io.casty.client.CastyClientListener;
import io.casty.client.NodeAddress;
import io.casty.client.internal.LogLimiter;
import io.casty.client.protocol.Frame;
import io.casty.client.protocol.PayloadRecognizer;

/**
 * Hands the message frames of every connection of a lane to the client's inbound side and
 * counts what cannot be handed over (invalid frames, unknown frame types, handler errors),
 * with rate-limited warnings; the connection handlers warn through it too, so a lane's
 * warnings share one rate limit.
 *
 * @since 0.1.0
 */
final class FrameDispatch {

	private final LogLimiter logs;

	private final InboundFrames inbound;

	private final CastyClientListener listener;

	FrameDispatch(InboundFrames inbound, CastyClientListener listener, LogLimiter logs) {
		this.inbound = inbound;
		this.listener = listener;
		this.logs = logs;
	}

	/**
	 * Hands one frame that arrived from a node on.
	 * @param from the node whose connection it arrived on
	 * @param frame the frame (not a handshake)
	 */
	void dispatch(NodeAddress from, Frame frame) {
		if (frame instanceof Frame.Message message) {
			try {
				this.inbound.onMessage(from, message);
			}
			catch (RuntimeException ex) {
				this.listener.inboundDropped("handler-error");
				this.logs.warn("handler-error " + from, "Dropped a message from {} to {}: {}", from,
						message.header().target(), ex.toString());
			}
		}
		else if (frame instanceof Frame.Invalid invalid) {
			this.listener.inboundDropped("invalid-frame");
			this.logs.warn("invalid-frame " + from, "Dropped an invalid frame from {}: {}", from,
					invalid.error().getMessage());
		}
		else if (frame instanceof Frame.Unknown) {
			this.listener.inboundDropped("unknown-frame-type");
		}
	}

	/**
	 * Hands on an ask reply a frame decoder took without making a frame of it.
	 * @param from the node whose connection it arrived on
	 * @param idHigh the first 16 hex digits of its ask id, as a number
	 * @param idLow the last 16
	 * @param payload holds the payload; valid only during the call
	 * @param offset where the payload starts
	 * @param length its length
	 * @return whether the inbound side took it; if not, the frame is decoded as usual
	 */
	boolean reply(NodeAddress from, long idHigh, long idLow, byte[] payload, int offset, int length) {
		try {
			return this.inbound.reply(idHigh, idLow, payload, offset, length);
		}
		catch (RuntimeException ex) {
			this.listener.inboundDropped("handler-error");
			this.logs.warn("handler-error " + from, "Dropped a reply from {}: {}", from, ex.toString());
			return true;
		}
	}

	/**
	 * The inbound side's recognizer of large payloads, for the lane's frame decoders.
	 * @return the recognizer
	 */
	PayloadRecognizer recognizer() {
		return this.inbound.recognizer();
	}

	/**
	 * Counts an inbound message or connection dropped.
	 * @param reason the bounded reason label
	 */
	void dropped(String reason) {
		this.listener.inboundDropped(reason);
	}

	/**
	 * Warns, at most once per interval and key.
	 * @param key the reason and node
	 * @param format the warning
	 * @param args its arguments
	 */
	void warn(String key, String format, Object... args) {
		this.logs.warn(key, format, args);
	}

}
