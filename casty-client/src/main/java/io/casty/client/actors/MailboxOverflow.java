package io.casty.client.actors;

/**
 * What a full mailbox does with one more message. Either way the dropped message is logged
 * and counted ({@link HostedActor#dropped()}, listener reason {@code mailbox-full}).
 *
 * @since 0.1.0
 */
public enum MailboxOverflow {

	/** Drop the message that does not fit. */
	DROP_NEWEST,

	/** Drop the oldest waiting message to make room. */
	DROP_OLDEST

}
