package io.casty.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.casty.bench.BenchMessages.BenchMessage;
import io.casty.client.CastyClient;
import io.casty.client.CastyClientOptions;
import io.casty.client.EntityRef;
import io.casty.client.NodeAddress;
import io.casty.testkit.CastyTestCluster;
import org.jspecify.annotations.Nullable;

/**
 * The {@code cold-start} mode: how long a fresh JVM takes to its first topology and how fast
 * its first asks go, against a local test cluster. The cluster runs in this JVM; each client
 * runs in a new JVM ({@link #main(String[])} of the same jar, which loads nothing of the
 * benchmark before the client), as is and with a dynamic class-data-sharing archive the first
 * run wrote, each also without what is not the client's own start-up (the benchmark's
 * logging, Netty's JFR events) and once more with only the C1 compiler; on Java 25 and later
 * also with an ahead-of-time cache (JEP 483, 514 and 515: classes loaded and linked, and the
 * method profiles of a training run) that a first run wrote. Each reports its timings as one
 * JSON line.
 *
 * @since 0.1.0
 */
public final class ColdStart {

	/** Prefix of the client JVM's result line on its standard output. */
	static final String RESULT = "CASTY-COLD-START ";

	private ColdStart() {
	}

	/** JVM options of the variants that leave out what is not the client's own start-up. */
	private static final List<String> LEAN = List.of(
			// the benchmark's Logback (an application has its own logging anyway)
			"-Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider",
			// Netty registers its buffer events with JFR when JFR is available (about 150 classes,
			// which a CDS archive cannot hold); the events are only recorded when a recording enables them
			"-Dio.netty.jfr.enabled=false");

	/**
	 * The variants, in the order each round runs them: name, whether it uses the CDS archive,
	 * whether it uses the ahead-of-time cache, further JVM options.
	 */
	private static final List<Variant> VARIANTS = List.of(new Variant("default", false, false, List.of()),
			new Variant("cds_archive", true, false, List.of()), new Variant("lean", false, false, LEAN),
			new Variant("cds_lean", true, false, LEAN),
			new Variant("cds_lean_c1", true, false, concat(LEAN, List.of("-XX:TieredStopAtLevel=1"))));

	/**
	 * The variants that need Java 25 or later, run after the others: an ahead-of-time cache
	 * written by a training run (the same client, all its batches), as is and lean.
	 */
	private static final List<Variant> AOT_VARIANTS = List.of(new Variant("aot_cache", false, true, List.of()),
			new Variant("aot_lean", false, true, LEAN));

	/** The first Java feature release whose JVM writes an ahead-of-time cache in one run (JEP 514). */
	static final int AOT_CACHE_SINCE = 25;

	private record Variant(String name, boolean archive, boolean aotCache, List<String> options) {
	}

