package io.casty.client.transport;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.casty.client.CastyException;
import io.casty.client.ConnectionsInfo;
import io.casty.client.NodeAddress;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;

/**
 * The nodes of one lane marked failed, each with the reconnect loop that runs until it is
 * cleared, and why each member's connection last failed (kept for operators after the node
 * recovered, until it leaves the cluster). Part of {@link NodeTable}, which decides when a
 * node is marked or cleared.
 */
final class NodeFailures {

	/** Starts the background reconnect loop of a node marked failed. */
	@FunctionalInterface
	interface Reconnector {

		/**
		 * Starts reconnecting.
		 * @param node the node
		 * @param attempts counts the attempts made
		 * @return stops the loop
		 */
		Disposable reconnect(NodeAddress node, AtomicInteger attempts);

	}

	private record Failure(CastyException cause, Disposable reconnect, Instant since, AtomicInteger attempts) {
	}

	private final Reconnector reconnector;

	private final Map<NodeAddress, Failure> failures = new ConcurrentHashMap<>();

	/** Why each member's connection last failed, for operators; cleared when it leaves. */
	private final Map<NodeAddress, String> lastFailures = new ConcurrentHashMap<>();

	NodeFailures(Reconnector reconnector) {
		this.reconnector = reconnector;
	}

	/**
	 * Marks a node failed and starts reconnecting to it, stopping the loop of an earlier mark.
	 * @param node the node
	 * @param cause why
	 */
	void mark(NodeAddress node, CastyException cause) {
		AtomicInteger attempts = new AtomicInteger();
		Disposable reconnect = this.reconnector.reconnect(node, attempts);
		this.lastFailures.put(node, String.valueOf(cause.getMessage()));
		Failure previous = this.failures.put(node, new Failure(cause, reconnect, Instant.now(), attempts));
		if (previous != null) {
			previous.reconnect().dispose();
		}
	}

	/**
	 * The node is reachable again (or no longer worth reaching): stop its reconnect loop.
	 * @param node the node
	 */
	void clear(NodeAddress node) {
		Failure failure = this.failures.remove(node);
		if (failure != null) {
			failure.reconnect().dispose();
		}
	}

	boolean contains(NodeAddress node) {
		return this.failures.containsKey(node);
	}

	/**
	 * Whether no node is marked, without hashing an address: what every message asks while
	 * the cluster is healthy.
	 * @return whether none is
	 */
	boolean isEmpty() {
		return this.failures.isEmpty();
	}

	@Nullable CastyException causeOf(NodeAddress node) {
		Failure failure = this.failures.get(node);
		return (failure != null) ? failure.cause() : null;
	}

	@Nullable String lastFailure(NodeAddress node) {
		return this.lastFailures.get(node);
	}

	/**
	 * Stops reconnecting to, and forgets the last failure of, the nodes not in {@code members}.
	 * @param members the nodes still worth reconnecting to
	 */
	void retain(Set<NodeAddress> members) {
		for (NodeAddress node : List.copyOf(this.failures.keySet())) {
			if (!members.contains(node)) {
				clear(node);
			}
		}
		this.lastFailures.keySet().removeIf((node) -> !members.contains(node));
	}

	/**
	 * Adds a {@link ConnectionsInfo.ConnectionState#FAILED} row for each failed node not
	 * described already.
	 * @param lane the lane
	 * @param described the rows by node
	 */
	void describe(int lane, Map<NodeAddress, ConnectionsInfo.Connection> described) {
		for (Map.Entry<NodeAddress, Failure> entry : this.failures.entrySet()) {
			Failure failure = entry.getValue();
			described.putIfAbsent(entry.getKey(), new ConnectionsInfo.Connection(entry.getKey(), lane,
					ConnectionsInfo.ConnectionState.FAILED, failure.since(), false, failure.attempts().get(), 0,
					String.valueOf(failure.cause().getMessage())));
		}
	}

	/** Stops every reconnect loop and forgets every mark. */
	void close() {
		for (Failure failure : this.failures.values()) {
			failure.reconnect().dispose();
		}
		this.failures.clear();
	}

}
