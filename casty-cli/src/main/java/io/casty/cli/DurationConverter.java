package io.casty.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h} or an ISO-8601 duration.
 *
 * @since 0.1.0
 */
final class DurationConverter implements ITypeConverter<Duration> {

	private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m|h)");

	@Override
	public Duration convert(String value) {
		Matcher matcher = SIMPLE.matcher(value.trim().toLowerCase());
		Duration duration;
		if (matcher.matches()) {
			long amount = Long.parseLong(matcher.group(1));
			duration = switch (matcher.group(2)) {
				case "ms" -> Duration.ofMillis(amount);
				case "s" -> Duration.ofSeconds(amount);
				case "m" -> Duration.ofMinutes(amount);
				default -> Duration.ofHours(amount);
			};
		}
		else {
			try {
				duration = Duration.parse(value);
			}
			catch (RuntimeException ex) {
				throw new TypeConversionException("'" + value + "' is not a duration such as 500ms, 5s, 2m or PT1S");
			}
		}
		if (duration.isZero() || duration.isNegative()) {
			throw new TypeConversionException("'" + value + "' must be positive");
		}
		return duration;
	}

}
