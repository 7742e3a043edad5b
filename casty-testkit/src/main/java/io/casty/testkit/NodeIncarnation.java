package io.casty.testkit;

import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import io.casty.client.NodeAddress;
import io.casty.client.protocol.messages.GetShardLocation;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a node, from bind to kill: its one thread and the parts it wires together:
 * transport (sockets), outbound, dispatcher, topology endpoint, coordinator, regions and
 * hosted entities and services. A restart creates a new incarnation, so nothing of a killed
 * process survives; only the node's counters carry over.
 */
final class NodeIncarnation {

	private static final Logger logger = LoggerFactory.getLogger(NodeIncarnation.class);

	private final String nodeId;

	private final long generation;

	private final NodeCounters counters;

	/**
	 * The node's one thread, like Casty's asyncio loop: it does the node's I/O and runs its
	 * actors, so a frame is dispatched where it was read.
	 */
	private final EventLoopGroup loopGroup;

	private final EventLoop loop;

	private final NodeTransport transport;

	private final TopologyEndpoint topology;

	private final ShardCoordinator coordinator;

	private final NodeDispatcher dispatcher;

	private volatile boolean alive = true;

	NodeIncarnation(ClusterEnvironment environment, int index, String nodeId, NodeCounters counters, long generation) {
		this.nodeId = nodeId;
		this.generation = generation;
		this.counters = counters;
		String threadName = "casty-test-" + nodeId + "-" + generation;
		this.loopGroup = new MultiThreadIoEventLoopGroup(1, (runnable) -> {
			Thread thread = new Thread(runnable, threadName);
			thread.setDaemon(true);
			return thread;
		}, NioIoHandler.newFactory());
		this.loop = this.loopGroup.next();
		this.transport = new NodeTransport(nodeId, environment.config(), this.loopGroup, counters,
				environment.dialExecutor(), (path, payload) -> run(() -> dispatch(path, payload)));
		NodeOutbound outbound = new NodeOutbound(nodeId, environment, this.transport, counters,
				(path, payload) -> execute(() -> dispatch(path, payload)));
		this.topology = new TopologyEndpoint(environment, outbound, counters);
		this.coordinator = new ShardCoordinator(nodeId, environment, outbound, counters, this.transport::address);
		EntityHost entities = new EntityHost(nodeId, index, environment, outbound, counters, this.transport::address);
		RegionHost regions = new RegionHost(index, environment, entities, outbound, counters);
		this.dispatcher = new NodeDispatcher(environment, counters, this.topology, this.coordinator, regions, entities,
				outbound);
	}

	long generation() {
		return this.generation;
	}

	NodeAddress address() {
		return this.transport.address();
	}

	NodeAddress bind(int port) {
		try {
			return this.transport.bind(port);
		}
		catch (TestClusterException ex) {
			this.loopGroup.shutdownGracefully(0, 0, TimeUnit.SECONDS);
			throw ex;
		}
	}

	void close() {
		this.alive = false;
		boolean onLoop = this.loop.inEventLoop();
		this.transport.close(!onLoop);
		var terminated = this.loopGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
		if (!onLoop) {
			terminated.awaitUninterruptibly(3, TimeUnit.SECONDS);
		}
	}

	/**
	 * Runs a task on the node's thread: at once when called there (a frame just read),
	 * else queued.
	 */
	boolean run(Runnable task) {
		if (this.alive && this.loop.inEventLoop()) {
			runSafely(task);
			return true;
		}
		return execute(task);
	}

	/** Queues a task for the node's thread; dropped and counted once the node is dead. */
	boolean execute(Runnable task) {
		if (!this.alive) {
			this.counters.dropped.incrementAndGet();
			return false;
		}
		try {
			this.loop.execute(() -> runSafely(task));
			return true;
		}
		catch (RejectedExecutionException ex) {
			this.counters.dropped.incrementAndGet();
			return false;
		}
	}

	private void runSafely(Runnable task) {
		try {
			task.run();
		}
		catch (RuntimeException ex) {
			logger.warn("{}: task failed", this.nodeId, ex);
		}
	}

	int openConnections() {
		return this.transport.openConnections();
	}

	Set<NodeAddress> connectedPeers() {
		return this.transport.connectedPeers();
	}

	int subscriberCount() {
		return this.topology.subscriberCount();
	}

	/** Routes one message by its target path. Runs on the message thread. */
	void dispatch(String path, byte[] payload) {
		this.dispatcher.dispatch(path, payload);
	}

	/** Queues a snapshot push to every subscriber. */
	boolean pushSnapshot(byte[] payload) {
		return execute(() -> this.topology.push(payload));
	}

	/** Queues a coordinator request a follower forwarded to this node as the leader. */
	boolean answerAsLeader(String shardType, GetShardLocation request) {
		return execute(() -> this.coordinator.answerAsLeader(shardType, request));
	}

}
