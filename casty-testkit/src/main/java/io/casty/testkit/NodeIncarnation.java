package io.casty.testkit;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import io.casty.client.ActorAddress;
import io.casty.client.ActorRef;
import io.casty.client.DataclassValue;
import io.casty.client.protocol.FrameCodec;
import io.casty.client.protocol.MessageHeader;
import io.casty.client.protocol.messages.Find;
import io.casty.client.protocol.messages.GetShardLocation;
import io.casty.client.protocol.messages.Listing;
import io.casty.client.protocol.messages.NodeAddress;
import io.casty.client.protocol.messages.ProtocolMessages;
import io.casty.client.protocol.messages.ServiceEntry;
import io.casty.client.protocol.messages.ServiceInstance;
import io.casty.client.protocol.messages.ShardAllocation;
import io.casty.client.protocol.messages.ShardEnvelope;
import io.casty.client.protocol.messages.ShardLocation;
import io.casty.client.protocol.messages.SubscribeTopology;
import io.casty.client.protocol.messages.UnsubscribeTopology;
import io.casty.client.routing.ShardHash;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a node, from bind to kill: its server socket, connections, message thread,
 * entities and topology subscribers. A restart creates a new incarnation, so nothing of a
 * killed process survives.
 */
final class NodeIncarnation {

	private static final Logger logger = LoggerFactory.getLogger(NodeIncarnation.class);

	private static final String SNAPSHOT_TYPE_HINT = "casty.cluster.topology.TopologySnapshot";

	/** Casty buffers up to this many messages for a path whose actor does not exist yet. */
	private static final int PATH_BUFFER_LIMIT = 64;

	private final CastyTestCluster cluster;

	private final TestNode node;

	private final long generation;

	/**
	 * The node's one thread, like Casty's asyncio loop: it does the node's I/O and runs its
	 * actors, so a frame is dispatched where it was read.
	 */
	private final EventLoopGroup loopGroup;

	private final EventLoop loop;

	private volatile @Nullable String senderUri;

	private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

	private volatile @Nullable Channel serverChannel;

	private volatile @Nullable NodeAddress address;

	private volatile boolean alive = true;

	// Guarded by "this": connections filed by peer identity, dials in progress, blacklist.
	private final Map<NodeAddress, Channel> connections = new HashMap<>();

	private final Map<NodeAddress, NodeAddress> aliases = new HashMap<>();

	private final Map<NodeAddress, Deque<ByteBuf>> dials = new HashMap<>();

	private final Map<NodeAddress, Long> blacklist = new HashMap<>();

	// Confined to the message thread.
	private final Set<ActorRef<?>> subscribers = new LinkedHashSet<>();

	private final Map<String, Map<String, EntityBehavior>> entities = new HashMap<>();

	private final Map<String, Deque<Object>> pathBuffers = new HashMap<>();

	private final Map<String, ServiceSpec> services = new LinkedHashMap<>();

	NodeIncarnation(CastyTestCluster cluster, TestNode node, long generation) {
		this.cluster = cluster;
		this.node = node;
		this.generation = generation;
		String threadName = "casty-test-" + node.id() + "-" + generation;
		this.loopGroup = new MultiThreadIoEventLoopGroup(1, (runnable) -> {
			Thread thread = new Thread(runnable, threadName);
			thread.setDaemon(true);
			return thread;
		}, NioIoHandler.newFactory());
		this.loop = this.loopGroup.next();
		for (ServiceSpec service : cluster.servicesOf(node.index())) {
			this.services.put(service.path(), service);
		}
	}

	long generation() {
		return this.generation;
	}

	NodeAddress address() {
		NodeAddress current = this.address;
		if (current == null) {
			throw new IllegalStateException("Not bound");
		}
		return current;
	}

