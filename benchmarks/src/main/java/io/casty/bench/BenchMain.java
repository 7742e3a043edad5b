package io.casty.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import io.casty.bench.BenchMessages.BenchMessage;
import io.casty.bench.BenchMessages.Ping;
import io.casty.client.CastyClient;
import io.casty.client.CastyClientOptions;
import io.casty.client.NodeAddress;
import io.casty.client.SocketOptions;
import io.casty.client.protocol.CastyPaths;
import io.casty.client.protocol.FrameCodec;
import io.casty.client.protocol.MessageHeader;
import io.casty.client.protocol.codec.MessageCodec;
import io.casty.client.protocol.codec.MessageTypeRegistry;
import io.casty.client.protocol.messages.ShardEnvelope;
import io.casty.client.transport.ClientIdentity;
import io.casty.testkit.CastyTestCluster;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the client benchmarks and prints a table, then the results as one JSON object.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar testkit [--nodes 1,3] [--repeat 3]
 * java -jar benchmarks/target/benchmarks.jar raw
 * java -jar benchmarks/target/benchmarks.jar contact --contact 127.0.0.1:25611 --system casty-bench
 * java -jar benchmarks/target/benchmarks.jar serve --nodes 3 --ports 25711,25712,25713 --system casty-bench
 * CASTY_SRC=/path/to/casty java -jar benchmarks/target/benchmarks.jar compare [--python python3] [--repeat 3]
 * java -jar benchmarks/target/benchmarks.jar jmh [JMH options]
 * </pre>
 *
 * See the module's README for every option and what each figure means.
 *
 * @since 0.1.0
 */
public final class BenchMain {

	static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private BenchMain() {
	}

	/**
	 * Runs one mode.
	 * @param args the mode and its options
	 * @throws Exception if the benchmark cannot run
	 */
	public static void main(String[] args) throws Exception {
		if (args.length > 0 && args[0].equals("jmh")) {
			org.openjdk.jmh.Main.main(Arrays.copyOfRange(args, 1, args.length));
			return;
		}
		if (args.length > 0 && args[0].equals("topology-scale")) {
			topologyScaleMain(Arrays.copyOfRange(args, 1, args.length));
			return;
		}
		if (args.length > 0 && args[0].equals("cold-start")) {
			coldStartMain(Arrays.copyOfRange(args, 1, args.length));
			return;
		}
		if (args.length > 0 && args[0].equals("topology-plot")) {
			topologyPlot(Arrays.copyOfRange(args, 1, args.length));
			return;
		}
		Options options = Options.parse(args);
		if (options.mode.equals("serve")) {
			serve(options);
			return;
		}
		Map<String, Object> report = run(options);
		System.out.println(Table.render(report));
		String json = JSON.writeValueAsString(report);
		if (options.jsonFile != null) {
			Files.writeString(Path.of(options.jsonFile), json, StandardCharsets.UTF_8);
			System.out.println("JSON written to " + options.jsonFile);
		}
		else {
			System.out.println(json);
		}
		System.exit(Boolean.TRUE.equals(report.get("ok")) ? 0 : 1);
	}

	/**
	 * Runs the {@code topology-scale} mode: {@code --json FILE} and {@code --png FILE} write
	 * the report and its plot, the other options go to {@link TopologyScale.Settings}.
	 */
	private static void topologyScaleMain(String[] args) throws IOException {
		List<String> rest = new ArrayList<>();
		@org.jspecify.annotations.Nullable String jsonFile = null;
		@org.jspecify.annotations.Nullable String pngFile = null;
		for (int i = 0; i < args.length; i++) {
			if ((args[i].equals("--json") || args[i].equals("--png")) && i + 1 < args.length) {
				if (args[i].equals("--json")) {
					jsonFile = args[++i];
				}
				else {
					pngFile = args[++i];
				}
			}
			else {
				rest.add(args[i]);
			}
		}
		Map<String, Object> report = topologyScale(rest.toArray(String[]::new));
		System.out.println(TopologyScale.render(report));
		String json = JSON.writeValueAsString(report);
		if (jsonFile != null) {
			Files.writeString(Path.of(jsonFile), json, StandardCharsets.UTF_8);
			System.out.println("JSON written to " + jsonFile);
		}
		else {
			System.out.println(json);
		}
		if (pngFile != null) {
			TopologyScalePlot.write(Map.of("", report), Path.of(pngFile));
			System.out.println("Plot written to " + pngFile);
		}
		System.exit(Boolean.TRUE.equals(report.get("ok")) ? 0 : 1);
	}

