package io.casty.client.topology;

import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.casty.client.NodeAddress;
import io.casty.client.protocol.EncodedMessage;
import io.casty.client.transport.ConnectionManager;
import io.casty.client.transport.SendFailure;
import io.netty.util.concurrent.EventExecutor;

/**
 * What the {@link TopologySubscriber} needs of the connections and the clock: sending to a
 * node's topology actor, failure marks, keeping connections to members, and a periodic tick.
 * {@link #of(ConnectionManager, EventExecutor)} adapts a session's; a unit test passes a fake.
 * <p>
 * Internal: a port wired by {@code ClientSession}; not API, may change without notice.
 *
 * @since 0.1.0
 */
public interface TopologyTransport {

	/**
	 * Sends a message on lane 0, ignoring a failure after it was accepted.
	 * @param node the node
	 * @param path the actor path on it
	 * @param message the message, encoded; taken: sent or released, also when this throws
	 * @throws io.casty.client.CastyException if it is not accepted
	 */
	void send(NodeAddress node, String path, EncodedMessage message);

	/**
	 * Whether the last connection attempt to a node failed and no connection is up.
	 * @param node the node
	 * @return whether it is marked failed
	 */
	boolean isFailed(NodeAddress node);

	/**
	 * Keeps connections to members only, and closes those to members that are gone.
	 * @param members the nodes to keep (contact points included)
	 * @param gone the members that are {@code down} or {@code removed}
	 */
	void retain(Set<NodeAddress> members, Set<NodeAddress> gone);

	/**
	 * Opens a connection to a node if there is none.
	 * @param node the node
	 */
	void ensureConnected(NodeAddress node);

	/**
	 * Runs a task now and then at a fixed rate.
	 * @param task the task
	 * @param intervalNanos the interval
	 * @return cancels the task
	 */
	Runnable every(Runnable task, long intervalNanos);

	/**
	 * The transport of a session.
	 * @param connections its connections
	 * @param scheduler its scheduler
	 * @return the adapter
	 */
	static TopologyTransport of(ConnectionManager connections, EventExecutor scheduler) {
		return new TopologyTransport() {

			@Override
			public void send(NodeAddress node, String path, EncodedMessage message) {
				connections.send(node, path, message, SendFailure.IGNORE);
			}

			@Override
			public boolean isFailed(NodeAddress node) {
				return connections.isFailed(node);
			}

			@Override
			public void retain(Set<NodeAddress> members, Set<NodeAddress> gone) {
				connections.retain(members, gone);
			}

			@Override
			public void ensureConnected(NodeAddress node) {
				connections.ensureConnected(node);
			}

			@Override
			public Runnable every(Runnable task, long intervalNanos) {
				ScheduledFuture<?> future = scheduler.scheduleAtFixedRate(task, 0, intervalNanos, TimeUnit.NANOSECONDS);
				return () -> future.cancel(false);
			}

		};
	}

}
