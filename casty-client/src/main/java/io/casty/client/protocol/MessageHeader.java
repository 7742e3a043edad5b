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
	 * Returns the path of the target URI, the only part a Casty node routes by
	 * (see {@link CastyPaths#pathOf(String)}).
	 * @return the path with its leading slash
	 * @throws io.casty.client.InvalidActorAddressException if the target is not an actor URI
	 */
	public String targetPath() {
		return CastyPaths.pathOf(this.target);
	}

}
