package io.casty.client.protocol.messages;

import java.util.Comparator;
import java.util.Objects;

import io.casty.client.CastyMessage;

/**
 * A node's advertised address; ordered by host (code point order) then port, as Casty
 * orders them to pick the leader.
 *
 * @param host the host as the node advertises it (compared as a plain string)
 * @param port the port
 * @since 0.1.0
 */
@CastyMessage("casty.cluster.state.NodeAddress")
public record NodeAddress(String host, int port) implements Comparable<NodeAddress> {

	private static final Comparator<NodeAddress> ORDER = Comparator.comparing(NodeAddress::host)
		.thenComparingInt(NodeAddress::port);

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

	@Override
	public int compareTo(NodeAddress other) {
		return ORDER.compare(this, other);
	}

	@Override
	public String toString() {
		return this.host + ":" + this.port;
	}

}
