package io.casty.client;

import java.time.Duration;

import io.casty.client.topology.TopologyView;
import org.jspecify.annotations.Nullable;

/**
 * Receives what the client does, for metrics and tracing. Called on I/O threads: keep it
 * fast and never block. Tags passed here are bounded: shard types, outcomes, reasons and
 * node addresses, never entity ids.
 *
 * @since 0.1.0
 */
public interface CastyClientListener {

	/** A listener that ignores everything. */
	CastyClientListener NONE = new CastyClientListener() {
	};

	/**
	 * How an ask ended.
	 */
	enum AskOutcome {

		/** A reply arrived and decoded. */
		SUCCESS,

		/** No reply within the timeout. */
		TIMEOUT,

		/** The target node could not be reached or its connection was lost. */
		UNREACHABLE,

		/** A buffer was full, so the ask was not sent. */
		REJECTED,

		/** The reply could not be decoded into the expected type, or sending failed. */
		ERROR,

		/** The client was closed. */
		CLOSED

	}

	/**
	 * A message (tell, ask request or envelope) was written to a node.
	 * @param target the shard type, or {@code "actor"} for messages to plain refs
	 */
	default void messageSent(String target) {
	}

	/**
	 * A message was dropped without being sent.
	 * @param target the shard type or {@code "actor"}
	 * @param reason why: {@code buffer-timeout}, {@code node-unreachable}, {@code closed}, {@code encode-error}
	 */
	default void messageDropped(String target, String reason) {
	}

	/**
	 * An ask ended.
	 * @param target the shard type, or {@code "actor"}
	 * @param outcome how
	 * @param latency from send to end
	 */
	default void askCompleted(String target, AskOutcome outcome, Duration latency) {
	}

	/**
	 * An ask to an actor ref starts ({@link CastyClient#ask(ActorRef, java.util.function.Function, Class)}:
	 * a service instance from {@link ServiceLookup}, a ref received in a reply). Called on the
	 * asking thread before the request is sent, so a tracing listener can take the caller's
	 * context. Asks to entities are not reported here: wrap the {@link EntityRef} to observe
	 * them.
	 * @param target the actor asked; its path is unbounded, keep it out of metric tags
	 * @return told once how the ask ended; {@link AskEnd#NONE} (the default) to be told nothing
	 */
	default AskEnd actorAskStarted(ActorRef<?> target) {
		return AskEnd.NONE;
	}

	/** A reply arrived for an ask that had already ended, or for no ask at all. */
	default void lateReply() {
	}

	/**
	 * A shard's location was not cached, so its messages were buffered and the coordinator
	 * asked.
	 * @param shardType the shard type
	 */
	default void cacheMiss(String shardType) {
	}

	/**
	 * A message was refused because a buffer was full.
	 * @param target the shard type or {@code "actor"}
	 */
	default void bufferRejected(String target) {
	}

	/**
	 * Shards routed to a node were evicted because the node is down, unreachable, or cannot
	 * be connected to.
	 * @param node the node
	 * @param reason why
	 */
	default void nodeEvicted(NodeAddress node, String reason) {
	}

	/**
	 * A topology snapshot replaced the cached view.
	 * @param view the new view
	 */
	default void topologyUpdated(TopologyView view) {
	}

	/**
	 * A connection to a node was established (handshake done).
	 * @param node the node
	 */
	default void connectionOpened(NodeAddress node) {
	}

	/**
	 * A connection to a node closed.
	 * @param node the node
	 */
	default void connectionClosed(NodeAddress node) {
	}

	/**
	 * An inbound frame or payload was dropped because it could not be decoded.
	 * @param reason a short, bounded reason: {@code invalid-frame}, {@code unknown-frame-type},
	 * {@code undecodable-payload}, {@code unknown-target}
	 */
	default void inboundDropped(String reason) {
	}

	/**
	 * Told how one ask ended, on the thread that completes its future (the client's
	 * {@link CastyClientOptions#callbackExecutor() callback executor}).
	 */
	@FunctionalInterface
	interface AskEnd {

		/** Ignores the end. */
		AskEnd NONE = (failure) -> {
		};

		/**
		 * The ask ended.
		 * @param failure why it failed ({@link CastyTimeoutException}, {@link NodeUnreachableException}...),
		 * {@code null} when a reply arrived
		 */
		void ended(@Nullable Throwable failure);

	}

}
