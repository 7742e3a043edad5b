package io.casty.client.protocol;

import java.util.Objects;

/**
 * The JSON header of a message frame.
 *
 * @param target the URI of the recipient actor (receivers use only its path)
 * @param sender {@code casty://<system>@<host>:<port>/}, the sending process
 * @param typeHint the payload's Python type ({@code module.qualname}), informational
 * @since 0.1.0
 */
public record MessageHeader(String target, String sender, String typeHint) {

	public MessageHeader {
		Objects.requireNonNull(target, "target");
		Objects.requireNonNull(sender, "sender");
		Objects.requireNonNull(typeHint, "typeHint");
	}

	/**
	 * Returns the path of the target URI, the only part a Casty node routes by.
	 * @return the path with its leading slash
	 * @throws io.casty.client.InvalidActorAddressException if the target is not an actor URI
	 */
	public String targetPath() {
		String uri = this.target;
		// Fast path for the remote form casty://system@host:port/path, checked like the regex
		if (uri.startsWith("casty://")) {
			int at = uri.indexOf('@', 8);
			int slash = uri.indexOf('/', 8);
			if (at > 8 && slash > at) {
				int colon = uri.lastIndexOf(':', slash);
				if (colon > at + 1 && colon < slash - 1 && slash < uri.length() - 1 && isDigits(uri, colon + 1, slash)
						&& uri.indexOf(':', at) == colon) {
					return uri.substring(slash);
				}
			}
		}
		return io.casty.client.ActorAddress.parse(uri).path();
	}

	private static boolean isDigits(String s, int from, int to) {
		if (to - from > 5) {
			return false;
		}
		for (int i = from; i < to; i++) {
			if (s.charAt(i) < '0' || s.charAt(i) > '9') {
				return false;
			}
		}
		return true;
	}

}