	/**
	 * Starts a 3-node test cluster and runs {@code repeat} client JVMs per variant.
	 * @param repeat client JVMs per variant
	 * @param asks asks per measured batch
	 * @param system the cluster's actor system name
	 * @param clientClasspath the client JVMs' class path, this JVM's when {@code null} (another
	 * build's jar, so that two builds are measured by the same harness)
	 * @param clientJava the client JVMs' {@code java} command, this JVM's when {@code null}
	 * @return the report: per variant each run and the medians
	 */
	static Map<String, Object> run(int repeat, int asks, String system, @Nullable String clientClasspath,
			@Nullable String clientJava) throws IOException, InterruptedException {
		String classpath = (clientClasspath != null) ? clientClasspath : System.getProperty("java.class.path");
		String java = (clientJava != null) ? clientJava : ProcessHandle.current().info().command().orElse("java");
		int feature = javaFeature(java);
		Map<String, Object> report = new LinkedHashMap<>();
		report.put("measured_at", Instant.now().toString());
		report.put("mode", "cold-start");
		report.put("client_classpath", classpath);
		report.put("load_before", BenchMain.loadAverage());
		report.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
		report.put("client_java", java);
		report.put("client_java_feature", feature);
		List<Variant> variants = (feature >= AOT_CACHE_SINCE) ? concat(VARIANTS, AOT_VARIANTS) : VARIANTS;
		Path dir = Files.createTempDirectory("casty-cold-start");
		Path archive = dir.resolve("client.jsa");
		Path aotCache = dir.resolve("client.aot");
		boolean ok = true;
		try (CastyTestCluster cluster = BenchCluster.builder(3, new int[3], system, "127.0.0.1").start()) {
			String contacts = String.join(",", cluster.contactPoints().stream().map(Object::toString).toList());
			// writes the archive; its own timings include dumping it at exit, not before its figures
			Map<String, Object> dump = client(java, classpath, List.of("-XX:ArchiveClassesAtExit=" + archive),
					contacts, system, asks);
			report.put("archive_run", dump);
			if (feature >= AOT_CACHE_SINCE) {
				// the training run; at its exit the JVM writes the cache (JEP 514's one-step workflow)
				report.put("aot_training_run", client(java, classpath, List.of("-XX:AOTCacheOutput=" + aotCache),
						contacts, system, asks));
				// without a cache the variants would run as plain ones under the cache's name
				ok &= Files.exists(aotCache);
				report.put("aot_cache_written", Files.exists(aotCache));
			}
			Map<String, List<Map<String, Object>>> runs = new LinkedHashMap<>();
			for (Variant variant : variants) {
				runs.put(variant.name(), new ArrayList<>());
			}
			for (int i = 0; i < repeat; i++) {
				// interleaved, so that a change of machine load hits every variant alike
				for (Variant variant : variants) {
					List<String> options = new ArrayList<>(variant.options());
					if (variant.archive() && Files.exists(archive)) {
						options.add("-XX:SharedArchiveFile=" + archive);
					}
					if (variant.aotCache() && Files.exists(aotCache)) {
						options.add("-XX:AOTCache=" + aotCache);
					}
					Map<String, Object> result = client(java, classpath, options, contacts, system, asks);
					result.put("jvm_options", options);
					runs.get(variant.name()).add(result);
				}
			}
			for (Map.Entry<String, List<Map<String, Object>>> variant : runs.entrySet()) {
				Map<String, Object> section = new LinkedHashMap<>();
				section.put("median", Medians.of(variant.getValue()));
				section.put("runs", variant.getValue());
				ok &= variant.getValue().stream().allMatch((r) -> Boolean.TRUE.equals(r.get("ok")));
				report.put(variant.getKey(), section);
			}
		}
		finally {
			Files.deleteIfExists(archive);
			Files.deleteIfExists(aotCache);
			Files.deleteIfExists(dir);
		}
		report.put("load_after", BenchMain.loadAverage());
		report.put("ok", ok);
		return report;
	}

	private static <T> List<T> concat(List<T> first, List<T> second) {
		List<T> all = new ArrayList<>(first);
		all.addAll(second);
		return List.copyOf(all);
	}

