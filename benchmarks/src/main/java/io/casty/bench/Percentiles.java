package io.casty.bench;

import java.util.LinkedHashMap;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * Latency summaries in milliseconds.
 *
 * @since 0.1.0
 */
final class Percentiles {

	private Percentiles() {
	}

	static Map<String, Object> millis(Histogram nanos) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("p50", ms(nanos.getValueAtPercentile(50)));
		out.put("p99", ms(nanos.getValueAtPercentile(99)));
		out.put("p999", ms(nanos.getValueAtPercentile(99.9)));
		out.put("max", ms(nanos.getMaxValue()));
		out.put("mean", ThreadUsage.round(nanos.getMean() / 1e6));
		return out;
	}

	private static double ms(long nanos) {
		return ThreadUsage.round(nanos / 1e6);
	}

}
