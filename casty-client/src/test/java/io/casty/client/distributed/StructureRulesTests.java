package io.casty.client.distributed;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.casty.client.CastyTimeoutException;
import io.casty.client.NodeAddress;
import io.casty.client.NodeUnreachableException;
import io.casty.client.Tuple;
import io.casty.client.distributed.protocol.BarrierMessages;
import io.casty.client.distributed.protocol.LockMessages;
import io.casty.client.distributed.protocol.MapMessages;
import io.casty.client.distributed.protocol.SemaphoreMessages;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * The rules the structures add to Casty's protocol: no ghost holders, early "not hosted"
 * errors, unique barrier participants, values Casty can hold.
 */
class StructureRulesTests {

	private final FakeGateway gateway = new FakeGateway();

	private final CastyDistributed distributed = new CastyDistributed(this.gateway);

	@Test
	void grantArrivingAfterTheAcquireTimedOutIsReleasedAtOnce() {
		CastyLock lock = this.distributed.lock("res");
		CompletableFuture<Permit> acquire = lock.acquire(Duration.ofSeconds(3));
		FakeGateway.Request request = this.gateway.last();
		assertThat(request.message).isEqualTo(new LockMessages.LockAcquire("owner-1", this.gateway.replyTo.narrow()));
		assertThat(request.lateReply).isNotNull();

		request.reply.completeExceptionally(new CastyTimeoutException("No reply within 3000 ms"));
		assertThat(acquire).failsWithin(Duration.ZERO)
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(CastyTimeoutException.class)
			.withMessageContaining("lock 'res' was not granted within 3000 ms");
		assertThat(this.gateway.requests).hasSize(1);

		request.lateReply.accept(new LockMessages.LockAcquired());
		FakeGateway.Request release = this.gateway.last();
		assertThat(release.message).isEqualTo(new LockMessages.LockRelease("owner-1", this.gateway.replyTo.narrow()));
		release.reply.complete(new LockMessages.LockReleased(true));
		assertThat(lock.abandonedGrantsReleased()).isEqualTo(1);
	}

	@Test
	void releaseOfAnAbandonedGrantIsRetriedWhenItFails() {
		CastySemaphore semaphore = this.distributed.semaphore("pool");
		semaphore.acquire(Duration.ofSeconds(3));
		FakeGateway.Request request = this.gateway.last();
		request.reply.completeExceptionally(new NodeUnreachableException(new NodeAddress("127.0.0.1", 1), "gone"));
		request.lateReply.accept(new SemaphoreMessages.SemaphoreAcquired());
		this.gateway.last().reply.completeExceptionally(new CastyTimeoutException("slow"));
		FakeGateway.Request retry = this.gateway.last();
		assertThat(retry.message).isInstanceOf(SemaphoreMessages.SemaphoreRelease.class);
		retry.reply.complete(new SemaphoreMessages.SemaphoreReleased(true));
		assertThat(semaphore.abandonedGrantsReleased()).isEqualTo(1);
		assertThat(this.gateway.requests).hasSize(3);
	}

	@Test
	void unhostedRegionFailsBeforeTheTimeoutAndALaterGrantIsReleased() {
		this.gateway.notHosted = "nobody hosts it";
		CastyLock lock = this.distributed.lock("res");
		CompletableFuture<Permit> acquire = lock.acquire();
		assertThat(acquire).isNotDone();
		this.gateway.runScheduled();
		assertThat(acquire).failsWithin(Duration.ZERO)
			.withThrowableThat()
			.havingCause()
			.isInstanceOfSatisfying(StructureNotHostedException.class, (ex) -> {
				assertThat(ex.getShardType()).isEqualTo("d-lock-res");
				assertThat(ex).hasMessageContaining("nobody hosts it")
					.hasMessageContaining("system.distributed().lock(\"res\", shards=100)");
			});

		this.gateway.requests.get(0).reply.complete(new LockMessages.LockAcquired());
		assertThat(this.gateway.last().message).isInstanceOf(LockMessages.LockRelease.class);
	}

	@Test
	void hostedRegionIsNotFailedEarly() {
		CompletableFuture<Long> value = this.distributed.counter("hits").get();
		this.gateway.runScheduled();
		assertThat(value).isNotDone();
		this.gateway.last().reply.complete(7L);
		assertThat(value).isCompletedWithValue(7L);
	}

	@Test
	void noEarlyCheckWhenTheTimeoutIsShorterThanTheCheckDelay() {
		this.distributed.counter("hits", StructureOptions.defaults().withTimeout(Duration.ofSeconds(1))).get();
		assertThat(this.gateway.scheduled).isEmpty();
	}

