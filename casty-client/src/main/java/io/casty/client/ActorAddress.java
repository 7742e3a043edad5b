package io.casty.client;

import java.util.Objects;

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

	private static final String SCHEME = "casty://";

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
	 * Parses a Casty actor URI.
	 * @param uri the URI, as Casty writes it in {@code __ref__} markers and frame headers
	 * @return the address
	 * @throws InvalidActorAddressException if the URI is not of either form
	 */
	public static ActorAddress parse(String uri) {
		Objects.requireNonNull(uri, "uri");
		// casty://<system>@<host>:<port>/<path> or casty://<system>/<path>, scanned by hand:
		// the first '@' or '/' after the scheme ends the system name, and so on.
		if (uri.startsWith(SCHEME)) {
			int systemEnd = indexOfEither(uri, '@', '/', SCHEME.length());
			if (systemEnd > SCHEME.length()) {
				String system = uri.substring(SCHEME.length(), systemEnd);
				if (uri.charAt(systemEnd) == '/') {
					if (systemEnd + 1 < uri.length()) {
						return new ActorAddress(system, null, -1, uri.substring(systemEnd));
					}
				}
				else {
					int hostEnd = indexOfEither(uri, ':', '/', systemEnd + 1);
					if (hostEnd > systemEnd + 1 && uri.charAt(hostEnd) == ':') {
						int portEnd = hostEnd + 1;
						int port = 0;
						while (portEnd < uri.length() && uri.charAt(portEnd) >= '0' && uri.charAt(portEnd) <= '9') {
							if (portEnd - hostEnd > 5) {
								throw new InvalidActorAddressException("Port in actor URI '" + uri + "' is outside 0-65535");
							}
							port = port * 10 + (uri.charAt(portEnd) - '0');
							portEnd++;
						}
						if (portEnd > hostEnd + 1 && portEnd + 1 < uri.length() && uri.charAt(portEnd) == '/') {
							return new ActorAddress(system, uri.substring(systemEnd + 1, hostEnd), port,
									uri.substring(portEnd));
						}
					}
				}
			}
		}
		throw new InvalidActorAddressException("'" + uri
				+ "' is not a Casty actor URI; expected casty://<system>@<host>:<port>/<path> or casty://<system>/<path>");
	}

	/** The index of the first {@code a} or {@code b} from {@code from}, or -1. */
	private static int indexOfEither(String s, char a, char b, int from) {
		for (int i = from; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c == a || c == b) {
				return i;
			}
		}
		return -1;
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
		if (this.host == null) {
			return "casty://" + this.system + this.path;
		}
		return "casty://" + this.system + "@" + this.host + ":" + this.port + this.path;
	}

	@Override
	public String toString() {
		return toUri();
	}

}
