package io.casty.bench;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wait for quiet JIT compilers ends at its limit when the limit is shorter than the window
 * over which they must stay quiet.
 */
class JitQuietTests {

	@Test
	void aLimitShorterThanTheWindowEndsTheWaitUnquiet() {
		long start = System.nanoTime();
		Map<String, Object> result = JitQuiet.await(Duration.ofMillis(200));
		long tookMs = (System.nanoTime() - start) / 1_000_000;

		assertThat(result).containsEntry("quiet", false);
		assertThat(tookMs).isGreaterThanOrEqualTo(200).isLessThan(JitQuiet.WINDOW.toMillis() + 5_000);
		assertThat(((Number) result.get("compile_ms")).longValue()).isGreaterThanOrEqualTo(0);
	}

}
