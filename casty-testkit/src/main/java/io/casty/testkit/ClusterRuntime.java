package io.casty.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.casty.client.NodeAddress;
import io.casty.client.protocol.codec.MessageCodec;
import io.casty.client.protocol.codec.MessageTypeRegistry;
import io.casty.client.protocol.messages.GetShardLocation;
import io.casty.client.protocol.messages.ServiceEntry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running cluster behind a {@link CastyTestCluster}: its nodes, the shared state, the
 * timer of periodic pushes and failure detection, and the environment every node sees of the
 * cluster. Membership faults change the state here and push.
 */
final class ClusterRuntime implements ClusterEnvironment {

	private static final Logger logger = LoggerFactory.getLogger(ClusterRuntime.class);

	private final ClusterConfig config;

	private final MessageCodec codec;

	private final List<TestNode> nodes = new ArrayList<>();

	private final ExecutorService dialExecutor;

	private final ScheduledExecutorService timer;

	private final Object publishLock = new Object();

	private volatile ClusterState state;

	private volatile boolean pushesStopped;

	private volatile boolean allStopped;

	private volatile boolean closed;

	ClusterRuntime(ClusterConfig config) {
		this.config = config;
		MessageTypeRegistry registry = MessageTypeRegistry.withProtocolTypes();
		config.messageTypes().forEach(registry::register);
		this.codec = new MessageCodec(registry, config.format(), config.compression(), config.compressionLevel(),
				config.maxFrameLength());
		this.dialExecutor = Executors.newCachedThreadPool(daemonThreads("casty-test-dial"));
		this.timer = Executors.newSingleThreadScheduledExecutor(daemonThreads("casty-test-timer"));
		for (int i = 0; i < config.nodes(); i++) {
			this.nodes.add(new TestNode(this, i, config.ports().get(i)));
		}
		this.state = new ClusterState(List.of(), List.of(), config.shardedTypes());
	}

	/** Binds every node, then publishes the first state and schedules periodic pushes. */
	void start() {
		try {
			int previous = 0;
			for (TestNode node : this.nodes) {
				if (node.configuredPort() == 0 && previous > 0) {
					startAbove(node, previous);
				}
				else {
					node.start();
				}
				previous = node.address().port();
			}
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
		ClusterState initial = new ClusterState(this.nodes.stream().map(TestNode::address).toList(),
				this.nodes.stream().map(TestNode::id).toList(), this.config.shardedTypes());
		registerServices(initial);
		this.state = initial;
		long interval = this.config.pushInterval().toMillis();
		if (this.nodes.size() > 1 && interval > 0) {
			this.timer.scheduleAtFixedRate(this::publish, interval, interval, TimeUnit.MILLISECONDS);
		}
		logger.info("Casty test cluster '{}' started: {}", this.config.systemName(), this.nodes);
	}

	/**
	 * Binds an ephemeral-port node just above the previous node's port when possible, so
	 * that addresses ascend with node indexes and node 0 is the leader, as the seed of the
	 * captured clusters.
	 */
	private static void startAbove(TestNode node, int previous) {
		for (int port = previous + 1; port <= Math.min(65535, previous + 100); port++) {
			try {
				node.start(port);
				return;
			}
			catch (TestClusterException ex) {
				// taken; try the next one
			}
		}
		node.start(0);
	}

	private void registerServices(ClusterState target) {
		for (ServiceSpec service : this.config.services()) {
			target.register(new ServiceEntry(service.key(), this.nodes.get(service.nodeIndex()).address(), service.path()));
		}
	}

	List<TestNode> nodes() {
		return this.nodes;
	}

	void stopAll() {
		this.allStopped = true;
		for (TestNode node : this.nodes) {
			node.kill();
		}
	}

	void startAll(long firstEpoch) {
		synchronized (this.publishLock) {
			if (this.nodes.stream().anyMatch(TestNode::isRunning)) {
				throw new IllegalStateException("startAll() needs every node stopped; call stopAll() first");
			}
			ClusterState fresh = this.state.restarted(firstEpoch);
			registerServices(fresh);
			// The fresh state first: a client connecting to a started node must see the new cluster.
			this.state = fresh;
			this.allStopped = false;
			for (TestNode node : this.nodes) {
				node.start();
			}
		}
		logger.info("Casty test cluster '{}' restarted from scratch at epoch {}: {}", this.config.systemName(),
				firstEpoch, this.nodes);
		publish();
	}

	boolean pushesStopped() {
		return this.pushesStopped;
	}

	void stopPushes() {
		this.pushesStopped = true;
	}

	void resumePushes() {
		this.pushesStopped = false;
		publish();
	}

	void markUnreachable(NodeAddress address) {
		if (this.state.markUnreachable(address)) {
			publish();
		}
	}

	void markDown(NodeAddress address) {
		if (this.state.markDown(address)) {
			publish();
		}
		for (String type : this.state.typesHolding(address)) {
			if (this.state.reallocateAfterLoss(type, address)) {
				publish();
			}
			else {
				logger.info("Allocation update of '{}' after the loss of {} was lost on purpose", type, address);
			}
		}
	}

	void resurrect(NodeAddress address) {
		this.state.resurrect(address);
		publish();
	}

	void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		this.timer.shutdownNow();
		for (TestNode node : this.nodes) {
			node.shutdown();
		}
		this.dialExecutor.shutdownNow();
	}

