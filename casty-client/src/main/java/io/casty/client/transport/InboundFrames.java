package io.casty.client.transport;

import io.casty.client.NodeAddress;
import io.casty.client.protocol.Frame;
import io.casty.client.protocol.PayloadRecognizer;

/**
 * Where the transport hands message frames that arrive from any node, on any connection.
 * <p>
 * Internal: a port wired by {@code ClientSession} (backed by the inbound dispatcher); not API, may
 * change without notice.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface InboundFrames {

	/**
	 * Handles one message frame. Called on an I/O thread.
	 * @param from the node whose connection it arrived on
	 * @param frame the frame
	 */
	void onMessage(NodeAddress from, Frame.Message frame);

	/**
	 * Handles an ask reply that a frame decoder took without decoding it into a frame (its
	 * header in the exact form Casty writes). Called on an I/O thread.
	 * @param idHigh the first 16 hex digits of its target's ask id, as a number
	 * @param idLow the last 16
	 * @param payload holds the payload; valid only during the call: neither keep nor change it
	 * @param offset where the payload starts
	 * @param length its length in bytes
	 * @return whether it was handled; if not ({@code false} by default), the frame is decoded
	 * and handed to {@link #onMessage} as every other
	 */
	default boolean reply(long idHigh, long idLow, byte[] payload, int offset, int length) {
		return false;
	}

	/**
	 * Recognises large payloads the inbound side holds decoded already, so that the frame
	 * decoders need not copy them.
	 * @return the recognizer; {@link PayloadRecognizer#NONE} by default
	 */
	default PayloadRecognizer recognizer() {
		return PayloadRecognizer.NONE;
	}

}
