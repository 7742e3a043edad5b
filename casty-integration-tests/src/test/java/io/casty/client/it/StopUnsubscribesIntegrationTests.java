package io.casty.client.it;

import java.time.Duration;

import io.casty.client.CastyClient;
import io.casty.client.EntityRef;
import io.casty.client.it.Counters.CounterMsg;
import io.casty.client.it.Counters.GetCount;
import io.casty.testkit.CastyTestCluster;
import io.casty.testkit.TestNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Casty v0.21.0 node forgets a topology subscriber only when told ({@code
 * UnsubscribeTopology}); one it never hears from it pushes to, and dials, for ever. So the
 * unsubscription written just before a client stops or closes must leave the socket before
 * the client's event loops shut down, which close every channel they still hold, queued
 * writes or not. Once lost, the subscription stays: each cycle below fails for good if its
 * unsubscription was dropped, whatever the wait. Many short cycles under frequent pushes make
 * the race between the last write and the loops' shutdown likely (before the fix about one
 * cycle in 25 lost it).
 */
class StopUnsubscribesIntegrationTests {

	private static final int CYCLES = 60;

	@Test
	void everyStoppedOrClosedClientLeavesNoTopologySubscriptionBehind() {
		try (CastyTestCluster cluster = Counters.cluster(2).pushInterval(Duration.ofMillis(20)).start()) {
			CastyClient restarted = ClientLeakGuard.track(CastyClient.start(Counters.options(cluster)
				.topology((t) -> t.pollInterval(Duration.ofMillis(50)))
				.build()));
			try {
				use(restarted, -1);
				restarted.stop();
				assertNoSubscriber(cluster, "after the first stop()");
				for (int i = 0; i < CYCLES; i++) {
					// a fresh client closed for good
					try (CastyClient client = CastyClient.start(Counters.options(cluster)
						.topology((t) -> t.pollInterval(Duration.ofMillis(50)))
						.build())) {
						use(client, i);
					}
					assertNoSubscriber(cluster, "after close() of client " + i);
					// and one client started again, then stopped
					restarted.start();
					use(restarted, i);
					restarted.stop();
					assertNoSubscriber(cluster, "after stop() number " + i);
				}
			}
			finally {
				restarted.close();
			}
		}
	}

	private static void use(CastyClient client, int i) {
		client.awaitTopology(Duration.ofSeconds(10));
		EntityRef<CounterMsg> counters = client.entityRef(Counters.TYPE, Counters.SHARDS, CounterMsg.class);
		assertThat(counters.ask("cycle-" + i, GetCount::new, Integer.class).join()).isNotNegative();
	}

	private static void assertNoSubscriber(CastyTestCluster cluster, String when) {
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(cluster.nodes()).as(when)
				.allSatisfy((TestNode node) -> assertThat(node.subscriberCount()).as("subscribers of %s", node).isZero()));
	}

}
