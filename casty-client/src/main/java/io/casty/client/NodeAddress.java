package io.casty.client;

import java.util.Comparator;
import java.util.Objects;

/**
 * The address of a Casty node, {@code host:port} as the node advertises it: the value the
 * public API speaks (contact points, owners, members, listener events). It is also the
 * payload of Casty's {@code casty.cluster.state.NodeAddress} dataclass, so the wire records
 * of topology snapshots carry it unchanged.
 * <p>
 * Ordered by {@link #ORDER}, the one address order of the client and the testkit.
 *
 * @param host the host as the node advertises it (compared as a plain string)
 * @param port the port
 * @since 0.1.0
 */
@CastyMessage("casty.cluster.state.NodeAddress")
public record NodeAddress(String host, int port) implements Comparable<NodeAddress> {

	/**
	 * Orders addresses as Python orders {@code (host, port)} tuples, which is how Casty picks
	 * its leader and the lowest member: host by Unicode code point, then port. (Plain
	 * {@link String#compareTo} compares UTF-16 units and disagrees beyond the BMP.)
	 */
	public static final Comparator<NodeAddress> ORDER = (a, b) -> {
		int c = compareCodePoints(a.host(), b.host());
		return (c != 0) ? c : Integer.compare(a.port(), b.port());
	};

	public NodeAddress {
		Objects.requireNonNull(host, "host");
	}

	/**
	 * Parses {@code host:port}.
	 * @param hostAndPort the text
	 * @return the address
	 * @throws IllegalArgumentException if it is not {@code host:port} with a valid port
	 */
	public static NodeAddress parse(String hostAndPort) {
		int colon = hostAndPort.lastIndexOf(':');
		if (colon <= 0 || colon == hostAndPort.length() - 1) {
			throw new IllegalArgumentException("'" + hostAndPort + "' is not host:port (for example 127.0.0.1:25520)");
		}
		String host = hostAndPort.substring(0, colon);
		if (host.indexOf(':') >= 0) {
			throw new IllegalArgumentException("'" + hostAndPort + "': Casty does not support IPv6 literals; use a host name");
		}
		int port;
		try {
			port = Integer.parseInt(hostAndPort.substring(colon + 1));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("'" + hostAndPort + "' has a port that is not a number");
		}
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("'" + hostAndPort + "' has a port outside 0-65535");
		}
		return new NodeAddress(host, port);
	}

	private static int compareCodePoints(String a, String b) {
		int i = 0;
		int j = 0;
		while (i < a.length() && j < b.length()) {
			int ca = a.codePointAt(i);
			int cb = b.codePointAt(j);
			if (ca != cb) {
				return Integer.compare(ca, cb);
			}
			i += Character.charCount(ca);
			j += Character.charCount(cb);
		}
		return Integer.compare(a.length() - i, b.length() - j);
	}

	@Override
	public int compareTo(NodeAddress other) {
		return ORDER.compare(this, other);
	}

	@Override
	public String toString() {
		return this.host + ":" + this.port;
	}

}
