package io.casty.bench;

import io.casty.bench.BenchMessages.Add;
import io.casty.bench.BenchMessages.Get;
import io.casty.bench.BenchMessages.Ping;
import io.casty.testkit.CastyTestCluster;
import io.casty.testkit.EntityBehavior;

/**
 * An in-JVM test cluster hosting the {@code bench} entities, the Java equivalent of
 * {@code python -m casty_bench}.
 *
 * @since 0.1.0
 */
public final class BenchCluster {

	private BenchCluster() {
	}

	/**
	 * Configures a cluster whose every node hosts shard type {@code bench}.
	 * @param nodes the node count
	 * @param ports one port per node, 0 for ephemeral
	 * @param systemName the actor system name
	 * @param host the host nodes bind and advertise
	 * @return the builder
	 */
	public static CastyTestCluster.Builder builder(int nodes, int[] ports, String systemName, String host) {
		return CastyTestCluster.builder()
			.nodes(nodes)
			.ports(ports)
			.systemName(systemName)
			.host(host)
			.messageTypes(BenchMessages.TYPES)
			.shardedType(BenchMessages.SHARD_TYPE, BenchMessages.NUM_SHARDS, (id) -> entity());
	}

	/**
	 * The behaviour of one {@code bench} entity: a running total, {@code Get} and
	 * {@code Ping} answered as {@code casty_bench.bench_entity} does.
	 * @return a fresh entity
	 */
	public static EntityBehavior entity() {
		long[] total = { 0 };
		return (context, message) -> {
			if (message instanceof Add add) {
				total[0] += add.amount();
			}
			else if (message instanceof Get get) {
				context.tell(get.replyTo(), total[0]);
			}
			else if (message instanceof Ping ping) {
				context.tell(ping.replyTo(), ping.seq());
			}
		};
	}

}
