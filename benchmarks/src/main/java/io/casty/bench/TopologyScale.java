package io.casty.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

import io.casty.client.CastyClient;
import io.casty.client.CastyClientOptions;
import io.casty.client.NodeAddress;
import io.casty.client.TopologyOptions;
import io.casty.client.protocol.codec.Compression;
import io.casty.client.protocol.codec.MessageCodec;
import io.casty.client.protocol.codec.MessageTypeRegistry;
import io.casty.client.protocol.codec.PayloadFormat;
import io.casty.client.protocol.messages.TopologySnapshot;
import io.casty.client.topology.TopologyCache;
import io.casty.client.topology.TopologyView;
import io.casty.testkit.CastyTestCluster;
import io.casty.testkit.TestNode;
import org.jspecify.annotations.Nullable;
import org.openjdk.jol.info.GraphLayout;

/**
 * The {@code topology-scale} mode: what the topology costs an idle client as the cluster
 * grows. Per cell (nodes × shard types × shards per type, every shard allocated) it starts a
 * test cluster pushing snapshots at Casty's rate, starts a client, and measures the
 * snapshot's bytes, the client's CPU while idle, the time to decode one snapshot, the heap
 * the topology view holds, and the time from an allocation change to the client's view
 * routing by it.
 *
 * @since 0.1.0
 */
final class TopologyScale {

	/**
	 * Casty v0.21.0 pushes on every gossip message: about 4 snapshots a second per
	 * subscriber in a 3-node cluster.
	 */
	static final Duration CASTY_PUSH_INTERVAL = Duration.ofMillis(250);

	/** Enough for 500,000 allocations; the client's default is 16 MiB (Casty has no limit). */
	static final int MAX_FRAME_BYTES = 256 * 1024 * 1024;

	/**
	 * The cells measured by default, a subset that takes about ten minutes on 2 shared
	 * cores: at 10 nodes every type and shard count but 50 × 10,000 (half a million
	 * allocations, about 90 MB a snapshot, more than the test cluster can encode 4 times a
	 * second on 2 cores), and at 3 and 30 nodes 10 and 50 types of 1,000 shards.
	 */
	static final List<Cell> DEFAULT_CELLS = defaultCells();

	static {
		// JOL cannot ask Unsafe for the field offsets of records; it finds them by probing
		System.setProperty("jol.magicFieldOffset", "true");
	}

	private final Settings settings;

	TopologyScale(Settings settings) {
		this.settings = settings;
	}

	/**
	 * One cluster shape.
	 *
	 * @param nodes test cluster nodes
	 * @param types shard types
	 * @param shards shards per type, all allocated
	 */
	record Cell(int nodes, int types, int shards) {

		static Cell parse(String text) {
			String[] parts = text.trim().split("x");
			if (parts.length != 3) {
				throw new IllegalArgumentException("A cell is NODESxTYPESxSHARDS, e.g. 10x10x1000; was " + text);
			}
			Cell cell = new Cell(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
			if (cell.nodes < 2 || cell.types < 1 || cell.shards < 1) {
				throw new IllegalArgumentException("A cell needs at least 2 nodes, 1 type and 1 shard; was " + text);
			}
			return cell;
		}

		long allocations() {
			return (long) this.types * this.shards;
		}

		@Override
		public String toString() {
			return this.nodes + "x" + this.types + "x" + this.shards;
		}

	}

	/**
	 * What a run measures.
	 *
	 * @param cells the cells, in order
	 * @param pushInterval the test cluster's periodic push interval
	 * @param idle how long idle CPU is measured per cell
	 * @param changes allocation changes timed per cell
	 * @param decodeSamples snapshots decoded for the decode time
	 */
	record Settings(List<Cell> cells, Duration pushInterval, Duration idle, int changes, int decodeSamples) {

		static final Settings DEFAULT = new Settings(DEFAULT_CELLS, CASTY_PUSH_INTERVAL, Duration.ofSeconds(5), 5, 10);

		static Settings parse(String... args) {
			List<Cell> cells = DEFAULT.cells;
			Duration push = DEFAULT.pushInterval;
			Duration idle = DEFAULT.idle;
			int changes = DEFAULT.changes;
			int samples = DEFAULT.decodeSamples;
			for (int i = 0; i < args.length; i++) {
				String option = args[i];
				if (i + 1 >= args.length) {
					throw new IllegalArgumentException("Option " + option + " needs a value");
				}
				String value = args[++i];
				switch (option) {
					case "--cells" -> cells = Arrays.stream(value.split(",")).map(Cell::parse).toList();
					case "--push-ms" -> push = Duration.ofMillis(Long.parseLong(value));
					case "--idle-s" -> idle = Duration.ofMillis((long) (Double.parseDouble(value) * 1000));
					case "--changes" -> changes = Integer.parseInt(value);
					case "--decode-samples" -> samples = Integer.parseInt(value);
					default -> throw new IllegalArgumentException("Unknown option " + option + "; see the README");
				}
			}
			if (changes < 1 || samples < 1 || idle.isNegative() || idle.isZero() || push.isNegative() || push.isZero()) {
				throw new IllegalArgumentException("--changes, --decode-samples, --idle-s and --push-ms must be positive");
			}
			return new Settings(cells, push, idle, changes, samples);
		}

	}

