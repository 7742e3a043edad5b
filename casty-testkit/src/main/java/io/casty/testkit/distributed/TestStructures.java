package io.casty.testkit.distributed;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import io.casty.client.ActorRef;
import io.casty.client.distributed.protocol.BarrierMessages;
import io.casty.client.distributed.protocol.CounterMessages;
import io.casty.client.distributed.protocol.DistributedMessages;
import io.casty.client.distributed.protocol.LockMessages;
import io.casty.client.distributed.protocol.MapMessages;
import io.casty.client.distributed.protocol.QueueMessages;
import io.casty.client.distributed.protocol.SemaphoreMessages;
import io.casty.client.distributed.protocol.SetMessages;
import io.casty.testkit.CastyTestCluster;
import io.casty.testkit.EntityBehavior;
import io.casty.testkit.EntityContext;
import io.casty.testkit.EntityFactory;
import org.jspecify.annotations.Nullable;

/**
 * Hosts Casty's distributed structures on a test cluster, as {@code system.distributed()}
 * does on real nodes: each is a sharded type ({@code d-counter-<name>}, ...) whose entities
 * answer Casty's {@code casty.distributed.*} messages exactly as v0.21.0 does.
 *
 * <pre>{@code
 * TestStructures structures = TestStructures.faithful();
 * CastyTestCluster.Builder builder = CastyTestCluster.builder().nodes(3);
 * structures.counter(builder, "hits").lock(builder, "report").semaphore(builder, "pool", 2);
 * }</pre>
 *
 * With {@link #faithful()} Casty's traps are reproduced: a waiter for a lock or semaphore
 * permit stays queued after its client gave up and is granted the permit later; a second
 * barrier arrival of one participant replaces the first, which is never answered.
 * {@link #withoutTraps()} hosts a corrected variant for comparison: a release by a queued
 * owner leaves the queue, and a replaced barrier arrival is released with the others.
 * Destroying a structure resets its entity, as Casty's stopped entity is recreated empty.
 *
 * @since 0.1.0
 */
public final class TestStructures {

	private final boolean traps;

	private final AtomicLong grantsToWaiters = new AtomicLong();

	private final AtomicLong unansweredArrivals = new AtomicLong();

	private TestStructures(boolean traps) {
		this.traps = traps;
	}

	/**
	 * Casty v0.21.0's semantics, traps included.
	 * @return the structures
	 */
	public static TestStructures faithful() {
		return new TestStructures(true);
	}

	/**
	 * Casty's semantics without its traps (see the class description).
	 * @return the structures
	 */
	public static TestStructures withoutTraps() {
		return new TestStructures(false);
	}

	/**
	 * Whether Casty's traps are reproduced.
	 * @return whether they are
	 */
	public boolean traps() {
		return this.traps;
	}

	/**
	 * The message types to register with the cluster (done by the methods that host a
	 * structure).
	 * @return the sealed message interfaces
	 */
	public static Class<?>[] messageTypes() {
		return DistributedMessages.TYPES.toArray(Class<?>[]::new);
	}

	/**
	 * How many lock or semaphore grants went to a queued waiter, over every structure.
	 * @return the count
	 */
	public long grantsToWaiters() {
		return this.grantsToWaiters.get();
	}

	/**
	 * How many barrier arrivals were replaced by a later one of the same participant and so
	 * never answered (with traps only).
	 * @return the count
	 */
	public long unansweredArrivals() {
		return this.unansweredArrivals.get();
	}

	/**
	 * Hosts a counter with 100 shards on every node.
	 * @param builder the cluster builder
	 * @param name the counter's name
	 * @return this
	 */
	public TestStructures counter(CastyTestCluster.Builder builder, String name) {
		return host(builder, "d-counter-" + name, 100, counterFactory());
	}

	/**
	 * Hosts a map with 100 shards on every node.
	 * @param builder the cluster builder
	 * @param name the map's name
	 * @return this
	 */
	public TestStructures map(CastyTestCluster.Builder builder, String name) {
		return host(builder, "d-map-" + name, 100, mapFactory());
	}

	/**
	 * Hosts a set with 100 shards on every node.
	 * @param builder the cluster builder
	 * @param name the set's name
	 * @return this
	 */
	public TestStructures set(CastyTestCluster.Builder builder, String name) {
		return host(builder, "d-set-" + name, 100, setFactory());
	}

	/**
	 * Hosts a queue with 100 shards on every node.
	 * @param builder the cluster builder
	 * @param name the queue's name
	 * @return this
	 */
	public TestStructures queue(CastyTestCluster.Builder builder, String name) {
		return host(builder, "d-queue-" + name, 100, queueFactory());
	}

	/**
	 * Hosts a lock with 100 shards on every node.
	 * @param builder the cluster builder
	 * @param name the lock's name
	 * @return this
	 */
	public TestStructures lock(CastyTestCluster.Builder builder, String name) {
		return host(builder, "d-lock-" + name, 100, permitFactory(1, true));
	}

