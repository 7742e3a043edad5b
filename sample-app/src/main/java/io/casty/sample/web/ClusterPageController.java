package io.casty.sample.web;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The live figures the cluster page ({@code /}) polls besides {@code /actuator/casty}.
 *
 * @since 0.1.0
 */
@RestController
public class ClusterPageController {

	private final AskStats stats;

	ClusterPageController(AskStats stats) {
		this.stats = stats;
	}

	/**
	 * Asks per second and p99 over the last ten seconds.
	 * @return the figures
	 */
	@GetMapping("/cluster/stats")
	AskStats.Figures stats() {
		return this.stats.figures();
	}

}
