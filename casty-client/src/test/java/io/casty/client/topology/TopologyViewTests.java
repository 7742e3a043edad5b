package io.casty.client.topology;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.casty.client.ClusterMember;
import io.casty.client.MemberState;
import io.casty.client.NodeAddress;
import io.casty.client.ServiceInstanceInfo;
import io.casty.client.protocol.messages.Member;
import io.casty.client.protocol.messages.MemberStatus;
import io.casty.client.protocol.messages.ShardAllocation;
import io.casty.client.protocol.messages.TopologySnapshot;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

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
		assertThat(again.availableMembers()).as("computed once per snapshot, not per push").containsExactly(A)
			.isSameAs(first.availableMembers());
	}

	@Test
	void aViewAnswersWhatUsersNeedWithoutTheWireSnapshot() {
		NodeAddress c = new NodeAddress("127.0.0.1", 25603);
		Member up = new Member(A, MemberStatus.UP, Set.of("web"), "node-1");
		Member down = new Member(B, MemberStatus.DOWN, Set.of(), "node-2");
		Member unreachable = new Member(c, MemberStatus.UP, Set.of(), "node-3");
		io.casty.client.protocol.messages.ServiceEntry onA = new io.casty.client.protocol.messages.ServiceEntry("pricing",
				A, "/user/pricing");
		io.casty.client.protocol.messages.ServiceEntry onB = new io.casty.client.protocol.messages.ServiceEntry("pricing",
				B, "/user/pricing");
		TopologySnapshot snapshot = new TopologySnapshot(Set.of(up, down, unreachable), B,
				Map.of("counter", Map.of(1L, new ShardAllocation(A, List.of()), 2L, new ShardAllocation(B, List.of()))), 7,
				Set.of(c), Set.of(onA, onB));

		TopologyView view = TopologyView.of(snapshot, A, Instant.ofEpochSecond(10));

		assertThat(view.members()).containsExactlyInAnyOrder(new ClusterMember(A, MemberState.UP, Set.of("web"), "node-1"),
				new ClusterMember(B, MemberState.DOWN, Set.of(), "node-2"),
				new ClusterMember(c, MemberState.UP, Set.of(), "node-3"));
		assertThat(view.memberStatuses()).containsExactly(entry(A, MemberState.UP), entry(B, MemberState.DOWN),
				entry(c, MemberState.UP));
		assertThat(view.availableMembers()).containsExactly(A);
		assertThat(view.leader()).as("the snapshot's leader is down").isEqualTo(A);
		assertThat(view.unreachable()).containsExactly(c);
		assertThat(view.unavailable()).containsExactlyInAnyOrder(B, c);
		assertThat(view.allocationEpoch()).isEqualTo(7);
		assertThat(view.shardTypes()).containsExactly("counter");
		assertThat(view.allocatedShards("counter")).containsExactlyInAnyOrder(1L, 2L);
		assertThat(view.allocatedShards("other")).isEmpty();
		assertThat(view.primary("counter", 2)).as("allocated, though evicted").isEqualTo(B);
		assertThat(view.owner("counter", 2)).isNull();
		assertThat(view.primary("counter", 3)).isNull();
		ServiceInstanceInfo pricingOnA = new ServiceInstanceInfo("pricing", A, "/user/pricing");
		ServiceInstanceInfo pricingOnB = new ServiceInstanceInfo("pricing", B, "/user/pricing");
		assertThat(view.services("pricing")).containsExactly(pricingOnA);
		assertThat(view.registry()).containsExactlyInAnyOrder(pricingOnA, pricingOnB);
		assertThat(view.located("counter", 1)).isNull();
		assertThat(view.learnedAt()).as("no cache accepted it").isZero();
	}

}
