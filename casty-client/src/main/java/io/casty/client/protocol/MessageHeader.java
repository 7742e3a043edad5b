package io.casty.client.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The JSON header of a message frame: {@code target}, the URI of the recipient actor
 * (receivers use only its path), {@code sender}, {@code casty://<system>@<host>:<port>/} of
 * the sending process, and {@code typeHint}, the payload's Python type
 * ({@code module.qualname}), informational.
 * <p>
 * The target of a reply names its ask, new every time: a header read off the wire keeps
 * such a target as the ask id's two numbers and the (repeating) text before them, and makes
 * the target's string only if someone asks for it. A value: equal when the three members
 * are. Read by one thread at a time (the I/O thread that decoded it, then its dispatcher).
 *
 * @since 0.1.0
 */
public final class MessageHeader {

	/** {@link #askId} not yet worked out. */
	private static final byte UNKNOWN = 0;

	private static final byte NO_ASK = 1;

	private static final byte ASK = 2;

	/** The whole target, or {@code null} until built from {@link #targetPrefix} and the id. */
	private @Nullable String target;

	/** The target's text before the ask id, when it is kept as numbers. */
	private final @Nullable String targetPrefix;

	private final String sender;

	private final String typeHint;

	private byte askId;

	private long askIdHigh;

	private long askIdLow;

	/**
	 * Creates a header.
	 * @param target the URI of the recipient actor
	 * @param sender the sending process's URI
	 * @param typeHint the payload's Python type
	 */
	public MessageHeader(String target, String sender, String typeHint) {
		this.target = Objects.requireNonNull(target, "target");
		this.targetPrefix = null;
		this.sender = Objects.requireNonNull(sender, "sender");
		this.typeHint = Objects.requireNonNull(typeHint, "typeHint");
	}

	/** A reply's header read off the wire: its target is {@code targetPrefix} and the id's 32 hex digits. */
	MessageHeader(String targetPrefix, long askIdHigh, long askIdLow, String sender, String typeHint) {
		this.targetPrefix = targetPrefix;
		this.sender = sender;
		this.typeHint = typeHint;
		this.askId = ASK;
		this.askIdHigh = askIdHigh;
		this.askIdLow = askIdLow;
	}

	/**
	 * The URI of the recipient actor.
	 * @return the target
	 */
	public String target() {
		String target = this.target;
		if (target == null) {
			// racy on purpose: a String is safely published, and two threads build equal ones
			target = this.targetPrefix + CastyPaths.askId(this.askIdHigh, this.askIdLow);
			this.target = target;
		}
		return target;
	}

	/**
	 * The sending process.
	 * @return {@code casty://<system>@<host>:<port>/}
	 */
	public String sender() {
		return this.sender;
	}

	/**
	 * The payload's Python type, informational.
	 * @return {@code module.qualname}
	 */
	public String typeHint() {
		return this.typeHint;
	}

	/**
	 * Whether the target is a reply path: {@code /_ask/} and 32 lowercase hex digits at its
	 * end (see {@link CastyPaths#askIdOf}). Its id is then {@link #askIdHigh()} and
	 * {@link #askIdLow()}.
	 * @return whether it is
	 */
	public boolean isAskReply() {
		if (this.askId == UNKNOWN) {
			String id = CastyPaths.askIdOf(this.target());
			if (id != null && CastyPaths.isAskId(id)) {
				byte[] digits = id.getBytes(StandardCharsets.ISO_8859_1);
				this.askIdHigh = CastyPaths.hex16(digits, 0);
				this.askIdLow = CastyPaths.hex16(digits, 16);
				this.askId = ASK;
			}
			else {
				this.askId = NO_ASK;
			}
		}
		return this.askId == ASK;
	}

	/**
	 * The first 16 hex digits of a reply's ask id, as a number.
	 * @return the number; meaningful only if {@link #isAskReply()}
	 */
	public long askIdHigh() {
		return this.askIdHigh;
	}

	/**
	 * The last 16 hex digits of a reply's ask id, as a number.
	 * @return the number; meaningful only if {@link #isAskReply()}
	 */
	public long askIdLow() {
		return this.askIdLow;
	}

	/**
	 * Returns the path of the target URI, the only part a Casty node routes by
	 * (see {@link CastyPaths#pathOf(String)}).
	 * @return the path with its leading slash
	 * @throws io.casty.client.InvalidActorAddressException if the target is not an actor URI
	 */
	public String targetPath() {
		return CastyPaths.pathOf(target());
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof MessageHeader that && target().equals(that.target()) && this.sender.equals(that.sender)
				&& this.typeHint.equals(that.typeHint);
	}

	@Override
	public int hashCode() {
		return Objects.hash(target(), this.sender, this.typeHint);
	}

	@Override
	public String toString() {
		return "MessageHeader[target=" + target() + ", sender=" + this.sender + ", typeHint=" + this.typeHint + "]";
	}

}