	/**
	 * Runs the {@code cold-start} mode: {@code --repeat R} client JVMs per variant (5),
	 * {@code --asks N} per batch (10,000), {@code --json FILE}, {@code --client-jar JAR} (the
	 * client JVMs run another build's benchmarks jar; the cluster and harness stay this one),
	 * {@code --client-java JAVA} (the client JVMs' {@code java}; from Java 25 on the mode adds
	 * the ahead-of-time cache variants).
	 */
	private static void coldStartMain(String[] args) throws IOException, InterruptedException {
		int repeat = 5;
		int asks = 10_000;
		@org.jspecify.annotations.Nullable String jsonFile = null;
		@org.jspecify.annotations.Nullable String clientJar = null;
		@org.jspecify.annotations.Nullable String clientJava = null;
		for (int i = 0; i + 1 < args.length; i += 2) {
			switch (args[i]) {
				case "--repeat" -> repeat = Integer.parseInt(args[i + 1]);
				case "--asks" -> asks = Integer.parseInt(args[i + 1]);
				case "--client-jar" -> clientJar = args[i + 1];
				case "--client-java" -> clientJava = args[i + 1];
				case "--json" -> jsonFile = args[i + 1];
				default -> throw new IllegalArgumentException("Unknown option " + args[i] + "; see the README");
			}
		}
		Map<String, Object> report = ColdStart.run(repeat, asks, "casty-bench", clientJar, clientJava);
		System.out.println(ColdStart.render(report));
		String json = JSON.writeValueAsString(report);
		if (jsonFile != null) {
			Files.writeString(Path.of(jsonFile), json, StandardCharsets.UTF_8);
			System.out.println("JSON written to " + jsonFile);
		}
		else {
			System.out.println(json);
		}
		System.exit(Boolean.TRUE.equals(report.get("ok")) ? 0 : 1);
	}

	/**
	 * Measures the topology's cost per cluster shape (the {@code topology-scale} mode).
	 * @param args {@code --cells 10x10x1000,...}, {@code --push-ms}, {@code --idle-s},
	 * {@code --changes}, {@code --decode-samples}
	 * @return the report
	 */
	public static Map<String, Object> topologyScale(String... args) {
		return new TopologyScale(TopologyScale.Settings.parse(args)).run();
	}

	/**
	 * Plots saved {@code topology-scale} reports side by side:
	 * {@code --input LABEL=FILE} (repeated) and {@code --png FILE}.
	 */
	@SuppressWarnings("unchecked")
	private static void topologyPlot(String[] args) throws IOException {
		Map<String, Map<String, Object>> reports = new LinkedHashMap<>();
		String pngFile = "topology-scale.png";
		for (int i = 0; i + 1 < args.length; i += 2) {
			switch (args[i]) {
				case "--input" -> {
					String[] labelled = args[i + 1].split("=", 2);
					if (labelled.length != 2) {
						throw new IllegalArgumentException("--input takes LABEL=FILE, was " + args[i + 1]);
					}
					reports.put(labelled[0], JSON.readValue(Files.readString(Path.of(labelled[1])), Map.class));
				}
				case "--png" -> pngFile = args[i + 1];
				default -> throw new IllegalArgumentException("Unknown option " + args[i] + "; see the README");
			}
		}
		if (reports.isEmpty()) {
			throw new IllegalArgumentException("topology-plot needs at least one --input LABEL=FILE");
		}
		TopologyScalePlot.write(reports, Path.of(pngFile));
		System.out.println("Plot written to " + pngFile);
	}