	private static List<Cell> defaultCells() {
		List<Cell> cells = new ArrayList<>();
		for (int types : new int[] { 1, 10, 50 }) {
			for (int shards : new int[] { 100, 1_000, 10_000 }) {
				if ((long) types * shards < 500_000) {
					cells.add(new Cell(10, types, shards));
				}
			}
		}
		for (int nodes : new int[] { 3, 30 }) {
			cells.add(new Cell(nodes, 10, 1_000));
			cells.add(new Cell(nodes, 50, 1_000));
		}
		return List.copyOf(cells);
	}

	/**
	 * Measures every cell.
	 * @return the report: settings, machine, one entry per cell
	 */
	Map<String, Object> run() {
		Map<String, Object> report = new LinkedHashMap<>();
		report.put("measured_at", Instant.now().toString());
		report.put("mode", "topology-scale");
		report.put("load_before", BenchMain.loadAverage());
		report.put("cores", Runtime.getRuntime().availableProcessors());
		report.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
		report.put("push_interval_ms", this.settings.pushInterval.toMillis());
		report.put("idle_s", this.settings.idle.toMillis() / 1000.0);
		report.put("poll_interval_ms", TopologyOptions.DEFAULT_POLL_INTERVAL.toMillis());
		List<Map<String, Object>> cells = new ArrayList<>();
		boolean ok = true;
		for (Cell cell : this.settings.cells) {
			System.err.printf("topology-scale: cell %s (%,d allocations)%n", cell, cell.allocations());
			long steal = BenchMain.stealMillis();
			long start = System.nanoTime();
			Map<String, Object> result = measure(cell);
			long wallMs = (System.nanoTime() - start) / 1_000_000;
			result.put("cell_wall_s", wallMs / 1000.0);
			long stealAfter = BenchMain.stealMillis();
			if (steal >= 0 && stealAfter >= 0 && wallMs > 0) {
				result.put("machine_steal_cores", ThreadUsage.round((double) (stealAfter - steal) / wallMs));
			}
			ok &= Boolean.TRUE.equals(result.get("ok"));
			cells.add(result);
			System.gc();
		}
		report.put("cells", cells);
		report.put("load_after", BenchMain.loadAverage());
		report.put("ok", ok);
		return report;
	}

	private Map<String, Object> measure(Cell cell) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("cell", cell.toString());
		out.put("nodes", cell.nodes);
		out.put("types", cell.types);
		out.put("shards", cell.shards);
		out.put("allocations", cell.allocations());
		CastyTestCluster.Builder builder = CastyTestCluster.builder()
			.nodes(cell.nodes)
			.systemName("casty-scale")
			.pushInterval(this.settings.pushInterval)
			.maxFrameLength(MAX_FRAME_BYTES);
		for (int t = 0; t < cell.types; t++) {
			builder.shardedType(typeName(t), cell.shards, (id) -> (context, message) -> {
			});
		}
		try (CastyTestCluster cluster = builder.start()) {
			for (int t = 0; t < cell.types; t++) {
				cluster.allocateAllShards(typeName(t));
			}
			long encodeStart = System.nanoTime();
			byte[] payload = cluster.codec().encode(cluster.snapshot());
			out.put("testkit_encode_ms", ThreadUsage.round((System.nanoTime() - encodeStart) / 1e6));
			out.put("snapshot_bytes", payload.length);
			CastyClientOptions options = CastyClientOptions.builder()
				.contactPoints(cluster.contactPoints())
				.systemName(cluster.systemName())
				.codec((codec) -> codec.maxFrameSize(MAX_FRAME_BYTES))
				.build();
			long clientStart = System.nanoTime();
			try (CastyClient client = CastyClient.start(options)) {
				client.awaitTopology(Duration.ofSeconds(60));
				out.put("first_topology_ms", ThreadUsage.round((System.nanoTime() - clientStart) / 1e6));
				TopologyView view = awaitComplete(client, cell);
				out.put("complete", view != null);
				if (view == null) {
					out.put("ok", false);
					return out;
				}
				out.putAll(decodeTimes(payload, cluster.contactPoints().get(0)));
				out.put("idle", idle(cluster));
				out.put("heap", heap(client.topology().current(), payload));
				Map<String, Object> changes = changes(cluster, client, cell);
				out.put("change_to_route", changes);
				out.put("ok", Boolean.TRUE.equals(changes.get("ok")));
			}
		}
		return out;
	}

