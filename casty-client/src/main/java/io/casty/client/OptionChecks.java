package io.casty.client;

import java.time.Duration;

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

}