	/**
	 * Runs a measuring mode ({@code testkit}, {@code raw} or {@code contact}).
	 * @param args the mode and its options
	 * @return the report: {@code median} of the runs, each run, and the machine
	 */
	public static Map<String, Object> run(String... args) {
		return run(Options.parse(args));
	}

	static Map<String, Object> run(Options options) {
		Map<String, Object> report = new LinkedHashMap<>();
		report.put("measured_at", Instant.now().toString());
		report.put("machine", machine());
		report.put("mode", options.mode);
		report.put("config", options.config);
		report.put("connections_per_node", options.mode.equals("compare") ? options.lanes : options.lanes.get(0));
		List<Map<String, Object>> runs = new ArrayList<>();
		java.nio.file.Path scripts = options.mode.equals("compare") ? PythonCluster.extractScripts() : null;
		for (int i = 0; i < options.repeat; i++) {
			int index = i;
			long stealBefore = stealMillis();
			long runStart = System.nanoTime();
			Map<String, Object> run = new LinkedHashMap<>(switch (options.mode) {
				case "testkit" -> testkitRun(options);
				case "raw" -> rawRun(options, frameSizes(options.system));
				case "contact" -> contactRun(options);
				case "compare" -> CastyCompare.run(options, java.util.Objects.requireNonNull(scripts), index);
				default -> throw new IllegalArgumentException("Unknown mode " + options.mode);
			});
			long stealAfter = stealMillis();
			long runMs = (System.nanoTime() - runStart) / 1_000_000;
			if (stealBefore >= 0 && stealAfter >= 0 && runMs > 0) {
				// cores the hypervisor took from this VM during the run (Linux steal time)
				run.put("machine_steal_cores", ThreadUsage.round((double) (stealAfter - stealBefore) / runMs));
			}
			runs.add(run);
		}
		Map<String, Object> median = Medians.of(runs);
		report.put("median", median);
		report.put("runs", runs);
		report.put("load_after", loadAverage());
		report.put("ok", runs.stream().allMatch(BenchMain::allOk));
		return report;
	}