	static String typeName(int index) {
		return "type-" + index;
	}

	private static @Nullable TopologyView awaitComplete(CastyClient client, Cell cell) {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline) {
			TopologyView view = client.topology().current();
			if (view.shardTypes().size() == cell.types && view.shardTypes()
				.stream()
				.allMatch((type) -> view.allocatedShards(type).size() == cell.shards)) {
				return view;
			}
			LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
		}
		return null;
	}

	/**
	 * Decodes the snapshot as the client does (a JSON codec with Casty's protocol types)
	 * and builds its view, on this thread, after the client's own decoding warmed the code.
	 * Timed in this thread's CPU time, which other processes on a shared machine inflate
	 * far less than the wall time, also reported.
	 */
	private static MessageCodec clientCodec() {
		return new MessageCodec(MessageTypeRegistry.withProtocolTypes(), PayloadFormat.JSON, Compression.NONE,
				Compression.DEFAULT_LEVEL, MAX_FRAME_BYTES);
	}

	private Map<String, Object> decodeTimes(byte[] payload, NodeAddress source) {
		MessageCodec codec = clientCodec();
		java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
		int samples = this.settings.decodeSamples;
		double[] decode = new double[samples];
		double[] build = new double[samples];
		double[] wall = new double[samples];
		long budget = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		int taken = 0;
		for (int i = -2; i < samples; i++) {
			long w0 = System.nanoTime();
			long t0 = threads.getCurrentThreadCpuTime();
			TopologySnapshot snapshot = codec.decode(payload, TopologySnapshot.class);
			long t1 = threads.getCurrentThreadCpuTime();
			long w1 = System.nanoTime();
			TopologyCache.viewOf(java.util.Objects.requireNonNull(snapshot), source, Instant.now());
			long t2 = threads.getCurrentThreadCpuTime();
			if (i >= 0) {
				decode[i] = (t1 - t0) / 1e6;
				build[i] = (t2 - t1) / 1e6;
				wall[i] = (w1 - w0) / 1e6;
				taken++;
				if (taken >= 3 && System.nanoTime() > budget) {
					break;
				}
			}
		}
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("decode_ms", ThreadUsage.round(median(decode, taken)));
		out.put("decode_wall_ms", ThreadUsage.round(median(wall, taken)));
		out.put("view_build_ms", ThreadUsage.round(median(build, taken)));
		out.put("decode_samples", taken);
		return out;
	}

	private Map<String, Object> idle(CastyTestCluster cluster) {
		long sentBefore = snapshotsSent(cluster);
		ThreadUsage before = ThreadUsage.snapshot(Set.of());
		LockSupport.parkNanos(this.settings.idle.toNanos());
		ThreadUsage after = ThreadUsage.snapshot(Set.of());
		long snapshots = snapshotsSent(cluster) - sentBefore;
		Map<String, Object> usage = before.until(after, 1);
		double wallMs = ((Number) usage.get("wall_ms")).doubleValue();
		double cpuMs = ((Number) usage.get("client_cpu_ms")).doubleValue();
		double allocBytes = ((Number) usage.get("client_alloc_bytes_per_msg")).doubleValue();
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("client_cpu_pct_of_core", ThreadUsage.round(100 * cpuMs / wallMs));
		out.put("snapshots_received", snapshots);
		out.put("snapshots_per_s", ThreadUsage.round(snapshots * 1000.0 / wallMs));
		out.put("client_cpu_ms_per_snapshot", ThreadUsage.round(cpuMs / Math.max(1, snapshots)));
		out.put("client_alloc_mb_per_s", ThreadUsage.round(allocBytes / wallMs * 1000 / 1e6));
		out.put("server_cpu_pct_of_core", ThreadUsage.round(100 * ((Number) usage.get("server_cpu_ms")).doubleValue() / wallMs));
		out.put("process_cpu_cores", usage.get("process_cpu_cores"));
		out.put("wall_ms", usage.get("wall_ms"));
		out.put("client_cpu_ms_by_thread", usage.get("client_cpu_ms_by_thread"));
		return out;
	}

	private static long snapshotsSent(CastyTestCluster cluster) {
		return cluster.nodes().stream().mapToLong(TestNode::snapshotsSent).sum();
	}

	/**
	 * The retained size of the client's current view (everything reachable from it, each
	 * object once) against that of its decoded allocation tables alone (the snapshot's
	 * payload decoded as the client decodes it: the same tables).
	 */
	static Map<String, Object> heap(TopologyView view, byte[] payload) {
		long viewBytes = GraphLayout.parseInstance(view).totalSize();
		TopologySnapshot decoded = java.util.Objects.requireNonNull(clientCodec().decode(payload, TopologySnapshot.class));
		long allocationBytes = GraphLayout.parseInstance(decoded.shardAllocations()).totalSize();
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("view_bytes", viewBytes);
		out.put("allocations_bytes", allocationBytes);
		out.put("view_to_allocations", ThreadUsage.round((double) viewBytes / Math.max(1, allocationBytes)));
		return out;
	}

	/**
	 * Moves shards of the first type to the next node, one at a time, and times until the
	 * client's view routes the shard there: from the call (the test cluster then encodes and
	 * pushes the whole snapshot, as a Casty node does) and from its return.
	 */
	private Map<String, Object> changes(CastyTestCluster cluster, CastyClient client, Cell cell) {
		List<NodeAddress> nodes = cluster.contactPoints();
		String type = typeName(0);
		double[] total = new double[this.settings.changes];
		double[] afterPush = new double[this.settings.changes];
		boolean ok = true;
		int done = 0;
		for (int i = 0; i < this.settings.changes; i++) {
			long shard = (long) i * cell.shards / this.settings.changes;
			NodeAddress owner = client.topology().current().owner(type, shard);
			int next = (nodes.indexOf(owner) + 1) % nodes.size();
			NodeAddress target = nodes.get(next);
			long t0 = System.nanoTime();
			cluster.allocateShard(type, shard, next);
			long t1 = System.nanoTime();
			long deadline = t1 + Duration.ofSeconds(30).toNanos();
			while (!target.equals(client.topology().current().owner(type, shard)) && System.nanoTime() < deadline) {
				LockSupport.parkNanos(20_000);
			}
			long t2 = System.nanoTime();
			if (!target.equals(client.topology().current().owner(type, shard))) {
				ok = false;
				break;
			}
			total[i] = (t2 - t0) / 1e6;
			afterPush[i] = (t2 - t1) / 1e6;
			done++;
		}
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("median_ms", ThreadUsage.round(median(total, done)));
		out.put("max_ms", ThreadUsage.round(Arrays.stream(total, 0, done).max().orElse(0)));
		out.put("after_publish_median_ms", ThreadUsage.round(median(afterPush, done)));
		out.put("changes", done);
		out.put("ok", ok);
		return out;
	}

	private static double median(double[] values, int count) {
		if (count == 0) {
			return 0;
		}
		double[] sorted = Arrays.copyOf(values, count);
		Arrays.sort(sorted);
		return (count % 2 == 1) ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2;
	}

	/**
	 * The readable form of a report: one row per cell.
	 * @param report a report of {@link #run()}
	 * @return the table
	 */
	@SuppressWarnings("unchecked")
	static String render(Map<String, Object> report) {
		StringBuilder out = new StringBuilder();
		out.append(String.format("topology-scale, %s, push every %s ms, idle %s s; load before %s, after %s%n",
				report.get("measured_at"), report.get("push_interval_ms"), report.get("idle_s"),
				report.get("load_before"), report.get("load_after")));
		String row = "%-12s %9s %12s %10s %9s %9s %9s %9s %11s %8s %10s %10s %5s%n";
		out.append(String.format(row, "cell", "allocs", "snap bytes", "idle CPU%", "snaps/s", "ms/snap", "MB/s",
				"decode ms", "view bytes", "x allocs", "change ms", "steal", "ok"));
		for (Map<String, Object> cell : (List<Map<String, Object>>) report.get("cells")) {
			Map<String, Object> idle = (Map<String, Object>) cell.getOrDefault("idle", Map.of());
			Map<String, Object> heap = (Map<String, Object>) cell.getOrDefault("heap", Map.of());
			Map<String, Object> change = (Map<String, Object>) cell.getOrDefault("change_to_route", Map.of());
			out.append(String.format(row, cell.get("cell"), cell.get("allocations"), cell.get("snapshot_bytes"),
					idle.get("client_cpu_pct_of_core"), idle.get("snapshots_per_s"),
					idle.get("client_cpu_ms_per_snapshot"), idle.get("client_alloc_mb_per_s"), cell.get("decode_ms"),
					heap.get("view_bytes"), heap.get("view_to_allocations"), change.get("median_ms"),
					cell.get("machine_steal_cores"), cell.get("ok")));
		}
		return out.toString();
	}

}
