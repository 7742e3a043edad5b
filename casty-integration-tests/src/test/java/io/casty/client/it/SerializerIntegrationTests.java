package io.casty.client.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.casty.client.CastyClient;
import io.casty.client.EntityRef;
import io.casty.client.it.Counters.CounterMsg;
import io.casty.client.it.Counters.GetCount;
import io.casty.client.it.Counters.Increment;
import io.casty.client.protocol.codec.Compression;
import io.casty.client.protocol.codec.PayloadFormat;
import io.casty.testkit.CastyTestCluster;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every payload serializer and compression a JVM can speak, end to end: topology, shard
 * locations, envelopes and replies all travel in the configured encoding.
 */
class SerializerIntegrationTests {

	@ParameterizedTest
	@CsvSource({ "JSON, NONE", "JSON, ZLIB", "JSON, GZIP", "MSGPACK, NONE", "MSGPACK, ZLIB" })
	void clientAndNodesAgreeOnTheConfiguredEncoding(PayloadFormat format, Compression compression) throws Exception {
		try (CastyTestCluster cluster = Counters.cluster(2).format(format).compression(compression, 6).start();
				CastyClient client = CastyClient
					.start(Counters.options(cluster).codec((codec) -> codec.format(format).compression(compression)).build())) {
			client.awaitTopology(Duration.ofSeconds(5));
			EntityRef<CounterMsg> counters = client.entityRef(Counters.TYPE, Counters.SHARDS, CounterMsg.class);
			for (int i = 0; i < 50; i++) {
				counters.tell("enc-" + i, new Increment(i));
			}
			List<CompletableFuture<Integer>> counts = new ArrayList<>();
			for (int i = 0; i < 50; i++) {
				counts.add(counters.ask("enc-" + i, GetCount::new, Integer.class));
			}
			for (int i = 0; i < 50; i++) {
				assertThat(counts.get(i).get(5, TimeUnit.SECONDS)).isEqualTo(i);
			}
			assertThat(cluster.nodes().stream().mapToLong((n) -> n.droppedMessages()).sum()).isZero();
		}
	}

}
