package io.casty.client.topology;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.casty.client.NodeAddress;
import io.casty.client.protocol.messages.Member;
import io.casty.client.protocol.messages.MemberStatus;
import io.casty.client.protocol.messages.ShardAllocation;
import io.casty.client.protocol.messages.TopologySnapshot;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TopologyCacheTests {

	private static final NodeAddress A = new NodeAddress("127.0.0.1", 25601);

	private static final NodeAddress B = new NodeAddress("127.0.0.1", 25602);

	private final TopologyCache cache = new TopologyCache();

	static TopologySnapshot snapshot(long epoch, NodeAddress owner) {
		return new TopologySnapshot(
				Set.of(new Member(A, MemberStatus.UP, Set.of(), "node-1"),
						new Member(B, MemberStatus.UP, Set.of(), "node-2")),
				A, Map.of("counter", Map.of(1L, new ShardAllocation(owner, List.of()))), epoch, Set.of(), Set.of());
	}

	@Test
	void aSnapshotWithAnOlderEpochIsRejectedAndTheViewKept() {
		TopologyView accepted = this.cache.offer(snapshot(5, A), A, true).view();

		TopologyCache.Offer older = this.cache.offer(snapshot(4, B), A, false);

		assertThat(older.verdict()).isEqualTo(TopologyCache.Verdict.OLDER);
		assertThat(older.accepted()).isFalse();
		assertThat(this.cache.current()).isSameAs(accepted);
		assertThat(this.cache.current().owner("counter", 1)).isEqualTo(A);
	}

	@Test
	void aSnapshotWithTheSameOrANewerEpochReplacesTheView() {
		this.cache.offer(snapshot(5, A), A, true);

		assertThat(this.cache.offer(snapshot(5, B), B, false).accepted()).isTrue();
		assertThat(this.cache.current().owner("counter", 1)).isEqualTo(B);
		assertThat(this.cache.current().source()).isEqualTo(B);

		assertThat(this.cache.offer(snapshot(6, A), A, false).accepted()).isTrue();
		assertThat(this.cache.current().allocationEpoch()).isEqualTo(6);
		assertThat(this.cache.current().owner("counter", 1)).isEqualTo(A);
	}

	@Test
	void anOlderEpochIsAcceptedWhenTheCallerAllowsAnyEpoch() {
		this.cache.offer(snapshot(9, A), A, true);

		TopologyCache.Offer restarted = this.cache.offer(snapshot(1, B), B, true);

		assertThat(restarted.accepted()).isTrue();
		assertThat(this.cache.current().allocationEpoch()).isEqualTo(1);
		assertThat(this.cache.current().owner("counter", 1)).isEqualTo(B);
	}

	@Test
	void theFirstSnapshotIsAcceptedWhateverItsEpoch() {
		assertThat(this.cache.offer(snapshot(0, A), A, false).accepted()).isTrue();
		assertThat(this.cache.current().isEmpty()).isFalse();
	}

	@Test
	void aSnapshotWithoutMembersNeverReplacesTheView() {
		TopologyView accepted = this.cache.offer(snapshot(5, A), A, true).view();
		TopologySnapshot empty = new TopologySnapshot(Set.of(), null, Map.of(), 7, Set.of(), Set.of());

		assertThat(this.cache.offer(empty, B, true).verdict()).isEqualTo(TopologyCache.Verdict.EMPTY);
		assertThat(this.cache.offer(empty, B, false).verdict()).isEqualTo(TopologyCache.Verdict.EMPTY);
		assertThat(this.cache.current()).isSameAs(accepted);
		assertThat(new TopologyCache().offer(empty, B, true).verdict()).isEqualTo(TopologyCache.Verdict.EMPTY);
	}

	@Test
	void theSameSnapshotInstanceReceivedAgainKeepsItsRoutesWithTheNewSource() {
		TopologySnapshot snapshot = snapshot(5, A);
		TopologyView first = this.cache.offer(snapshot, A, true).view();

		TopologyView again = this.cache.offer(snapshot, B, false).view();

		assertThat(again).isNotSameAs(first);
		assertThat(again.routes()).isSameAs(first.routes());
		assertThat(again.source()).isEqualTo(B);
		assertThat(this.cache.current()).isSameAs(again);
	}

	@Test
	void acceptedViewsAndOnlyThoseReachTheChangeStreamInOrder() {
		List<Long> epochs = new CopyOnWriteArrayList<>();
		Disposable subscription = this.cache.changes().subscribe((view) -> epochs.add(view.allocationEpoch()));
		try {
			this.cache.offer(snapshot(5, A), A, true);
			this.cache.offer(snapshot(4, A), A, false);
			this.cache.offer(snapshot(6, A), A, false);

			await().atMost(Duration.ofSeconds(10)).until(() -> epochs.size() == 2);
			assertThat(epochs).containsExactly(5L, 6L);
		}
		finally {
			subscription.dispose();
		}
	}

	@Test
	void aClearedCacheAcceptsAnyEpochAgainAndANewSubscriberSeesTheLastAcceptedView() {
		this.cache.offer(snapshot(9, A), A, true);

		this.cache.clear();

		assertThat(this.cache.current().isEmpty()).isTrue();
		assertThat(this.cache.offer(snapshot(2, B), B, false).accepted()).isTrue();
		assertThat(this.cache.changes().blockFirst(Duration.ofSeconds(10)).allocationEpoch()).isEqualTo(2);
	}

	static TopologySnapshot snapshot(long epoch, Map<Long, NodeAddress> owners, Set<NodeAddress> unreachable) {
		Map<Long, ShardAllocation> shards = new java.util.HashMap<>();
		owners.forEach((shard, owner) -> shards.put(shard, new ShardAllocation(owner, List.of())));
		return new TopologySnapshot(
				Set.of(new Member(A, MemberStatus.UP, Set.of(), "node-1"),
						new Member(B, MemberStatus.UP, Set.of(), "node-2")),
				A, Map.of("counter", shards), epoch, unreachable, Set.of());
	}

	@Test
	void aCoordinatorAnswerBeatsTheSnapshotOfTheSameEpochAndANewerSnapshotNamingAnOwnerBeatsIt() {
		this.cache.offer(snapshot(5, A), A, true);

		LocatedShard answer = this.cache.offerLocation("counter", 1, B);

		assertThat(answer.node()).isEqualTo(B);
		assertThat(answer.epoch()).isEqualTo(5);
		assertThat(this.cache.current().owner("counter", 1)).isEqualTo(B);
		assertThat(this.cache.current().located("counter", 1)).isSameAs(answer);
		assertThat(this.cache.current().primary("counter", 1)).isEqualTo(A);

		this.cache.offer(snapshot(5, A), B, false);
		assertThat(this.cache.current().owner("counter", 1)).as("same epoch").isEqualTo(B);

		this.cache.offer(snapshot(6, A), A, false);
		assertThat(this.cache.current().owner("counter", 1)).as("newer epoch").isEqualTo(A);
		assertThat(this.cache.current().located("counter", 1)).isNull();
	}

	@Test
	void aCoordinatorAnswerDecidesAShardANewerSnapshotDoesNotAllocate() {
		this.cache.offer(snapshot(5, Map.of(), Set.of()), A, true);

		this.cache.offerLocation("counter", 3, B);
		assertThat(this.cache.current().owner("counter", 3)).isEqualTo(B);

		this.cache.offer(snapshot(6, Map.of(1L, A), Set.of()), A, false);
		assertThat(this.cache.current().owner("counter", 3)).isEqualTo(B);
		assertThat(this.cache.current().owner("counter", 1)).isEqualTo(A);
	}

	@Test
	void anAnswerNamingANodeASnapshotMarksUnavailableIsDropped() {
		this.cache.offer(snapshot(5, Map.of(), Set.of()), A, true);
		this.cache.offerLocation("counter", 3, B);

		this.cache.offer(snapshot(5, Map.of(), Set.of(B)), A, false);
		assertThat(this.cache.current().owner("counter", 3)).isNull();

		this.cache.offer(snapshot(5, Map.of(), Set.of()), A, false);
		assertThat(this.cache.current().owner("counter", 3)).as("not kept while B was out").isNull();
	}

	@Test
	void aSnapshotOfAnOlderEpochDropsEveryAnswer() {
		this.cache.offer(snapshot(9, Map.of(), Set.of()), A, true);
		this.cache.offerLocation("counter", 3, B);

		this.cache.offer(snapshot(1, Map.of(), Set.of()), B, true);

		assertThat(this.cache.current().owner("counter", 3)).isNull();
	}

	@Test
	void forgettingAnAnswerDropsOnlyThatAnswer() {
		this.cache.offer(snapshot(5, A), A, true);
		LocatedShard first = this.cache.offerLocation("counter", 1, B);
		LocatedShard second = this.cache.offerLocation("counter", 1, B);

		this.cache.forgetLocation("counter", 1, first);
		assertThat(this.cache.current().located("counter", 1)).isSameAs(second);

		this.cache.forgetLocation("counter", 1, second);
		assertThat(this.cache.current().located("counter", 1)).isNull();
		assertThat(this.cache.current().owner("counter", 1)).isEqualTo(A);
	}

	@Test
	void viewsAndAnswersAreStampedOnOneClockAndAnswersAreNoChangeOfTheStream() {
		TopologyView accepted = this.cache.offer(snapshot(5, A), A, true).view();

		LocatedShard answer = this.cache.offerLocation("counter", 1, B);
		long later = this.cache.stamp();

		assertThat(accepted.learnedAt()).isPositive().isLessThan(answer.learnedAt());
		assertThat(answer.learnedAt()).isLessThan(later);
		assertThat(this.cache.changes().blockFirst(Duration.ofSeconds(10))).isSameAs(accepted);
		assertThat(this.cache.current()).isNotSameAs(accepted);
		assertThat(this.cache.offer(snapshot(6, A), A, false).view().learnedAt()).isGreaterThan(later);
	}

}