	NodeAddress bind(int port) {
		ServerBootstrap bootstrap = new ServerBootstrap().group(this.loopGroup)
			.channel(NioServerSocketChannel.class)
			.option(ChannelOption.SO_REUSEADDR, true)
			.childOption(ChannelOption.TCP_NODELAY, true)
			.childHandler(new ChannelInitializer<SocketChannel>() {
				@Override
				protected void initChannel(SocketChannel channel) {
					NodeIncarnation.this.channels.add(channel);
					io.netty.handler.ssl.SslContext ssl = NodeIncarnation.this.cluster.serverSsl();
					if (ssl != null) {
						channel.pipeline().addLast(ssl.newHandler(channel.alloc()));
					}
					channel.pipeline()
						.addLast(NodeIncarnation.this.cluster.frameDecoder(),
								new NodeConnectionHandler(NodeIncarnation.this, null));
				}
			});
		ChannelFuture bound = bootstrap.bind(this.cluster.host(), port).awaitUninterruptibly();
		if (!bound.isSuccess()) {
			this.loopGroup.shutdownGracefully(0, 0, TimeUnit.SECONDS);
			throw new TestClusterException(this.node.id() + " cannot listen on " + this.cluster.host() + ":" + port
					+ " (" + bound.cause() + "); free the port or use port 0 for an ephemeral one", bound.cause());
		}
		Channel server = bound.channel();
		this.serverChannel = server;
		NodeAddress boundAddress = new NodeAddress(this.cluster.host(),
				((InetSocketAddress) server.localAddress()).getPort());
		this.address = boundAddress;
		return boundAddress;
	}

	void close() {
		this.alive = false;
		boolean onLoop = this.loop.inEventLoop();
		Channel server = this.serverChannel;
		if (server != null) {
			ChannelFuture closed = server.close();
			if (!onLoop) {
				closed.awaitUninterruptibly(2, TimeUnit.SECONDS);
			}
		}
		var closing = this.channels.close();
		if (!onLoop) {
			closing.awaitUninterruptibly(2, TimeUnit.SECONDS);
		}
		synchronized (this) {
			this.dials.values().forEach((queue) -> queue.forEach(ByteBuf::release));
			this.dials.clear();
			this.connections.clear();
		}
		var terminated = this.loopGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
		if (!onLoop) {
			terminated.awaitUninterruptibly(3, TimeUnit.SECONDS);
		}
	}

	boolean isAlive() {
		return this.alive;
	}

	TestNode node() {
		return this.node;
	}

