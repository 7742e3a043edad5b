package io.casty.testkit;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one node saw over all its incarnations, counted by its parts and read through
 * {@link TestNode}.
 */
final class NodeCounters {

	private static final Logger logger = LoggerFactory.getLogger(NodeCounters.class);

	private final String nodeId;

	final AtomicLong framesReceived = new AtomicLong();

	final AtomicLong invalidFrames = new AtomicLong();

	final AtomicLong dropped = new AtomicLong();

	final AtomicLong messagesSent = new AtomicLong();

	final AtomicLong snapshotsSent = new AtomicLong();

	final AtomicLong locationRequests = new AtomicLong();

	private final Map<String, AtomicLong> envelopes = new ConcurrentHashMap<>();

	private final Map<String, Map<String, AtomicLong>> entityMessages = new ConcurrentHashMap<>();

	private final Map<String, Map<Long, AtomicLong>> nonOwnerMessages = new ConcurrentHashMap<>();

	NodeCounters(String nodeId) {
		this.nodeId = nodeId;
	}

	/** Counts a message dropped silently, as Casty drops it, and says why at debug level. */
	void drop(String path, String reason) {
		this.dropped.incrementAndGet();
		logger.debug("{}: dropped message for {}: {}", this.nodeId, path, reason);
	}

	void envelopeReceived(String shardType) {
		this.envelopes.computeIfAbsent(shardType, (t) -> new AtomicLong()).incrementAndGet();
	}

	long envelopesReceived(String shardType) {
		AtomicLong count = this.envelopes.get(shardType);
		return (count != null) ? count.get() : 0;
	}

	void entityMessage(String shardType, String entityId, long shard, boolean owner) {
		this.entityMessages.computeIfAbsent(shardType, (t) -> new ConcurrentHashMap<>())
			.computeIfAbsent(entityId, (id) -> new AtomicLong())
			.incrementAndGet();
		if (!owner) {
			this.nonOwnerMessages.computeIfAbsent(shardType, (t) -> new ConcurrentHashMap<>())
				.computeIfAbsent(shard, (s) -> new AtomicLong())
				.incrementAndGet();
		}
	}

	Map<String, Long> entityMessages(String shardType) {
		return copyOf(this.entityMessages.get(shardType));
	}

	Map<Long, Long> nonOwnerMessages(String shardType) {
		return copyOf(this.nonOwnerMessages.get(shardType));
	}

	private static <K> Map<K, Long> copyOf(@Nullable Map<K, AtomicLong> counts) {
		Map<K, Long> copy = new TreeMap<>();
		if (counts != null) {
			counts.forEach((key, count) -> copy.put(key, count.get()));
		}
		return Collections.unmodifiableMap(copy);
	}

}
