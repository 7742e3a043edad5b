package io.casty.client;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The checks every options builder applies to the value it is given.
 */
final class OptionChecks {

	private OptionChecks() {
	}

	static Duration positive(@Nullable Duration value, String option) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new InvalidOptionException(option, "must be positive", value);
		}
		return value;
	}

	static int atLeastOne(int value, String option) {
		return between(value, 1, Integer.MAX_VALUE, option, "must be at least 1");
	}

	static int port(int value, String option) {
		return between(value, 0, 65535, option, "must be 0-65535");
	}

	static int between(int value, int min, int max, String option, String requirement) {
		if (value < min || value > max) {
			throw new InvalidOptionException(option, requirement, value);
		}
		return value;
	}

	static double fraction(double value, String option) {
		if (!(value >= 0 && value <= 1)) {
			throw new InvalidOptionException(option, "must be between 0 and 1", value);
		}
		return value;
	}

	static String text(@Nullable String value, String option) {
		if (value == null || value.isBlank()) {
			throw new InvalidOptionException(option, "must not be blank", value);
		}
		return value;
	}

	static <T> T notNull(@Nullable T value, String option) {
		if (value == null) {
			throw new InvalidOptionException(option, "must not be null", null);
		}
		return value;
	}

	/**
	 * The checks of {@link CastyClientOptions.Builder#build()}: settings of several groups
	 * that depend on each other.
	 */
	static void consistent(List<NodeAddress> contactPoints, SocketOptions socket, ListenOptions listen) {
		if (contactPoints.isEmpty()) {
			throw new InvalidOptionException("contactPoints",
					"must hold at least one contact point (host:port of a Casty node)", contactPoints);
		}
		int connections = socket.connectionsPerNode();
		Integer advertisedPort = listen.advertisedPort();
		if (connections > 1 && ((listen.port() != 0 && listen.port() + connections - 1 > 65535)
				|| (advertisedPort != null && advertisedPort != 0 && advertisedPort + connections - 1 > 65535))) {
			throw new InvalidOptionException("socket.connectionsPerNode",
					"needs that many consecutive ports from listen.port and listen.advertisedPort", connections);
		}
		if (connections > 1 && !listen.enabled() && listen.advertisedHost() != null
				&& (advertisedPort == null || advertisedPort == 0)) {
			throw new InvalidOptionException("socket.connectionsPerNode", "needs one identity per connection: "
					+ "set listen.advertisedPort (connection k advertises port + k) or leave listen.advertisedHost unset",
					connections);
		}
	}

}
