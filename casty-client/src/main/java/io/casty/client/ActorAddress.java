package io.casty.client;

import java.util.Objects;

import io.casty.client.protocol.CastyPaths;
import org.jspecify.annotations.Nullable;

/**
 * The address of one actor: {@code casty://system@host:port/path} (remote form) or
 * {@code casty://system/path} (local form). The path is held with its leading slash.
 * <p>
 * Casty does not support IPv6 literals (a host cannot contain {@code :}) and does not
 * percent-encode anything, so neither do we: system names cannot contain {@code @} or
 * {@code /}.
 *
 * @param system the actor system name
 * @param host the host, or {@code null} for the local form
 * @param port the port ({@code -1} for the local form)
 * @param path the actor path, starting with {@code /} and not empty after it
 * @since 0.1.0
 */
public record ActorAddress(String system, @Nullable String host, int port, String path) {

	public ActorAddress {
		Objects.requireNonNull(system, "system");
		Objects.requireNonNull(path, "path");
		if (system.isEmpty() || system.indexOf('@') >= 0 || system.indexOf('/') >= 0) {
			throw new InvalidActorAddressException("System name '" + system + "' must be non-empty and contain neither '@' nor '/'");
		}
		if (host != null && (host.isEmpty() || host.indexOf(':') >= 0 || host.indexOf('/') >= 0)) {
			throw new InvalidActorAddressException("Host '" + host
					+ "' must be non-empty and contain neither ':' nor '/' (Casty does not support IPv6 literals)");
		}
		if (host != null && (port < 0 || port > 65535)) {
			throw new InvalidActorAddressException("Port " + port + " is outside 0-65535");
		}
		if (!path.startsWith("/") || path.length() < 2) {
			throw new InvalidActorAddressException("Actor path '" + path + "' must start with '/' and not be empty after it");
		}
	}

	/**
	 * Creates a remote address.
	 * @param system the actor system name
	 * @param host the host
	 * @param port the port
	 * @param path the actor path; a missing leading slash is added
	 * @return the address
	 */
	public static ActorAddress of(String system, String host, int port, String path) {
		return new ActorAddress(system, host, port, path.startsWith("/") ? path : "/" + path);
	}

	/**
	 * Parses a Casty actor URI (see {@link CastyPaths#parse(String)}).
	 * @param uri the URI, as Casty writes it in {@code __ref__} markers and frame headers
	 * @return the address
	 * @throws InvalidActorAddressException if the URI is not of either form
	 */
	public static ActorAddress parse(String uri) {
		return CastyPaths.parse(Objects.requireNonNull(uri, "uri"));
	}

	/**
	 * Whether this is the remote form (with host and port).
	 * @return whether a host is present
	 */
	public boolean isRemote() {
		return this.host != null;
	}

	/**
	 * Returns the same actor under another path.
	 * @param newPath the path, with or without its leading slash
	 * @return the new address
	 */
	public ActorAddress withPath(String newPath) {
		return new ActorAddress(this.system, this.host, this.port, newPath.startsWith("/") ? newPath : "/" + newPath);
	}

	/**
	 * Formats the address as Casty writes it.
	 * @return the URI
	 */
	public String toUri() {
		return (this.host == null) ? CastyPaths.localUri(this.system, this.path)
				: CastyPaths.uri(this.system, this.host, this.port, this.path);
	}

	@Override
	public String toString() {
		return toUri();
	}

}
