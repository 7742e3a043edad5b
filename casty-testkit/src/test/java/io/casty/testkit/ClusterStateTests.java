package io.casty.testkit;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.casty.client.NodeAddress;
import io.casty.client.protocol.messages.MemberStatus;
import io.casty.client.protocol.messages.ServiceEntry;
import io.casty.client.protocol.messages.ShardAllocation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClusterStateTests {

	private static final NodeAddress A = new NodeAddress("127.0.0.1", 25601);

	private static final NodeAddress B = new NodeAddress("127.0.0.1", 25602);

	private static final NodeAddress C = new NodeAddress("127.0.0.1", 25603);

	private static ClusterState state(int replicas) {
		EntityFactory factory = (id) -> (ctx, msg) -> {
		};
		return new ClusterState(List.of(C, A, B), List.of("node-3", "node-1", "node-2"),
				Map.of("t", new ShardedTypeSpec("t", 16, replicas, Set.of(), factory), "only-a",
						new ShardedTypeSpec("only-a", 4, 0, Set.of(1), factory)));
	}

	@Test
	void allocatesToTheLeastLoadedNodeWithTiesToTheLowestAddress() {
		ClusterState state = state(0);
		assertThat(state.allocate("t", 7).allocation().primary()).isEqualTo(A);
		assertThat(state.allocate("t", 3).allocation().primary()).isEqualTo(B);
		assertThat(state.allocate("t", 9).allocation().primary()).isEqualTo(C);
		assertThat(state.allocate("t", 1).allocation().primary()).isEqualTo(A);
		ClusterState.Allocated again = state.allocate("t", 7);
		assertThat(again.changed()).isFalse();
		assertThat(state.snapshot().allocationEpoch()).isEqualTo(4);
		assertThat(state.snapshot().shardAllocations().get("t").keySet()).containsExactly(7L, 3L, 9L, 1L);
	}

	@Test
	void picksReplicasAmongTheOtherNodesAndSkipsNodesThatDoNotHostTheType() {
		ClusterState state = state(1);
		ShardAllocation first = state.allocate("t", 0).allocation();
		assertThat(first).isEqualTo(new ShardAllocation(A, List.of(B)));
		assertThat(state.allocate("t", 1).allocation()).isEqualTo(new ShardAllocation(B, List.of(A)));
		assertThat(state.allocate("only-a", 2).allocation().primary()).isEqualTo(A);
		assertThat(state.allocate("unknown", 2)).isNull();
	}

	@Test
	void allocateAllFillsTheRemainingShardsRoundRobinOverEligibleNodesInOneEpoch() {
		ClusterState state = state(0);
		state.allocate("t", 5);
		state.markUnreachable(C);
		assertThat(state.allocateAll("t")).isEqualTo(15);
		Map<Long, ShardAllocation> table = state.snapshot().shardAllocations().get("t");
		assertThat(table).hasSize(16);
		assertThat(table.get(0L)).isEqualTo(new ShardAllocation(A, List.of()));
		assertThat(table.get(1L)).isEqualTo(new ShardAllocation(B, List.of()));
		assertThat(table.get(2L)).isEqualTo(new ShardAllocation(A, List.of()));
		assertThat(table.values()).noneMatch((a) -> a.primary().equals(C));
		assertThat(state.snapshot().allocationEpoch()).isEqualTo(2);
		assertThat(state.allocateAll("only-a")).isEqualTo(4);
		assertThat(state.snapshot().shardAllocations().get("only-a").values()).allMatch((a) -> a.primary().equals(A));
		assertThatIllegalArgumentException().isThrownBy(() -> state.allocateAll("unknown"));
	}

	@Test
	void unreachableAndDownMembersAreNotEligibleAndLeaderSkipsDown() {
		ClusterState state = state(0);
		state.markUnreachable(A);
		assertThat(state.leader()).isEqualTo(A);
		assertThat(state.coordinatingLeader()).isEqualTo(B);
		assertThat(state.allocate("t", 0).allocation().primary()).isEqualTo(B);
		state.markDown(A);
		assertThat(state.leader()).isEqualTo(B);
		assertThat(state.status(A)).isEqualTo(MemberStatus.DOWN);
	}

	@Test
	void lossPromotesTheFirstReplicaAndDropsUnreplicatedShards() {
		ClusterState state = state(1);
		state.allocate("t", 0);
		state.allocate("t", 1);
		state.register(new ServiceEntry("svc", B, "/svc"));
		state.markDown(B);
		assertThat(state.snapshot().registry()).isEmpty();
		assertThat(state.reallocateAfterLoss("t", B)).isTrue();
		assertThat(state.snapshot().shardAllocations().get("t")).containsExactly(
				Map.entry(0L, new ShardAllocation(A, List.of())), Map.entry(1L, new ShardAllocation(A, List.of())));
	}

	@Test
	void lostUpdateKeepsThePublishedTableUntilTheNextChange() {
		ClusterState state = state(0);
		state.allocate("t", 0);
		state.allocate("t", 1);
		state.loseNextAllocationUpdate("t");
		long epoch = state.snapshot().allocationEpoch();
		assertThat(state.reallocateAfterLoss("t", B)).isFalse();
		assertThat(state.trueAllocation("t", 1)).isNull();
		assertThat(state.publishedAllocation("t", 1)).isNotNull();
		assertThat(state.snapshot().allocationEpoch()).isEqualTo(epoch);
		state.allocate("t", 2);
		assertThat(state.publishedAllocation("t", 1)).isNull();
	}

	@Test
	void addressesCompareByCodePointThenPort() {
		assertThat(NodeAddress.ORDER.compare(new NodeAddress("127.0.0.1", 0), A)).isNegative();
		assertThat(NodeAddress.ORDER.compare(new NodeAddress("127.0.0.10", 1), new NodeAddress("127.0.0.2", 1)))
			.isNegative();
		assertThat(NodeAddress.ORDER.compare(new NodeAddress("-jc-x", 0), A)).isNegative();
		assertThat(NodeAddress.ORDER.compare(new NodeAddress("zz-client", 1), A)).isPositive();
		assertThat(NodeAddress.ORDER.compare(new NodeAddress("\uFFFF", 1), new NodeAddress("\uD83D\uDE80", 1))).isNegative();
	}

}
