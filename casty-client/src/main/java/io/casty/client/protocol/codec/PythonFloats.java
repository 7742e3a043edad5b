package io.casty.client.protocol.codec;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.io.NumberOutput;

/**
 * Python's {@code repr(float)}, which Casty's JSON payloads carry floats in.
 *
 * @since 0.1.0
 */
final class PythonFloats {

	private PythonFloats() {
	}

	/**
	 * Formats a double as Python's {@code repr(float)}: the shortest digits that round-trip,
	 * positional notation for decimal exponents from -4 to 15 (with a trailing {@code .0} for
	 * integral values), scientific otherwise ({@code 1e-05}, {@code 1.5e+16}).
	 * @param value the value
	 * @return the text Python would write
	 */
	static String repr(double value) {
		if (Double.isNaN(value)) {
			return "NaN";
		}
		if (Double.isInfinite(value)) {
			return (value > 0) ? "Infinity" : "-Infinity";
		}
		if (value == 0.0) {
			return (Double.doubleToRawLongBits(value) < 0) ? "-0.0" : "0.0";
		}
		// Schubfach gives the shortest round-tripping digits (Double.toString on Java 17 does not always).
		BigDecimal shortest = new BigDecimal(NumberOutput.toString(value, true)).stripTrailingZeros();
		if (shortest.precision() == 2) {
			shortest = oneDigitIfRoundTrips(value, shortest);
		}
		String digits = shortest.unscaledValue().abs().toString();
		int decpt = digits.length() - shortest.scale(); // value = 0.digits * 10^decpt
		StringBuilder sb = new StringBuilder(digits.length() + 8);
		if (value < 0) {
			sb.append('-');
		}
		if (decpt > -4 && decpt <= 16) {
			if (decpt <= 0) {
				sb.append("0.");
				sb.append("0".repeat(-decpt));
				sb.append(digits);
			}
			else if (decpt >= digits.length()) {
				sb.append(digits);
				sb.append("0".repeat(decpt - digits.length()));
				sb.append(".0");
			}
			else {
				sb.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length());
			}
		}
		else {
			sb.append(digits.charAt(0));
			if (digits.length() > 1) {
				sb.append('.').append(digits, 1, digits.length());
			}
			int exp = decpt - 1;
			sb.append('e').append(exp < 0 ? '-' : '+');
			int abs = Math.abs(exp);
			if (abs < 10) {
				sb.append('0');
			}
			sb.append(abs);
		}
		return sb.toString();
	}

	/**
	 * Schubfach, like {@code Double.toString} since JDK 19, picks the closest of the one-
	 * and two-digit decimals that round-trip, so {@code Double.MIN_VALUE} comes out as
	 * {@code 4.9e-324}; Python's {@code repr} takes the shortest first ({@code 5e-324}).
	 * This only happens for subnormals with very few significant bits.
	 */
	private static BigDecimal oneDigitIfRoundTrips(double value, BigDecimal twoDigits) {
		BigDecimal exact = new BigDecimal(value);
		@Nullable BigDecimal best = null;
		for (RoundingMode mode : new RoundingMode[] { RoundingMode.FLOOR, RoundingMode.CEILING }) {
			BigDecimal candidate = exact.round(new MathContext(1, mode));
			if (Double.parseDouble(candidate.toString()) != value) {
				continue;
			}
			if (best == null) {
				best = candidate;
				continue;
			}
			int closer = candidate.subtract(exact).abs().compareTo(best.subtract(exact).abs());
			if (closer < 0 || (closer == 0 && !candidate.unscaledValue().testBit(0))) {
				best = candidate;
			}
		}
		return (best != null) ? best.stripTrailingZeros() : twoDigits;
	}

}
