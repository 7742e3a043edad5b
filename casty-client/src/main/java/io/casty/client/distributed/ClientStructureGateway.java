package io.casty.client.distributed;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import io.casty.client.ActorRef;
import io.casty.client.CastyClient;
import io.casty.client.EntityRef;
import io.casty.client.NodeAddress;
import io.casty.client.ReplyType;
import io.casty.client.routing.DefaultEntityRef;
import io.casty.client.topology.TopologyView;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Schedulers;

/**
 * The {@link StructureGateway} of a {@link CastyClient}: structures are entity types of the
 * client's shard routing.
 */
final class ClientStructureGateway implements StructureGateway {

	private final CastyClient client;

	ClientStructureGateway(CastyClient client) {
		this.client = client;
	}

	@Override
	@SuppressWarnings("unchecked")
	public <R> CompletableFuture<R> ask(String shardType, int shards, String entityId,
			Function<ActorRef<R>, Object> factory, ReplyType<R> replyType, Duration timeout,
			@Nullable Consumer<? super R> lateReply) {
		EntityRef<Object> ref = this.client.entityRef(shardType, shards, Object.class);
		if (lateReply != null && ref instanceof DefaultEntityRef<Object> routed) {
			return routed.ask(entityId, factory, replyType, timeout, lateReply);
		}
		return ref.ask(entityId, factory, replyType, timeout);
	}

	@Override
	public @Nullable String notHostedReason(String shardType, int shards, String entityId) {
		TopologyView view = this.client.topology().current();
		if (view.isEmpty() || view.shardTypes().contains(shardType)) {
			return null;
		}
		if (this.client.entityRef(shardType, shards, Object.class).ownerOf(entityId).isPresent()) {
			return null;
		}
		NodeAddress leader = view.leader();
		if (leader == null || !this.client.connectedNodes().contains(leader)) {
			return null;
		}
		return "the cluster has allocated no shard of '" + shardType + "' and the coordinator on the leader " + leader
				+ " did not answer within " + notHostedCheckDelay().toMillis() + " ms, which is what Casty does when no "
				+ "node hosts the region";
	}

	@Override
	public Duration notHostedCheckDelay() {
		return this.client.options().shardLocation().timeout().multipliedBy(2);
	}

	@Override
	public String participantId() {
		return this.client.clientIdentity().toString();
	}

	@Override
	public String newOwner() {
		return participantId() + "/" + java.util.UUID.randomUUID().toString().replace("-", "");
	}

	@Override
	public void registerValueType(java.lang.reflect.Type type) {
		Class<?> raw = (type instanceof Class<?> c) ? c
				: (type instanceof java.lang.reflect.ParameterizedType p && p.getRawType() instanceof Class<?> c) ? c
						: null;
		if (raw != null && (raw.isRecord() || raw.isEnum() || raw.isSealed())
				&& (raw.isAnnotationPresent(io.casty.client.CastyMessage.class) || raw.isSealed())) {
			this.client.messageTypes().register(raw);
		}
	}

	@Override
	public void schedule(Runnable task, Duration delay) {
		Schedulers.parallel().schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
	}

}
