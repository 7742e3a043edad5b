package io.casty.testkit;

import io.casty.client.protocol.messages.SubscribeTopology;
import io.casty.client.protocol.messages.TopologySnapshot;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A frame above the configured limit is skipped whole; the connection stays in step.
 */
class OversizedFrameIntegrationTests {

	@Test
	void oversizedFrameIsSkippedAndTheNextRequestAnswered() {
		try (CastyTestCluster cluster = CastyTestCluster.builder().maxFrameLength(1024).start();
				RawCastyClient client = RawCastyClient.connect(cluster, 0)) {
			byte[] big = new byte[4 + 5000];
			big[2] = (byte) (5000 >> 8);
			big[3] = (byte) (5000 & 0xff);
			big[4] = 1;
			client.writeRaw(big);
			client.send("/_cluster/_topology", new SubscribeTopology(client.ref("/_topology_sub")));
			assertThat(client.await(0, "/_topology_sub", TopologySnapshot.class).members()).hasSize(1);
			assertThat(cluster.node(0).invalidFrames()).isEqualTo(1);
			assertThat(client.isOpen()).isTrue();
		}
	}

}