	/**
	 * The feature release of a {@code java} command, read from the properties it shows.
	 * @param java the command
	 * @return its {@code java.specification.version}, 0 when it shows none
	 */
	static int javaFeature(String java) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(java, "-XshowSettings:properties", "-version").redirectErrorStream(true)
			.start();
		String shown;
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			shown = String.join("\n", out.lines().toList());
		}
		process.waitFor(1, TimeUnit.MINUTES);
		return specificationVersion(shown);
	}

	/**
	 * The {@code java.specification.version} in the output of {@code -XshowSettings:properties}.
	 * @param shown that output
	 * @return the version's feature number, 0 when the output has none
	 */
	static int specificationVersion(String shown) {
		for (String line : shown.lines().toList()) {
			String trimmed = line.trim();
			if (trimmed.startsWith("java.specification.version = ")) {
				String value = trimmed.substring("java.specification.version = ".length()).trim();
				// Java 8 and earlier say 1.8
				return Integer.parseInt(value.startsWith("1.") ? value.substring(2) : value);
			}
		}
		return 0;
	}

	private static Map<String, Object> client(String java, String classpath, List<String> jvmOptions,
			String contacts, String system, int asks) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(java);
		command.addAll(jvmOptions);
		if (jvmOptions.stream().noneMatch((option) -> option.startsWith("-XX:AOTCache"))) {
			// the ahead-of-time cache options refuse any -Xshare
			command.add("-Xshare:auto");
		}
		command.add("-cp");
		command.add(classpath);
		command.add(ColdStart.class.getName());
		command.add(contacts);
		command.add(system);
		command.add(Integer.toString(asks));
		Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
		String result = null;
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = out.readLine(); line != null; line = out.readLine()) {
				if (line.startsWith(RESULT)) {
					result = line.substring(RESULT.length());
				}
			}
		}
		if (!process.waitFor(5, TimeUnit.MINUTES)) {
			process.destroyForcibly();
		}
		if (result == null) {
			Map<String, Object> failed = new LinkedHashMap<>();
			failed.put("ok", false);
			failed.put("exit", process.exitValue());
			return failed;
		}
		@SuppressWarnings("unchecked")
		Map<String, Object> parsed = BenchMain.JSON.readValue(result, Map.class);
		return parsed;
	}

	/**
	 * The client JVM: first topology, then batches of asks at 64 in flight until the rate
	 * settles; prints one result line.
	 * @param args contact points (comma separated), system name, asks per batch
	 */
	public static void main(String[] args) {
		long mainEntered = System.nanoTime();
		long mainEnteredMillis = System.currentTimeMillis();
		List<NodeAddress> contacts = java.util.Arrays.stream(args[0].split(",")).map(NodeAddress::parse).toList();
		int asks = Integer.parseInt(args[2]);
		CastyClientOptions options = CastyClientOptions.builder()
			.contactPoints(contacts)
			.systemName(args[1])
			.messageTypes(BenchMessages.TYPES)
			.build();
		long started;
		long firstTopology;
		Map<String, Object> out = new LinkedHashMap<>();
		try (CastyClient client = CastyClient.start(options)) {
			started = System.nanoTime();
			client.awaitTopology(Duration.ofSeconds(30));
			firstTopology = System.nanoTime();
			long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
			long processCpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
				.getProcessCpuTime();
			// every thread's CPU, JIT and GC included: unlike the wall time, hardly inflated by other processes
			out.put("process_cpu_to_first_topology_ms", ThreadUsage.round(processCpu / 1e6));
			out.put("classes_loaded_at_first_topology", ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
			out.put("jvm_start_to_main_ms", mainEnteredMillis - jvmStart);
			out.put("main_to_first_topology_ms", ThreadUsage.round((firstTopology - mainEntered) / 1e6));
			out.put("client_start_ms", ThreadUsage.round((started - mainEntered) / 1e6));
			out.put("jvm_start_to_first_topology_ms",
					ThreadUsage.round(mainEnteredMillis - jvmStart + (firstTopology - mainEntered) / 1e6));
			EntityRef<BenchMessage> bench = client.entityRef(BenchMessages.SHARD_TYPE, BenchMessages.NUM_SHARDS,
					BenchMessage.class);
			BenchConfig config = new BenchConfig(0, 1, asks, asks, List.of(64), 0, 0, 0, 1, Duration.ZERO, Duration.ofSeconds(10),
					Duration.ofSeconds(120));
			ClientBench runner = new ClientBench(bench, config);
			Map<String, Object> first = runner.asks(asks, 64);
			out.put("first_asks", first);
			Map<String, Object> last = first;
			for (int i = 0; i < 10; i++) {
				last = runner.asks(asks, 64);
			}
			out.put("warm_asks", last);
			double coldRate = BenchMain.number(first, "per_sec");
			double warmRate = BenchMain.number(last, "per_sec");
			out.put("warm_to_first_rate", ThreadUsage.round(warmRate / Math.max(1e-9, coldRate)));
			out.put("ok", Boolean.TRUE.equals(first.get("ok")) && Boolean.TRUE.equals(last.get("ok")));
		}
		catch (RuntimeException ex) {
			out.put("ok", false);
			out.put("error", ex.toString());
		}
		System.out.println(RESULT + BenchMain.JSON.writer().withoutFeatures(
				tools.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
	}

	/**
	 * The readable form of a report.
	 * @param report a report of {@link #run(int, int, String, String, String)}
	 * @return the table
	 */
	@SuppressWarnings("unchecked")
	static String render(Map<String, Object> report) {
		StringBuilder out = new StringBuilder();
		out.append(String.format("cold-start, %s; client Java %s; load before %s, after %s%n",
				report.get("measured_at"), report.getOrDefault("client_java_feature", "?"), report.get("load_before"),
				report.get("load_after")));
		String row = "%-12s %12s %14s %18s %12s %9s %14s %14s %10s %5s%n";
		out.append(String.format(row, "variant", "JVM→main ms", "main→topo ms", "JVM→first topo ms", "CPU→topo ms",
				"classes", "first asks/s", "warm asks/s", "warm/first", "ok"));
		for (Variant known : concat(VARIANTS, AOT_VARIANTS)) {
			String variant = known.name();
			Object section = report.get(variant);
			if (!(section instanceof Map<?, ?> map)) {
				continue;
			}
			Map<String, Object> median = (Map<String, Object>) map.get("median");
			out.append(String.format(row, variant, median.get("jvm_start_to_main_ms"),
					median.get("main_to_first_topology_ms"), median.get("jvm_start_to_first_topology_ms"),
					median.get("process_cpu_to_first_topology_ms"), median.get("classes_loaded_at_first_topology"),
					nested(median, "first_asks", "per_sec"), nested(median, "warm_asks", "per_sec"),
					median.get("warm_to_first_rate"), median.get("ok")));
		}
		return out.toString();
	}

	@SuppressWarnings("unchecked")
	private static @Nullable Object nested(Map<String, Object> map, String key, String field) {
		Object section = map.get(key);
		return (section instanceof Map<?, ?> m) ? ((Map<String, Object>) m).get(field) : null;
	}

}