	CastyTestCluster cluster() {
		return this.cluster;
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

	/** Queues a task for the node's thread. */
	boolean execute(Runnable task) {
		if (!this.alive) {
			this.node.dropped.incrementAndGet();
			return false;
		}
		try {
			this.loop.execute(() -> runSafely(task));
			return true;
		}
		catch (RejectedExecutionException ex) {
			this.node.dropped.incrementAndGet();
			return false;
		}
	}

	private void runSafely(Runnable task) {
		try {
			task.run();
		}
		catch (RuntimeException ex) {
			logger.warn("{}: task failed", this.node.id(), ex);
		}
	}

	int openConnections() {
		return (int) this.channels.stream().filter(Channel::isActive).count();
	}

	int subscriberCount() {
		return this.subscribers.size();
	}

	// ---- connections -------------------------------------------------------------------

	/**
	 * Files a connection under a peer identity with Casty's race rule: the connection
	 * initiated by {@code min(self, identity)} wins.
	 * @return whether the new connection was kept (the caller closes it otherwise)
	 */
	synchronized boolean register(NodeAddress identity, Channel channel, boolean initiatedByPeer) {
		if (!this.alive) {
			return false;
		}
		Channel old = this.connections.get(identity);
		if (old == null || old == channel || !old.isActive()) {
			this.connections.put(identity, channel);
			return true;
		}
		NodeAddress self = address();
		boolean peerIsLower = ClusterState.ADDRESS_ORDER.compare(identity, self) < 0;
		boolean newWins = initiatedByPeer == peerIsLower;
		if (newWins) {
			this.connections.put(identity, channel);
			logger.debug("{}: new connection from {} replaces the old one (race rule)", this.node.id(), identity);
			old.close();
			return true;
		}
		logger.debug("{}: new connection from {} loses the race and is closed", this.node.id(), identity);
		return false;
	}

	synchronized void unregister(@Nullable NodeAddress identity, Channel channel) {
		if (identity != null) {
			this.connections.remove(identity, channel);
			this.aliases.values().removeIf(identity::equals);
		}
	}

	/** A dialled connection completed its handshake (or timed out waiting for it). */
	void dialEstablished(NodeAddress dialled, NodeAddress canonical, Channel channel) {
		synchronized (this) {
			boolean kept = register(canonical, channel, false);
			Channel target = kept ? channel : this.connections.get(canonical);
			if (!kept) {
				channel.close();
			}
			if (!dialled.equals(canonical)) {
				this.aliases.put(dialled, canonical);
			}
			Deque<ByteBuf> queued = this.dials.remove(dialled);
			if (queued != null) {
				for (ByteBuf frame : queued) {
					if (target != null && target.isActive()) {
						target.write(frame);
					}
					else {
						frame.release();
						this.node.dropped.incrementAndGet();
					}
				}
				if (target != null) {
					target.flush();
				}
			}
		}
	}

	void dialFailed(NodeAddress target, Throwable cause) {
		logger.debug("{}: failed to connect to {}: {}; blacklisted", this.node.id(), target, cause.toString());
		synchronized (this) {
			this.blacklist.put(target, System.nanoTime() + this.cluster.blacklistDuration().toNanos());
			Deque<ByteBuf> queued = this.dials.remove(target);
			if (queued != null) {
				queued.forEach(ByteBuf::release);
				this.node.dropped.addAndGet(queued.size());
			}
		}
	}

	private void sendFrame(NodeAddress target, ByteBuf frame) {
		Deque<ByteBuf> newDial = null;
		synchronized (this) {
			if (!this.alive) {
				frame.release();
				return;
			}
			Channel channel = this.connections.get(this.aliases.getOrDefault(target, target));
			if (channel != null && channel.isActive()) {
				ChannelOutbox.write(channel, frame);
				return;
			}
			Long until = this.blacklist.get(target);
			if (until != null && System.nanoTime() - until < 0) {
				frame.release();
				this.node.dropped.incrementAndGet();
				return;
			}
			Deque<ByteBuf> pending = this.dials.get(target);
			if (pending != null) {
				pending.add(frame);
				return;
			}
			newDial = new ArrayDeque<>();
			newDial.add(frame);
			this.dials.put(target, newDial);
		}
		this.cluster.dialExecutor().execute(() -> dial(target));
	}

	private void dial(NodeAddress target) {
		InetAddress resolved;
		try {
			resolved = InetAddress.getByName(target.host());
		}
		catch (UnknownHostException | SecurityException ex) {
			dialFailed(target, ex);
			return;
		}
		Bootstrap bootstrap = new Bootstrap().group(this.loopGroup)
			.channel(NioSocketChannel.class)
			.option(ChannelOption.TCP_NODELAY, true)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) this.cluster.dialTimeout().toMillis())
			.handler(new ChannelInitializer<SocketChannel>() {
				@Override
				protected void initChannel(SocketChannel channel) {
					NodeIncarnation.this.channels.add(channel);
					channel.pipeline()
						.addLast(NodeIncarnation.this.cluster.frameDecoder(),
								new NodeConnectionHandler(NodeIncarnation.this, target));
				}
			});
		bootstrap.connect(new InetSocketAddress(resolved, target.port())).addListener((ChannelFuture future) -> {
			if (!future.isSuccess()) {
				dialFailed(target, future.cause());
			}
		});
	}

	// ---- outbound messages --------------------------------------------------------------

	/**
	 * Sends a message to a ref as the node would. Runs on the message thread.
	 */
	void tell(ActorRef<?> to, Object message) {
		byte[] payload;
		try {
			payload = this.cluster.codec().encode(message);
		}
		catch (RuntimeException ex) {
			logger.warn("{}: cannot encode {} for {}; dropped", this.node.id(), message.getClass().getName(), to, ex);
			this.node.dropped.incrementAndGet();
			return;
		}
		sendEncoded(to, this.cluster.codec().typeHint(message), payload);
	}

	void sendEncoded(ActorRef<?> to, String typeHint, byte[] payload) {
		ActorAddress target = to.address();
		this.node.messagesSent.incrementAndGet();
		if (!target.isRemote()) {
			this.node.submit((self) -> self.dispatch(target.path(), payload));
			return;
		}
		NodeAddress peer = new NodeAddress(target.host(), target.port());
		TestNode clusterNode = this.cluster.nodeAt(peer);
		if (clusterNode != null) {
			// Node-to-node traffic stays inside the JVM: same effect, no sockets between nodes.
			clusterNode.submit((other) -> other.dispatch(target.path(), payload));
			return;
		}
		ByteBuf frame = Unpooled.buffer(payload.length + 256);
		FrameCodec.writeMessage(new MessageHeader(to.uri(), senderUri(), typeHint), payload, frame);
		sendFrame(peer, frame);
	}

	private String senderUri() {
		String sender = this.senderUri;
		if (sender == null) {
			NodeAddress self = address();
			sender = "casty://" + this.cluster.systemName() + "@" + self.host() + ":" + self.port() + "/";
			this.senderUri = sender;
		}
		return sender;
	}

	void pushSnapshot(byte[] payload) {
		for (ActorRef<?> subscriber : this.subscribers) {
			this.node.snapshotsSent.incrementAndGet();
			sendEncoded(subscriber, SNAPSHOT_TYPE_HINT, payload);
		}
	}

	// ---- inbound messages ---------------------------------------------------------------

	/**
	 * Routes one message by its target path, as a Casty node does. Runs on the message thread.
	 */
	void dispatch(String path, byte[] payload) {
		Object message;
		try {
			message = this.cluster.codec().decode(payload);
		}
		catch (RuntimeException ex) {
			drop(path, "undecodable payload: " + ex.getMessage());
			return;
		}
		if (message == null) {
			drop(path, "null message");
			return;
		}
		if (!this.cluster.acceptUnknownTypes() && hasUnknownType(message)) {
			drop(path, "unknown _type " + unknownTypeName(message));
			return;
		}
		if (path.equals(ProtocolMessages.TOPOLOGY_PATH)) {
			onTopology(path, message);
		}
		else if (path.equals(ProtocolMessages.RECEPTIONIST_PATH)) {
			onReceptionist(path, message);
		}
		else if (path.startsWith("/_coord-")) {
			onCoordinator(path, path.substring("/_coord-".length()), message);
		}
		else if (path.startsWith("/_region-")) {
			onRegion(path, path.substring("/_region-".length()), message);
		}
		else if (this.services.containsKey(path)) {
			onService(this.services.get(path), message);
		}
		else if (isHostedHere(path.substring(1))) {
			onProxy(path, path.substring(1), message, payload);
		}
		else {
			drop(path, "no actor at this path");
		}
	}

	private static boolean hasUnknownType(Object message) {
		return message instanceof DataclassValue
				|| (message instanceof ShardEnvelope envelope && envelope.message() instanceof DataclassValue);
	}

	private static String unknownTypeName(Object message) {
		if (message instanceof ShardEnvelope envelope && envelope.message() instanceof DataclassValue value) {
			return value.type();
		}
		return ((DataclassValue) message).type();
	}

	private void drop(String path, String reason) {
		this.node.dropped.incrementAndGet();
		logger.debug("{}: dropped message for {}: {}", this.node.id(), path, reason);
	}

	private boolean isHostedHere(String type) {
		ShardedTypeSpec spec = this.cluster.shardedType(type);
		return spec != null && spec.hostedOn(this.node.index());
	}

	private void onTopology(String path, Object message) {
		if (message instanceof SubscribeTopology subscribe) {
			this.subscribers.add(subscribe.replyTo());
			this.node.snapshotsSent.incrementAndGet();
			sendEncoded(subscribe.replyTo(), SNAPSHOT_TYPE_HINT, this.cluster.encodedSnapshot());
		}
		else if (message instanceof UnsubscribeTopology unsubscribe) {
			this.subscribers.remove(unsubscribe.subscriber());
		}
		else {
			drop(path, "not a topology message: " + message.getClass().getSimpleName());
		}
	}

	private void onReceptionist(String path, Object message) {
		if (!(message instanceof Find find)) {
			drop(path, "not a Find: " + message.getClass().getSimpleName());
			return;
		}
		Set<ServiceInstance> instances = new LinkedHashSet<>();
		for (ServiceEntry entry : this.cluster.state().registry(find.key().name())) {
			instances.add(new ServiceInstance(new ActorRef<>(ActorAddress.of(this.cluster.systemName(),
					entry.node().host(), entry.node().port(), entry.path())), entry.node()));
		}
		tell(find.replyTo(), new Listing(find.key(), instances));
	}

	private void onCoordinator(String path, String type, Object message) {
		if (!(message instanceof GetShardLocation request)) {
			drop(path, "not a GetShardLocation: " + message.getClass().getSimpleName());
			return;
		}
		this.node.locationRequests.incrementAndGet();
		ClusterState state = this.cluster.state();
		NodeAddress leader = state.coordinatingLeader();
		if (leader == null) {
			drop(path, "no leader");
			return;
		}
		if (leader.equals(address())) {
			answerAsLeader(type, request);
			return;
		}
		ShardAllocation known = state.publishedAllocation(type, request.shardId());
		if (known != null) {
			tell(request.replyTo(), new ShardLocation(request.shardId(), known.primary(), known.replicas()));
			return;
		}
		// A follower forwards the unchanged request; the leader replies to the client directly.
		TestNode leaderNode = this.cluster.nodeAt(leader);
		if (leaderNode == null || !leaderNode.submit((other) -> other.answerAsLeader(type, request))) {
			drop(path, "leader " + leader + " is not reachable");
		}
	}

	void answerAsLeader(String type, GetShardLocation request) {
		ClusterState.Allocated allocated = this.cluster.state().allocate(type, request.shardId());
		if (allocated == null) {
			logger.debug("{}: no node hosts '{}'; GetShardLocation({}) stays unanswered", this.node.id(), type,
					request.shardId());
			return;
		}
		ShardAllocation allocation = allocated.allocation();
		tell(request.replyTo(), new ShardLocation(request.shardId(), allocation.primary(), allocation.replicas()));
		if (allocated.changed()) {
			this.cluster.publish();
		}
	}

	private void onRegion(String path, String rest, Object message) {
		int slash = rest.indexOf('/');
		String type = (slash < 0) ? rest : rest.substring(0, slash);
		ShardedTypeSpec spec = this.cluster.shardedType(type);
		if (spec == null || !spec.hostedOn(this.node.index())) {
			drop(path, "no region of '" + type + "' on this node");
			return;
		}
		if (slash < 0) {
			if (!(message instanceof ShardEnvelope envelope)) {
				drop(path, "not a ShardEnvelope: " + message.getClass().getSimpleName());
				return;
			}
			this.node.envelopes.computeIfAbsent(type, (t) -> new java.util.concurrent.atomic.AtomicLong())
				.incrementAndGet();
			if (envelope.message() == null) {
				drop(path, "envelope without message");
				return;
			}
			deliverToEntity(spec, envelope.entityId(), envelope.message(), true);
			return;
		}
		String child = rest.substring(slash + 1);
		if (!child.startsWith("entity-")) {
			drop(path, "no actor at this path");
			return;
		}
		deliverToEntity(spec, child.substring("entity-".length()), message, false);
	}

	private void deliverToEntity(ShardedTypeSpec spec, String entityId, Object message, boolean create) {
		Map<String, EntityBehavior> ofType = this.entities.computeIfAbsent(spec.type(), (t) -> new HashMap<>());
		String path = ProtocolMessages.regionPath(spec.type()) + "/entity-" + entityId;
		EntityBehavior behavior = ofType.get(entityId);
		if (behavior == null) {
			if (!create) {
				// Casty keeps messages for a path whose actor does not exist yet, up to 64.
				Deque<Object> buffer = this.pathBuffers.computeIfAbsent(path, (p) -> new ArrayDeque<>());
				if (buffer.size() < PATH_BUFFER_LIMIT) {
					buffer.add(message);
				}
				else {
					drop(path, "path buffer full");
				}
				return;
			}
			try {
				behavior = spec.factory().create(entityId);
			}
			catch (RuntimeException ex) {
				logger.warn("{}: entity {} of '{}' could not be created", this.node.id(), entityId, spec.type(), ex);
				return;
			}
			ofType.put(entityId, behavior);
			Deque<Object> buffered = this.pathBuffers.remove(path);
			if (buffered != null) {
				for (Object early : buffered) {
					if (!invokeEntity(spec, entityId, behavior, early)) {
						return;
					}
				}
			}
		}
		invokeEntity(spec, entityId, behavior, message);
	}

	private boolean invokeEntity(ShardedTypeSpec spec, String entityId, EntityBehavior behavior, Object message) {
		long shard = ShardHash.shardOf(entityId, spec.numShards());
		ShardAllocation owner = this.cluster.state().trueAllocation(spec.type(), shard);
		this.node.countEntityMessage(spec.type(), entityId, shard, owner != null && owner.primary().equals(address()));
		try {
			behavior.onMessage(new Context(spec.type(), entityId), message);
			return true;
		}
		catch (RuntimeException ex) {
			logger.warn("{}: entity {} of '{}' failed and is stopped (its state is lost)", this.node.id(), entityId,
					spec.type(), ex);
			this.entities.get(spec.type()).remove(entityId);
			return false;
		}
	}

	private void onService(ServiceSpec service, Object message) {
		try {
			service.behavior().onMessage(new Context(service), message);
		}
		catch (RuntimeException ex) {
			logger.warn("{}: service {} failed on {}", this.node.id(), service.path(), message, ex);
		}
	}

	private void onProxy(String path, String type, Object message, byte[] payload) {
		if (!(message instanceof ShardEnvelope envelope)) {
			drop(path, "not a ShardEnvelope: " + message.getClass().getSimpleName());
			return;
		}
		ShardedTypeSpec spec = this.cluster.shardedType(type);
		long shard = ShardHash.shardOf(envelope.entityId(), spec.numShards());
		ClusterState state = this.cluster.state();
		NodeAddress leader = state.coordinatingLeader();
		ShardAllocation allocation = state.trueAllocation(type, shard);
		if (allocation == null && leader != null && this.cluster.isRunning(leader)) {
			ClusterState.Allocated allocated = state.allocate(type, shard);
			if (allocated != null) {
				allocation = allocated.allocation();
				if (allocated.changed()) {
					this.cluster.publish();
				}
			}
		}
		if (allocation == null) {
			drop(path, "shard " + shard + " of '" + type + "' has no owner");
			return;
		}
		NodeAddress owner = allocation.primary();
		sendEncoded(new ActorRef<>(ActorAddress.of(this.cluster.systemName(), owner.host(), owner.port(),
				ProtocolMessages.regionPath(type))), "casty.cluster.envelope.ShardEnvelope", payload);
	}

	List<ServiceEntry> serviceEntries() {
		List<ServiceEntry> entries = new ArrayList<>();
		this.services.values().forEach((s) -> entries.add(new ServiceEntry(s.key(), address(), s.path())));
		return entries;
	}

	/** The context handed to entities and services. */
	private final class Context implements EntityContext, ServiceContext {

		private final String type;

		private final String id;

		private final String path;

		Context(String type, String entityId) {
			this.type = type;
			this.id = entityId;
			this.path = ProtocolMessages.regionPath(type) + "/entity-" + entityId;
		}

		Context(ServiceSpec service) {
			this.type = "";
			this.id = service.key();
			this.path = service.path();
		}

		@Override
		public String entityId() {
			return this.id;
		}

		@Override
		public String shardType() {
			return this.type;
		}

		@Override
		public String key() {
			return this.id;
		}

		@Override
		public String path() {
			return this.path;
		}

		@Override
		public NodeAddress node() {
			return address();
		}

		@Override
		public ActorRef<Object> self() {
			NodeAddress self = address();
			return new ActorRef<>(ActorAddress.of(NodeIncarnation.this.cluster.systemName(), self.host(), self.port(),
					this.path));
		}

		@Override
		public void tell(ActorRef<?> to, Object message) {
			NodeIncarnation.this.tell(to, message);
		}

	}

}