	/**
	 * Hosts a semaphore with 100 shards on every node.
	 * @param builder the cluster builder
	 * @param name the semaphore's name
	 * @param permits how many holders it admits at once
	 * @return this
	 */
	public TestStructures semaphore(CastyTestCluster.Builder builder, String name, int permits) {
		if (permits < 1) {
			throw new IllegalArgumentException("permits must be at least 1, was " + permits);
		}
		return host(builder, "d-sem-" + name, 100, permitFactory(permits, false));
	}

	/**
	 * Hosts a barrier with 10 shards on every node.
	 * @param builder the cluster builder
	 * @param name the barrier's name
	 * @return this
	 */
	public TestStructures barrier(CastyTestCluster.Builder builder, String name) {
		return host(builder, "d-barrier-" + name, 10, barrierFactory());
	}

	/**
	 * Hosts the system barrier ({@code _barrier}, 10 shards) that every Casty node spawns.
	 * @param builder the cluster builder
	 * @return this
	 */
	public TestStructures systemBarrier(CastyTestCluster.Builder builder) {
		return host(builder, "_barrier", 10, barrierFactory());
	}

	private TestStructures host(CastyTestCluster.Builder builder, String shardType, int shards, EntityFactory factory) {
		builder.messageTypes(messageTypes()).shardedType(shardType, shards, factory);
		return this;
	}

	/**
	 * Entities of a counter.
	 * @return the factory
	 */
	public EntityFactory counterFactory() {
		return (id) -> new EntityBehavior() {

			private long value;

			@Override
			public void onMessage(EntityContext ctx, Object message) {
				if (message instanceof CounterMessages.Increment m) {
					this.value += m.amount();
					ctx.tell(m.replyTo(), this.value);
				}
				else if (message instanceof CounterMessages.Decrement m) {
					this.value -= m.amount();
					ctx.tell(m.replyTo(), this.value);
				}
				else if (message instanceof CounterMessages.GetValue m) {
					ctx.tell(m.replyTo(), this.value);
				}
				else if (message instanceof CounterMessages.DestroyCounter m) {
					this.value = 0;
					ctx.tell(m.replyTo(), true);
				}
			}

		};
	}

	/**
	 * Entities of a map (one per key).
	 * @return the factory
	 */
	public EntityFactory mapFactory() {
		return (id) -> new EntityBehavior() {

			private @Nullable Object value;

			@Override
			public void onMessage(EntityContext ctx, Object message) {
				if (message instanceof MapMessages.Put m) {
					Object previous = this.value;
					this.value = m.value();
					ctx.tell(m.replyTo(), previous);
				}
				else if (message instanceof MapMessages.Get m) {
					ctx.tell(m.replyTo(), this.value);
				}
				else if (message instanceof MapMessages.Contains m) {
					ctx.tell(m.replyTo(), this.value != null);
				}
				else if (message instanceof MapMessages.Delete m) {
					boolean existed = this.value != null;
					this.value = null;
					ctx.tell(m.replyTo(), existed);
				}
			}

		};
	}

	/**
	 * Entities of a set.
	 * @return the factory
	 */
	public EntityFactory setFactory() {
		return (id) -> new EntityBehavior() {

			private final Set<Object> items = new HashSet<>();

			@Override
			public void onMessage(EntityContext ctx, Object message) {
				if (message instanceof SetMessages.Add m) {
					hashable(m.value());
					ctx.tell(m.replyTo(), this.items.add(m.value()));
				}
				else if (message instanceof SetMessages.Remove m) {
					ctx.tell(m.replyTo(), this.items.remove(m.value()));
				}
				else if (message instanceof SetMessages.SetContains m) {
					ctx.tell(m.replyTo(), this.items.contains(m.value()));
				}
				else if (message instanceof SetMessages.SetSize m) {
					ctx.tell(m.replyTo(), this.items.size());
				}
				else if (message instanceof SetMessages.DestroySet m) {
					this.items.clear();
					ctx.tell(m.replyTo(), true);
				}
			}

		};
	}

	/** Python's sets refuse unhashable lists and dicts, which stops Casty's set entity. */
	private static void hashable(Object value) {
		if (value instanceof List<?> || value instanceof Map<?, ?>) {
			throw new IllegalArgumentException("unhashable type: '" + (value instanceof List<?> ? "list" : "dict") + "'");
		}
	}

	/**
	 * Entities of a queue.
	 * @return the factory
	 */
	public EntityFactory queueFactory() {
		return (id) -> new EntityBehavior() {

			private final ArrayDeque<Object> items = new ArrayDeque<>();

			@Override
			public void onMessage(EntityContext ctx, Object message) {
				if (message instanceof QueueMessages.Enqueue m) {
					this.items.add(m.value());
					ctx.tell(m.replyTo(), null);
				}
				else if (message instanceof QueueMessages.Dequeue m) {
					ctx.tell(m.replyTo(), this.items.poll());
				}
				else if (message instanceof QueueMessages.Peek m) {
					ctx.tell(m.replyTo(), this.items.peek());
				}
				else if (message instanceof QueueMessages.QueueSize m) {
					ctx.tell(m.replyTo(), this.items.size());
				}
				else if (message instanceof QueueMessages.DestroyQueue m) {
					this.items.clear();
					ctx.tell(m.replyTo(), true);
				}
			}

		};
	}

