package io.casty.sample.web;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import io.casty.client.EntityRef;
import io.casty.client.NodeAddress;
import io.casty.sample.messages.AccountMsg;
import io.casty.sample.messages.AccountReply.Balance;
import io.casty.sample.messages.CounterMsg;
import io.casty.sample.messages.LoyaltyMsg;
import io.casty.sample.messages.SampleTypes;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Where entities live: the shard of an entity and the node the client routes it to.
 *
 * @since 0.1.0
 */
@RestController
public class ClusterController {

	private final Map<String, Owned> types;

	ClusterController(EntityRef<LoyaltyMsg> loyalty, EntityRef<CounterMsg> counters, EntityRef<AccountMsg> accounts) {
		this.types = Map.of(
				SampleTypes.LOYALTY, new Owned(loyalty, (id) -> loyalty.ask(id, LoyaltyMsg.GetPoints::new, Long.class)),
				SampleTypes.COUNTER, new Owned(counters, (id) -> counters.ask(id, CounterMsg.GetCount::new, Long.class)),
				SampleTypes.ACCOUNTS,
				new Owned(accounts, (id) -> accounts.ask(id, AccountMsg.GetBalance::new, Balance.class)));
	}

	/**
	 * The owner of an entity. When the client does not know the shard's location yet, a
	 * read-only ask (GetPoints, GetCount or GetBalance) resolves it first.
	 * @param type the shard type
	 * @param id the entity id
	 * @return the owner
	 */
	@GetMapping("/cluster/owners/{type}/{id}")
	CompletableFuture<EntityOwner> owner(@PathVariable String type, @PathVariable String id) {
		Owned owned = this.types.get(type);
		if (owned == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND,
					"Unknown entity type '" + type + "'; known types: " + this.types.keySet().stream().sorted().toList());
		}
		EntityIds.require(id);
		if (owned.ref().ownerOf(id).isPresent()) {
			return CompletableFuture.completedFuture(owned.describe(id));
		}
		return owned.probe().apply(id).thenApply((reply) -> owned.describe(id));
	}

	private record Owned(EntityRef<?> ref, Function<String, CompletableFuture<?>> probe) {

		EntityOwner describe(String id) {
			return new EntityOwner(this.ref.shardType(), id, this.ref.shardOf(id),
					this.ref.ownerOf(id).map(NodeAddress::toString).orElse(null));
		}

	}

	/**
	 * The owner of an entity.
	 * @param type the shard type
	 * @param entityId the entity id
	 * @param shard the entity's shard, 0 to shards - 1
	 * @param node {@code host:port} of the node the client routes the shard to, or null if
	 * unknown
	 */
	record EntityOwner(String type, String entityId, long shard, @Nullable String node) {
	}

}
