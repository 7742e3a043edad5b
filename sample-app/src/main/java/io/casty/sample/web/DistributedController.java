package io.casty.sample.web;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.casty.client.distributed.CastyCounter;
import io.casty.client.distributed.CastyDistributed;
import io.casty.client.distributed.CastyLock;
import io.casty.client.distributed.CastyMap;
import io.casty.client.distributed.Permit;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Casty's distributed structures, as {@code casty_sample.structures} creates them on the
 * nodes: a visit counter, a settings map and a lock guarding report generation.
 *
 * @since 0.1.0
 */
@RestController
public class DistributedController {

	private final CastyCounter visits;

	private final CastyMap<String, String> settings;

	private final CastyLock reports;

	DistributedController(CastyDistributed distributed) {
		this.visits = distributed.counter("visits");
		this.settings = distributed.map("settings", String.class, String.class);
		this.reports = distributed.lock("reports");
	}

	@PostMapping("/visits")
	CompletableFuture<Visits> visit() {
		return this.visits.increment().thenApply(Visits::new);
	}

	@GetMapping("/visits")
	CompletableFuture<Visits> visits() {
		return this.visits.get().thenApply(Visits::new);
	}

	@PutMapping("/settings/{key}")
	CompletableFuture<Setting> put(@PathVariable String key, @RequestBody SettingValue body) {
		if (body.value() == null || body.value().isBlank()) {
			throw new InvalidRequestException("value must be a non-empty string");
		}
		return this.settings.put(EntityIds.require(key), body.value())
			.thenApply((previous) -> new Setting(key, body.value(), previous));
	}

	@GetMapping("/settings/{key}")
	CompletableFuture<ResponseEntity<Setting>> get(@PathVariable String key) {
		return this.settings.get(EntityIds.require(key))
			.thenApply((value) -> (value != null) ? ResponseEntity.ok(new Setting(key, value, null))
					: ResponseEntity.notFound().build());
	}

	/**
	 * Generates a report while holding the cluster-wide lock: only one instance of the
	 * application (and one request) at a time; a concurrent request gets 409 at once.
	 * @param id the report
	 * @return the report, or 409 while another generation holds the lock
	 */
	@PostMapping("/reports/{id}")
	ResponseEntity<Report> generate(@PathVariable String id) {
		String report = EntityIds.require(id);
		Optional<Permit> held = this.reports.tryLock();
		if (held.isEmpty()) {
			return ResponseEntity.status(HttpStatus.CONFLICT).build();
		}
		try (Permit permit = held.get()) {
			long run = this.visits.get().join();
			return ResponseEntity.ok(new Report(report, run, permit.owner()));
		}
	}

	/**
	 * The visit counter.
	 * @param visits its value
	 */
	record Visits(long visits) {
	}

	/**
	 * A setting.
	 * @param key its key
	 * @param value its value
	 * @param previous the value it replaced, if any
	 */
	record Setting(String key, String value, @Nullable String previous) {
	}

	/**
	 * The body of a setting.
	 * @param value the value
	 */
	record SettingValue(@Nullable String value) {
	}

	/**
	 * A generated report.
	 * @param report its id
	 * @param visits the visit count it was generated at
	 * @param lockOwner who held the lock meanwhile
	 */
	record Report(String report, long visits, String lockOwner) {
	}

}
