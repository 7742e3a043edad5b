package io.casty.bench;

import io.casty.client.ActorRef;
import io.casty.client.CastyMessage;

/**
 * Java counterparts of the {@code casty_bench} Python dataclasses
 * ({@code src/main/python/casty_bench/__init__.py}) understood by shard type
 * {@value #SHARD_TYPE}.
 *
 * @since 0.1.0
 */
public final class BenchMessages {

	/** The benchmark shard type. */
	public static final String SHARD_TYPE = "bench";

	/** Shards of {@link #SHARD_TYPE}, as every node configures it. */
	public static final int NUM_SHARDS = 100;

	/** Every message type, for the client options and the test cluster. */
	public static final Class<?>[] TYPES = { Add.class, Get.class, Ping.class };

	private BenchMessages() {
	}

	/** A message of the {@code bench} entities. */
	public sealed interface BenchMessage permits Add, Get, Ping {

	}

	/**
	 * Adds {@code amount} to the entity's running total (tell, no reply).
	 *
	 * @param amount the amount
	 */
	@CastyMessage("casty_bench.Add")
	public record Add(long amount) implements BenchMessage {
	}

	/**
	 * Asks for the running total; the reply is an int.
	 *
	 * @param replyTo where to reply
	 */
	@CastyMessage("casty_bench.Get")
	public record Get(ActorRef<Long> replyTo) implements BenchMessage {
	}

	/**
	 * Echo request; the reply is {@code seq}.
	 *
	 * @param seq the sequence number
	 * @param replyTo where to reply
	 */
	@CastyMessage("casty_bench.Ping")
	public record Ping(long seq, ActorRef<Long> replyTo) implements BenchMessage {
	}

}
