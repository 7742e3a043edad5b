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
	 * Recognises large payloads the inbound side holds decoded already, so that the frame
	 * decoders need not copy them.
	 * @return the recognizer; {@link PayloadRecognizer#NONE} by default
	 */
	default PayloadRecognizer recognizer() {
		return PayloadRecognizer.NONE;
	}

}