	private static Map<String, Object> testkitRun(Options options) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("load_before", loadAverage());
		Map<String, Integer> frames = frameSizes(options.system);
		for (int nodes : options.nodes) {
			long start = System.nanoTime();
			try (CastyTestCluster cluster = BenchCluster
				.builder(nodes, new int[nodes], options.system, options.host)
				.start()) {
				double clusterStartMs = (System.nanoTime() - start) / 1e6;
				Map<String, Object> result = clientRun(options, cluster.contactPoints());
				result.put("cluster_start_ms", ThreadUsage.round(clusterStartMs));
				out.put("testkit_" + nodes, result);
			}
		}
		if (!options.skipRaw) {
			out.putAll(rawRun(options, frames));
			for (int nodes : options.nodes) {
				out.put("ratio_" + nodes, ratios(out, "testkit_" + nodes));
			}
		}
		return out;
	}

	private static Map<String, Object> contactRun(Options options) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("load_before", loadAverage());
		List<NodeAddress> contacts = options.contacts.stream().map(NodeAddress::parse).toList();
		out.put("contact", clientRun(options, contacts));
		if (!options.skipRaw) {
			out.putAll(rawRun(options, frameSizes(options.system)));
			out.put("ratio_contact", ratios(out, "contact"));
		}
		return out;
	}

	private static Map<String, Object> clientRun(Options options, List<NodeAddress> contacts) {
		return clientRun(options, contacts, options.lanes.get(0));
	}

	static Map<String, Object> clientRun(Options options, List<NodeAddress> contacts, int lanes) {
		CastyClientOptions.Builder builder = CastyClientOptions.builder()
			.contactPoints(contacts)
			.systemName(options.system)
			.askTimeout(options.config.askTimeout())
			.messageTypes(BenchMessages.TYPES);
		builder.socket((socket) -> {
			if (options.ioThreads > 0) {
				socket.ioThreads(options.ioThreads);
			}
			socket.connectionsPerNode(lanes);
		});
		long start = System.nanoTime();
		try (CastyClient client = CastyClient.start(builder.build())) {
			var view = client.awaitTopology(Duration.ofSeconds(30));
			double firstTopologyMs = (System.nanoTime() - start) / 1e6;
			Map<String, Object> out = new LinkedHashMap<>();
			out.put("members", view.availableMembers().size());
			out.put("first_topology_ms", ThreadUsage.round(firstTopologyMs));
			var bench = client.entityRef(BenchMessages.SHARD_TYPE, BenchMessages.NUM_SHARDS, BenchMessage.class);
			out.putAll(new ClientBench(bench, options.config).runAll());
			return out;
		}
	}

	private static Map<String, Object> rawRun(Options options, Map<String, Integer> frames) {
		Map<String, Object> out = new LinkedHashMap<>();
		BenchConfig config = options.config;
		try (RawEcho echo = new RawEcho()) {
			// warm-up, discarded
			echo.oneWay(config.warmupTells(), frames.get("tell_frame_bytes"), config.runTimeout());
			echo.roundTrips(config.warmupAsks(), 64, frames.get("ask_frame_bytes"), config.runTimeout());
			out.put("raw_one_way", echo.oneWay(config.tells(), frames.get("tell_frame_bytes"), config.runTimeout()));
			Map<String, Object> echoes = new LinkedHashMap<>();
			for (int inFlight : config.concurrency()) {
				echoes.put(Integer.toString(inFlight), echo.roundTrips(config.asksAt(inFlight), inFlight,
						frames.get("ask_frame_bytes"), config.runTimeout()));
			}
			out.put("raw_echo", echoes);
		}
		out.put("frames", frames);
		return out;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> ratios(Map<String, Object> run, String key) {
		Map<String, Object> client = (Map<String, Object>) run.get(key);
		Map<String, Object> out = new LinkedHashMap<>();
		double tells = number(client, "tell", "per_sec");
		out.put("tell_vs_raw_one_way", ThreadUsage.round(tells / number(run, "raw_one_way", "per_sec")));
		Map<String, Object> asks = (Map<String, Object>) client.get("ask");
		Map<String, Object> echoes = (Map<String, Object>) run.get("raw_echo");
		for (String inFlight : asks.keySet()) {
			if (echoes.containsKey(inFlight)) {
				out.put("ask_vs_raw_echo_at_" + inFlight, ThreadUsage.round(
						number(asks, inFlight, "per_sec") / number(echoes, inFlight, "per_sec")));
			}
		}
		return out;
	}

	@SuppressWarnings("unchecked")
	static double number(Map<String, Object> map, String... path) {
		Object value = map;
		for (String key : path) {
			value = ((Map<String, Object>) value).get(key);
		}
		return ((Number) value).doubleValue();
	}

	/**
	 * The byte sizes of the client's frames as it sends them to a node: a tell
	 * ({@code ShardEnvelope(id, Add(1))}) and an ask ({@code ShardEnvelope(id, Ping(seq,
	 * reply_to))}), length prefix included, with five-digit ports as in the runs.
	 */
	static Map<String, Integer> frameSizes(String system) {
		MessageTypeRegistry registry = MessageTypeRegistry.withProtocolTypes().register(BenchMessages.TYPES);
		MessageCodec codec = new MessageCodec(registry);
		ClientIdentity id = new ClientIdentity("127.0.0.1", 41234, system);
		String target = "casty://" + system + "@127.0.0.1:25611" + CastyPaths.regionPath(BenchMessages.SHARD_TYPE);
		Map<String, Integer> out = new LinkedHashMap<>();
		out.put("tell_frame_bytes", frameSize(codec, target, id,
				new ShardEnvelope("tell-18c2f3a4b5d6-12", new BenchMessages.Add(1))));
		out.put("ask_frame_bytes", frameSize(codec, target, id, new ShardEnvelope("ping-12",
				new Ping(12345, id.ref(CastyPaths.ASK_PREFIX + "0123456789abcdef0123456789abcdef")))));
		return out;
	}

	private static int frameSize(MessageCodec codec, String target, ClientIdentity id, Object message) {
		ByteBuf buf = Unpooled.buffer(256);
		FrameCodec.writeMessage(new MessageHeader(target, id.senderUri(), codec.typeHint(message)),
				(b) -> codec.encode(message, b), buf);
		return buf.readableBytes();
	}

	private static void serve(Options options) throws InterruptedException {
		int nodes = options.nodes.get(0);
		int[] ports = (options.ports != null) ? options.ports : new int[nodes];
		CastyTestCluster cluster = BenchCluster.builder(ports.length, ports, options.system, options.host).start();
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			cluster.close();
			stopped.countDown();
		}, "bench-serve-shutdown"));
		System.out.println("CASTY-BENCH READY " + String.join(",",
				cluster.contactPoints().stream().map(Object::toString).toList()) + " system=" + cluster.systemName()
				+ " shard_type=" + BenchMessages.SHARD_TYPE + " shards=" + BenchMessages.NUM_SHARDS);
		System.out.flush();
		stopped.await();
	}

	private static Map<String, Object> machine() {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("cores", Runtime.getRuntime().availableProcessors());
		out.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
				+ System.getProperty("os.arch"));
		out.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
		out.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
		out.put("load_before", loadAverage());
		return out;
	}

	/**
	 * CPU time the hypervisor gave other guests so far (the {@code steal} column of Linux
	 * {@code /proc/stat}), in milliseconds; -1 where it cannot be read.
	 * @return the machine's steal time
	 */
	static long stealMillis() {
		try {
			String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
			String[] fields = cpu.trim().split("\\s+");
			return (fields.length > 8) ? Long.parseLong(fields[8]) * 10 : -1; // USER_HZ is 100
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).trim();
		}
		catch (IOException | RuntimeException ex) {
			return Double.toString(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
		}
	}

	@SuppressWarnings("unchecked")
	private static boolean allOk(Object value) {
		if (value instanceof Map<?, ?> map) {
			Object ok = map.get("ok");
			if (ok instanceof Boolean b && !b) {
				return false;
			}
			return ((Map<String, Object>) map).values().stream().allMatch(BenchMain::allOk);
		}
		return true;
	}

	/** Command-line options. */
	static final class Options {

		String mode = "testkit";

		List<Integer> nodes = List.of(1, 3);

		int @org.jspecify.annotations.Nullable [] ports;

		String host = "127.0.0.1";

		String system = "casty-bench";

		List<String> contacts = new ArrayList<>();

		int repeat = 1;

		int ioThreads;

		/** Connections per node; the compare mode measures each value, the other modes take one. */
		List<Integer> lanes = List.of(SocketOptions.DEFAULT_CONNECTIONS_PER_NODE);

		@org.jspecify.annotations.Nullable String castySrc = System.getenv("CASTY_SRC");

		String python = (System.getenv("CASTY_PYTHON") != null) ? System.getenv("CASTY_PYTHON") : "python3";

		int settleSeconds = 10;

		boolean skipRaw;

		@org.jspecify.annotations.Nullable String jsonFile;

		BenchConfig config = BenchConfig.DEFAULT;

		static Options parse(String... args) {
			Options o = new Options();
			int first = 0;
			if (args.length > 0 && !args[0].startsWith("--")) {
				o.mode = args[0];
				first = 1;
			}
			boolean nodesGiven = Arrays.asList(args).contains("--nodes");
			boolean lanesGiven = Arrays.asList(args).contains("--connections-per-node");
			if (Arrays.asList(args).contains("--quick")) {
				o.config = BenchConfig.QUICK;
			}
			else if (o.mode.equals("compare")) {
				o.config = BenchConfig.COMPARE;
			}
			BenchConfig c = o.config;
			int tells = c.tells();
			int tellEntities = c.tellEntities();
			int asks = c.asks();
			int asksAtOne = c.asksAtOne();
			List<Integer> concurrency = c.concurrency();
			int warmupTells = c.warmupTells();
			int warmupAsks = c.warmupAsks();
			int warmupAsksAtOne = c.warmupAsksAtOne();
			int warmupPasses = c.warmupPasses();
			Duration jitQuiet = c.jitQuietLimit();
			Duration askTimeout = c.askTimeout();
			Duration runTimeout = c.runTimeout();
			for (int i = first; i < args.length; i++) {
				String option = args[i];
				if (option.equals("--quick") || option.equals("--no-raw")) {
					o.skipRaw |= option.equals("--no-raw");
					continue;
				}
				if (i + 1 >= args.length) {
					throw new IllegalArgumentException("Option " + option + " needs a value");
				}
				String value = args[++i];
				switch (option) {
					case "--nodes" -> o.nodes = ints(value);
					case "--ports" -> o.ports = ints(value).stream().mapToInt(Integer::intValue).toArray();
					case "--host" -> o.host = value;
					case "--system" -> o.system = value;
					case "--contact" -> o.contacts.add(value);
					case "--repeat" -> o.repeat = Integer.parseInt(value);
					case "--io-threads" -> o.ioThreads = Integer.parseInt(value);
					case "--connections-per-node" -> o.lanes = ints(value);
					case "--casty-src" -> o.castySrc = value;
					case "--python" -> o.python = value;
					case "--settle-s" -> o.settleSeconds = Integer.parseInt(value);
					case "--json" -> o.jsonFile = value;
					case "--tells" -> tells = Integer.parseInt(value);
					case "--tell-entities" -> tellEntities = Integer.parseInt(value);
					case "--asks" -> asks = Integer.parseInt(value);
					case "--asks-at-one" -> asksAtOne = Integer.parseInt(value);
					case "--concurrency" -> concurrency = ints(value);
					case "--warmup-tells" -> warmupTells = Integer.parseInt(value);
					case "--warmup-asks" -> warmupAsks = Integer.parseInt(value);
					case "--warmup-asks-at-one" -> warmupAsksAtOne = Integer.parseInt(value);
					case "--warmup-passes" -> warmupPasses = Integer.parseInt(value);
					case "--jit-quiet-s" -> jitQuiet = Duration.ofSeconds(Long.parseLong(value));
					case "--timeout-ms" -> askTimeout = Duration.ofMillis(Long.parseLong(value));
					case "--run-timeout-s" -> runTimeout = Duration.ofSeconds(Long.parseLong(value));
					default -> throw new IllegalArgumentException("Unknown option " + option + "; see the README");
				}
			}
			o.config = new BenchConfig(tells, tellEntities, asks, asksAtOne, concurrency, warmupTells, warmupAsks,
					warmupAsksAtOne, warmupPasses, jitQuiet, askTimeout, runTimeout);
			if (o.mode.equals("contact") && o.contacts.isEmpty()) {
				throw new IllegalArgumentException("Mode contact needs --contact host:port");
			}
			if (o.mode.equals("compare")) {
				if (!nodesGiven) {
					o.nodes = List.of(3);
				}
				if (!lanesGiven) {
					o.lanes = List.of(SocketOptions.DEFAULT_CONNECTIONS_PER_NODE);
				}
				if (o.castySrc == null || o.castySrc.isBlank()) {
					throw new IllegalArgumentException(
							"Mode compare needs a Casty v0.21.0 checkout: set CASTY_SRC or pass --casty-src DIR");
				}
				o.skipRaw = true;
			}
			else if (o.lanes.size() != 1) {
				throw new IllegalArgumentException("Mode " + o.mode + " takes one --connections-per-node value");
			}
			if (o.repeat < 1) {
				throw new IllegalArgumentException("--repeat must be at least 1");
			}
			return o;
		}

		private static List<Integer> ints(String value) {
			return Arrays.stream(value.split(",")).map(String::trim).map(Integer::valueOf).toList();
		}

	}

}
