package io.casty.testkit.launcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

import io.casty.client.protocol.codec.Compression;
import io.casty.client.protocol.codec.PayloadFormat;
import io.casty.testkit.CastyTestCluster;
import io.casty.testkit.EntityBehavior;
import io.casty.testkit.ServiceBehavior;
import io.casty.testkit.launcher.SampleMessages.GetCount;
import io.casty.testkit.launcher.SampleMessages.GetStatus;
import io.casty.testkit.launcher.SampleMessages.Increment;
import io.casty.testkit.launcher.SampleMessages.PaymentStatus;
import io.casty.testkit.launcher.SampleMessages.ProcessPayment;

/**
 * Serves a test cluster until the process is stopped: a {@code counter} shard type
 * ({@link SampleMessages#NUM_SHARDS} shards, on every node) and a {@code payment} service at
 * {@code /payment-svc} on every node.
 *
 * <pre>
 * java -cp ... io.casty.testkit.launcher.TestClusterLauncher --nodes 3 --ports 25701,25702,25703 --system interop
 * </pre>
 *
 * Options: {@code --nodes N}, {@code --ports p1,p2,...} (0 = ephemeral), {@code --system NAME},
 * {@code --host HOST}, {@code --format json|msgpack}, {@code --compression none|zlib|gzip},
 * {@code --push-interval-ms MS}, {@code --failure-detection-ms MS}. Prints one line
 * {@code READY host:port,host:port,...} once listening.
 *
 * @since 0.1.0
 */
public final class TestClusterLauncher {

	private TestClusterLauncher() {
	}

	/**
	 * Starts the cluster and blocks.
	 * @param args the options
	 * @throws InterruptedException if interrupted
	 */
	public static void main(String[] args) throws InterruptedException {
		CastyTestCluster cluster = builder(args).start();
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			cluster.close();
			stopped.countDown();
		}, "casty-test-launcher-shutdown"));
		System.out.println("READY " + String.join(",", cluster.contactPoints().stream().map(Object::toString).toList())
				+ " system=" + cluster.systemName());
		System.out.flush();
		stopped.await();
	}

	/**
	 * Builds the cluster configuration from command-line options.
	 * @param args the options
	 * @return the builder
	 */
	public static CastyTestCluster.Builder builder(String[] args) {
		int nodes = 3;
		int[] ports = null;
		CastyTestCluster.Builder builder = CastyTestCluster.builder().systemName("casty-sample");
		for (int i = 0; i < args.length; i++) {
			String option = args[i];
			if (i + 1 >= args.length) {
				throw new IllegalArgumentException("Option " + option + " needs a value");
			}
			String value = args[++i];
			switch (option) {
				case "--nodes" -> nodes = Integer.parseInt(value);
				case "--ports" -> ports = Arrays.stream(value.split(",")).mapToInt(Integer::parseInt).toArray();
				case "--system" -> builder.systemName(value);
				case "--host" -> builder.host(value);
				case "--format" -> builder.format(PayloadFormat.valueOf(value.toUpperCase(Locale.ROOT)));
				case "--compression" ->
					builder.compression(Compression.valueOf(value.toUpperCase(Locale.ROOT)), Compression.DEFAULT_LEVEL);
				case "--push-interval-ms" -> builder.pushInterval(Duration.ofMillis(Long.parseLong(value)));
				case "--failure-detection-ms" -> builder.failureDetection(Duration.ofMillis(Long.parseLong(value)));
				default -> throw new IllegalArgumentException("Unknown option " + option + "; see the class javadoc");
			}
		}
		if (ports == null) {
			ports = new int[nodes];
		}
		else if (ports.length != nodes) {
			nodes = ports.length;
		}
		builder.nodes(nodes).ports(ports).messageTypes(SampleMessages.TYPES);
		builder.shardedType(SampleMessages.COUNTER_SHARD_TYPE, SampleMessages.NUM_SHARDS, (id) -> counter());
		for (int node = 0; node < nodes; node++) {
			builder.service(SampleMessages.PAYMENT_SERVICE_KEY, SampleMessages.PAYMENT_SERVICE_PATH, node, payment());
		}
		return builder;
	}

	private static EntityBehavior counter() {
		long[] count = { 0 };
		return (context, message) -> {
			if (message instanceof Increment increment) {
				count[0] += increment.amount();
			}
			else if (message instanceof GetCount get) {
				context.tell(get.replyTo(), count[0]);
			}
		};
	}

	private static ServiceBehavior payment() {
		List<Long> processed = new ArrayList<>();
		return (context, message) -> {
			if (message instanceof ProcessPayment payment) {
				processed.add(payment.amount());
			}
			else if (message instanceof GetStatus get) {
				context.tell(get.replyTo(), new PaymentStatus(context.node().toString(), processed.size()));
			}
		};
	}

}
