package io.casty.sample.messages;

import io.casty.client.CastyMessage;

/**
 * The payment service's status.
 *
 * @param node {@code host:port} of the node hosting the service
 * @param processed the number of {@link PaymentMsg.ProcessPayment} messages it received
 * @since 0.1.0
 */
@CastyMessage("casty_sample.messages.PaymentStatus")
public record PaymentStatus(String node, long processed) {
}