	// ---- the environment nodes see ------------------------------------------------------

	@Override
	public ClusterConfig config() {
		return this.config;
	}

	@Override
	public MessageCodec codec() {
		return this.codec;
	}

	@Override
	public ClusterState state() {
		return this.state;
	}

	@Override
	public byte[] encodedSnapshot() {
		return this.codec.encode(this.state.snapshot());
	}

	@Override
	public void publish() {
		if (this.pushesStopped || this.closed) {
			return;
		}
		synchronized (this.publishLock) {
			byte[] payload = encodedSnapshot();
			for (TestNode node : this.nodes) {
				if (node.isRunning()) {
					NodeIncarnation running = node.running();
					if (running != null) {
						running.pushSnapshot(payload);
					}
				}
			}
		}
	}

	@Override
	public boolean deliver(NodeAddress address, String path, byte[] payload) {
		TestNode node = nodeAt(address);
		if (node == null) {
			return false;
		}
		NodeIncarnation running = node.running();
		if (running != null) {
			running.execute(() -> running.dispatch(path, payload));
		}
		return true;
	}

	@Override
	public boolean isRunning(NodeAddress address) {
		TestNode node = nodeAt(address);
		return node != null && node.isRunning();
	}

	@Override
	public boolean forwardToLeader(NodeAddress leader, String shardType, GetShardLocation request) {
		TestNode node = nodeAt(leader);
		NodeIncarnation running = (node != null) ? node.running() : null;
		return running != null && running.answerAsLeader(shardType, request);
	}

	@Override
	public ExecutorService dialExecutor() {
		return this.dialExecutor;
	}

	@Override
	public void nodeKilled(int index, long generation) {
		Duration delay = this.config.failureDetection();
		if (this.closed || this.allStopped || delay.isZero() || delay.isNegative()) {
			return;
		}
		TestNode node = this.nodes.get(index);
		this.timer.schedule(() -> {
			if (node.isRunning() || node.generation() != generation || this.closed || this.allStopped) {
				return;
			}
			logger.info("Failure detection: {} is unreachable, then down", node);
			markUnreachable(node.address());
			markDown(node.address());
			if (this.config.resurrectAfterDown()) {
				resurrect(node.address());
				stopPushes();
			}
		}, delay.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void nodeRestarted(int index) {
		TestNode node = this.nodes.get(index);
		List<ServiceEntry> entries = new ArrayList<>();
		for (ServiceSpec service : this.config.servicesOf(index)) {
			entries.add(new ServiceEntry(service.key(), node.address(), service.path()));
		}
		this.state.rejoin(node.address(), entries);
		publish();
	}

	private @Nullable TestNode nodeAt(NodeAddress address) {
		for (TestNode node : this.nodes) {
			if (node.isStartedAt(address)) {
				return node;
			}
		}
		return null;
	}

	private static ThreadFactory daemonThreads(String prefix) {
		AtomicInteger counter = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
