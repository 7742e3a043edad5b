package io.casty.client.topology;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.casty.client.NodeAddress;
import io.casty.client.protocol.messages.Member;
import io.casty.client.protocol.messages.MemberStatus;
import io.casty.client.protocol.messages.ShardAllocation;
import io.casty.client.protocol.messages.TopologySnapshot;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TopologyViewTests {

	private static final NodeAddress A = new NodeAddress("127.0.0.1", 25601);

	private static final NodeAddress B = new NodeAddress("127.0.0.1", 25602);

	@Test
	void aViewReceivedAgainSharesItsRoutesAndEqualsAFreshlyBuiltOne() {
		TopologySnapshot snapshot = new TopologySnapshot(
				Set.of(new Member(A, MemberStatus.UP, Set.of(), "node-1"), new Member(B, MemberStatus.DOWN, Set.of(), "node-2")),
				A, Map.of("counter", Map.of(1L, new ShardAllocation(A, List.of()), 2L, new ShardAllocation(B, List.of()))), 3,
				Set.of(), Set.of());
		TopologyView first = TopologyView.of(snapshot, A, Instant.ofEpochSecond(10));

		TopologyView again = first.receivedAgain(B, Instant.ofEpochSecond(11));

		assertThat(again).isEqualTo(TopologyView.of(snapshot, B, Instant.ofEpochSecond(11)));
		assertThat(again.routes()).isSameAs(first.routes());
		assertThat(again.unavailable()).isSameAs(first.unavailable()).containsExactly(B);
		assertThat(again.owner("counter", 1)).isEqualTo(A);
		assertThat(again.owner("counter", 2)).isNull();
		assertThat(again.source()).isEqualTo(B);
	}

}
