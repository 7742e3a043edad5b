package io.casty.client.actors;

import java.util.Objects;

/**
 * The mailbox of an actor hosted by the client.
 *
 * @param mailboxCapacity the most messages waiting to be handled
 * @param overflow what a full mailbox does
 * @since 0.1.0
 */
public record ActorOptions(int mailboxCapacity, MailboxOverflow overflow) {

	/** Default mailbox capacity. */
	public static final int DEFAULT_MAILBOX_CAPACITY = 1000;

	public ActorOptions {
		Objects.requireNonNull(overflow, "overflow");
		if (mailboxCapacity < 1) {
			throw new IllegalArgumentException("mailboxCapacity must be at least 1, was " + mailboxCapacity);
		}
	}

	/**
	 * {@link #DEFAULT_MAILBOX_CAPACITY} messages, dropping the newest when full.
	 * @return the defaults
	 */
	public static ActorOptions defaults() {
		return new ActorOptions(DEFAULT_MAILBOX_CAPACITY, MailboxOverflow.DROP_NEWEST);
	}

}
