package io.casty.client.routing;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import io.casty.client.CastyException;
import io.casty.client.NodeAddress;
import io.casty.client.ShardLocationOptions;
import io.casty.client.topology.TopologyView;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the coordinators of one shard type where the shards being resolved are: one query at
 * a time per shard, to the leader (or the lowest available member when the leader cannot be
 * reached), with a timeout per query and, after each timeout, a retry with backoff
 * ({@link ShardLocationOptions}). The answer goes to {@link ShardRouter#onLocation}, which ends
 * the queries; a timeout goes to the router first, which may find the owner meanwhile.
 */
final class ShardLocator {

	private static final Logger logger = LoggerFactory.getLogger(ShardLocator.class);

	private final String shardType;

	private final ShardLocationOptions settings;

	private final ShardTransport transport;

	private final LocationQuery query;

	private final RouterTimers timers;

	private final java.util.function.Supplier<TopologyView> topology;

	private final BooleanSupplier closed;

	private final Consumer<PendingShard> timedOut;

	ShardLocator(String shardType, RoutingContext context, BooleanSupplier closed, Consumer<PendingShard> timedOut) {
		this.shardType = shardType;
		this.settings = context.options().shardLocation();
		this.transport = context.transport();
		this.query = context.locations();
		this.timers = context.timers();
		this.topology = context.topology()::current;
		this.closed = closed;
		this.timedOut = timedOut;
	}

	/**
	 * Sends one query for a shard and arms its timeout.
	 * @param p the shard
	 */
	void query(PendingShard p) {
		if (this.closed.getAsBoolean()) {
			return;
		}
		NodeAddress coordinator = coordinatorNode(this.topology.get());
		synchronized (p) {
			if (p.closed) {
				return;
			}
			p.queriedNode = coordinator;
			if (coordinator != null) {
				try {
					this.query.ask(coordinator, this.shardType, p.shard);
				}
				catch (CastyException ex) {
					logger.debug("Cannot ask the coordinator of '{}' on {}: {}", this.shardType, coordinator,
							ex.getMessage());
				}
			}
			p.cancelTimeout = this.timers.schedule(() -> this.timedOut.accept(p), this.settings.timeout().toNanos());
		}
	}

	/**
	 * Schedules the next query of a shard whose last one timed out.
	 * @param p the shard
	 */
	void retry(PendingShard p) {
		if (this.closed.getAsBoolean()) {
			return;
		}
		this.timers.schedule(() -> query(p), retryDelayNanos(this.settings, p.attempts,
				ThreadLocalRandom.current().nextDouble()));
	}

	/**
	 * The backoff before a retry: the minimum times the attempts so far (at most 8 times),
	 * capped at the maximum, plus up to the jitter's share of it.
	 * @param settings the settings
	 * @param attempts the queries that timed out so far
	 * @param random a number in [0, 1)
	 * @return the delay
	 */
	static long retryDelayNanos(ShardLocationOptions settings, int attempts, double random) {
		long base = settings.retryMinBackoff().toNanos();
		long max = settings.retryMaxBackoff().toNanos();
		long delay = Math.min(max, base * Math.min(8, Math.max(1, attempts)));
		return delay + (long) (delay * settings.retryJitter() * random);
	}

	private @Nullable NodeAddress coordinatorNode(TopologyView view) {
		NodeAddress leader = view.leader();
		if (leader != null && !this.transport.isFailed(leader)) {
			return leader;
		}
		for (NodeAddress member : view.availableMembers()) {
			if (!this.transport.isFailed(member)) {
				return member;
			}
		}
		return null;
	}

}