	@Test
	void permitIsReleasedOnceAndClosingReleasesIt() {
		CastyLock lock = this.distributed.lock("res");
		CompletableFuture<Permit> acquire = lock.acquire();
		this.gateway.last().reply.complete(new LockMessages.LockAcquired());
		Permit permit = acquire.join();
		assertThat(permit.owner()).isEqualTo("owner-1");
		CompletableFuture<Boolean> first = permit.release();
		this.gateway.last().reply.complete(new LockMessages.LockReleased(true));
		assertThat(permit.release()).isSameAs(first).isCompletedWithValue(true);
		permit.close();
		assertThat(this.gateway.requests).hasSize(2);
	}

	@Test
	void tryAcquireGivesAPermitOnlyWhenAcquired() {
		CastyLock lock = this.distributed.lock("res");
		CompletableFuture<java.util.Optional<Permit>> free = lock.tryAcquire();
		this.gateway.last().reply.complete(new LockMessages.LockTryResult(true));
		assertThat(free.join()).hasValueSatisfying((p) -> assertThat(p.owner()).isEqualTo("owner-1"));
		CompletableFuture<java.util.Optional<Permit>> taken = lock.tryAcquire();
		this.gateway.last().reply.complete(new LockMessages.LockTryResult(false));
		assertThat(taken.join()).isEmpty();
	}

	@Test
	void barrierArrivesAsTheClientAndRefusesASecondConcurrentArrival() {
		CastyBarrier barrier = this.distributed.barrier("sync");
		CompletableFuture<Void> first = barrier.arrive(2);
		assertThat(this.gateway.last().message)
			.isEqualTo(new BarrierMessages.BarrierArrive("client-1", 2, this.gateway.replyTo.narrow()));
		assertThat(this.distributed.barrier("sync").arrive(2)).failsWithin(Duration.ZERO)
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(IllegalStateException.class)
			.withMessageContaining("already waits at barrier 'sync'");
		assertThat(this.gateway.requests).hasSize(1);
		this.gateway.last().reply.complete(new BarrierMessages.BarrierReleased());
		assertThat(first).isCompleted();
		this.distributed.barrier("sync").arrive(2);
		assertThat(this.gateway.requests).hasSize(2);
		this.distributed.barrier("sync", "worker-2", StructureOptions.barrierDefaults()).arrive(2);
		assertThat(this.gateway.requests).hasSize(3);
	}

	@Test
	void systemBarrierUsesTheBuiltInShardType() {
		this.distributed.systemBarrier("boot").arrive(3);
		assertThat(this.gateway.last().shardType).isEqualTo("_barrier");
		assertThat(this.gateway.last().shards).isEqualTo(10);
		assertThat(this.gateway.last().entityId).isEqualTo("boot");
	}

	@Test
	void mapEntityIdsArePythonStrOfTheKey() {
		assertThat(this.distributed.map("m", String.class, String.class).entityIdOf("alice")).isEqualTo("m:alice");
		assertThat(this.distributed.map("m", Long.class, String.class).entityIdOf(42L)).isEqualTo("m:42");
		assertThat(this.distributed.map("m", Boolean.class, String.class).entityIdOf(true)).isEqualTo("m:True");
		UUID id = UUID.fromString("12345678-1234-5678-1234-567812345678");
		assertThat(this.distributed.map("m", UUID.class, String.class).entityIdOf(id))
			.isEqualTo("m:12345678-1234-5678-1234-567812345678");
		assertThatIllegalArgumentException().isThrownBy(() -> this.distributed.map("m", Double.class, String.class))
			.withMessageContaining("str()");
	}

	@Test
	void mapRefusesNullValuesAndSendsPut() {
		CastyMap<String, String> map = this.distributed.map("m", String.class, String.class);
		assertThatNullPointerException().isThrownBy(() -> map.put("k", null));
		map.put("k", "v");
		assertThat(this.gateway.last().message).isEqualTo(new MapMessages.Put("v", this.gateway.replyTo));
		assertThat(this.gateway.last().entityId).isEqualTo("m:k");
		assertThat(this.gateway.registered).contains(String.class);
	}

	@Test
	void setRefusesListsWhichWouldCrashCastysSetEntity() {
		CastySet<Object> set = this.distributed.set("tags", Object.class);
		assertThatIllegalArgumentException().isThrownBy(() -> set.add(List.of("a", "b")))
			.withMessageContaining("hashable");
		set.add(Tuple.of("a", "b"));
		assertThat(this.gateway.requests).hasSize(1);
	}

	@Test
	void structureNamesMustNotBeEmpty() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.distributed.counter(""));
	}

}