	/**
	 * Entities of a lock (one permit) or a semaphore.
	 * @param permits the permits
	 * @param lock whether it speaks the lock's messages, else the semaphore's
	 * @return the factory
	 */
	public EntityFactory permitFactory(int permits, boolean lock) {
		return (id) -> new PermitEntity(permits, lock);
	}

	private record Waiter(String owner, ActorRef<?> replyTo) {
	}

	private final class PermitEntity implements EntityBehavior {

		private final int permits;

		private final boolean lock;

		private final List<String> holders = new ArrayList<>();

		private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();

		PermitEntity(int permits, boolean lock) {
			this.permits = permits;
			this.lock = lock;
		}

		@Override
		public void onMessage(EntityContext ctx, Object message) {
			if (message instanceof LockMessages.LockAcquire m) {
				acquire(ctx, m.owner(), m.replyTo(), new LockMessages.LockAcquired());
			}
			else if (message instanceof LockMessages.LockTryAcquire m) {
				ctx.tell(m.replyTo(), new LockMessages.LockTryResult(tryAcquire(m.owner())));
			}
			else if (message instanceof LockMessages.LockRelease m) {
				ctx.tell(m.replyTo(), new LockMessages.LockReleased(release(ctx, m.owner())));
			}
			else if (message instanceof LockMessages.DestroyLock m) {
				destroy(ctx, m.replyTo());
			}
			else if (message instanceof SemaphoreMessages.SemaphoreAcquire m) {
				acquire(ctx, m.owner(), m.replyTo(), new SemaphoreMessages.SemaphoreAcquired());
			}
			else if (message instanceof SemaphoreMessages.SemaphoreTryAcquire m) {
				ctx.tell(m.replyTo(), new SemaphoreMessages.SemaphoreTryResult(tryAcquire(m.owner())));
			}
			else if (message instanceof SemaphoreMessages.SemaphoreRelease m) {
				ctx.tell(m.replyTo(), new SemaphoreMessages.SemaphoreReleased(release(ctx, m.owner())));
			}
			else if (message instanceof SemaphoreMessages.DestroySemaphore m) {
				destroy(ctx, m.replyTo());
			}
		}

		private void acquire(EntityContext ctx, String owner, ActorRef<?> replyTo, Object grant) {
			if (this.holders.size() < this.permits) {
				this.holders.add(owner);
				ctx.tell(replyTo, grant);
			}
			else {
				this.waiters.add(new Waiter(owner, replyTo));
			}
		}

		private boolean tryAcquire(String owner) {
			if (this.holders.size() < this.permits) {
				this.holders.add(owner);
				return true;
			}
			return false;
		}

		private boolean release(EntityContext ctx, String owner) {
			if (!this.holders.remove(owner)) {
				if (!TestStructures.this.traps) {
					this.waiters.removeIf((w) -> w.owner().equals(owner));
				}
				return false;
			}
			Waiter next = this.waiters.poll();
			if (next != null) {
				this.holders.add(next.owner());
				TestStructures.this.grantsToWaiters.incrementAndGet();
				ctx.tell(next.replyTo(),
						this.lock ? new LockMessages.LockAcquired() : new SemaphoreMessages.SemaphoreAcquired());
			}
			return true;
		}

		private void destroy(EntityContext ctx, ActorRef<Boolean> replyTo) {
			this.holders.clear();
			this.waiters.clear();
			ctx.tell(replyTo, true);
		}

	}

	/**
	 * Entities of a barrier.
	 * @return the factory
	 */
	public EntityFactory barrierFactory() {
		return (id) -> new EntityBehavior() {

			private final Map<String, ActorRef<?>> waiting = new LinkedHashMap<>();

			private final List<ActorRef<?>> replaced = new ArrayList<>();

			@Override
			public void onMessage(EntityContext ctx, Object message) {
				if (message instanceof BarrierMessages.BarrierArrive m) {
					ActorRef<?> earlier = this.waiting.put(m.node(), m.replyTo());
					if (earlier != null) {
						if (TestStructures.this.traps) {
							TestStructures.this.unansweredArrivals.incrementAndGet();
						}
						else {
							this.replaced.add(earlier);
						}
					}
					if (this.waiting.size() >= m.expected()) {
						for (ActorRef<?> ref : this.waiting.values()) {
							ctx.tell(ref, new BarrierMessages.BarrierReleased());
						}
						for (ActorRef<?> ref : this.replaced) {
							ctx.tell(ref, new BarrierMessages.BarrierReleased());
						}
						this.waiting.clear();
						this.replaced.clear();
					}
				}
				else if (message instanceof BarrierMessages.DestroyBarrier m) {
					this.waiting.clear();
					this.replaced.clear();
					ctx.tell(m.replyTo(), true);
				}
			}

		};
	}

	@Override
	public String toString() {
		return "TestStructures[" + (this.traps ? "faithful" : "without traps") + "]";
	}


}
