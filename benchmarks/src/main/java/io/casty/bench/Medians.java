package io.casty.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The median of several runs' results, key by key: numbers take their median (the middle
 * run's value for an odd count), booleans must hold in every run, anything else is taken
 * from the runs joined by {@code " | "}.
 *
 * @since 0.1.0
 */
final class Medians {

	private Medians() {
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> of(List<? extends Map<String, Object>> runs) {
		Map<String, Object> out = new LinkedHashMap<>();
		for (String key : runs.get(0).keySet()) {
			List<Object> values = new ArrayList<>();
			for (Map<String, Object> run : runs) {
				if (run.containsKey(key)) {
					values.add(run.get(key));
				}
			}
			Object first = values.get(0);
			if (first instanceof Map) {
				out.put(key, of((List<Map<String, Object>>) (List<?>) values));
			}
			else if (first instanceof Number) {
				out.put(key, median(values));
			}
			else if (first instanceof Boolean) {
				out.put(key, values.stream().allMatch(Boolean.TRUE::equals));
			}
			else {
				out.put(key, String.join(" | ", values.stream().map(String::valueOf).distinct().toList()));
			}
		}
		return out;
	}

	private static Object median(List<Object> values) {
		if (values.size() == 1) {
			return values.get(0);
		}
		List<Object> sorted = new ArrayList<>(values);
		sorted.sort((a, b) -> Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue()));
		int middle = sorted.size() / 2;
		if (sorted.size() % 2 == 1) {
			return sorted.get(middle);
		}
		return ThreadUsage.round((((Number) sorted.get(middle - 1)).doubleValue()
				+ ((Number) sorted.get(middle)).doubleValue()) / 2);
	}

}
