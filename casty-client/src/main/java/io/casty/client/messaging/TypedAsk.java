package io.casty.client.messaging;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

import io.casty.client.ActorRef;
import io.casty.client.CastyClientListener.AskOutcome;
import io.casty.client.CastyException;
import io.casty.client.ClusterUnavailableException;
import io.casty.client.NodeUnreachableException;
import org.jspecify.annotations.Nullable;

/**
 * The typed ask, written once for every kind of target (an entity through its router, any
 * actor by its ref): once the ask is registered, build the request around its reply ref,
 * send it, and turn every failure into the ask's failed future, since a future-returning
 * call never throws.
 * <p>
 * Internal: shared by the entity and the actor asks; not API, may change without notice.
 *
 * @since 0.1.0
 */
public final class TypedAsk {

	private TypedAsk() {
	}

	/**
	 * Encodes and sends an ask's request to its target.
	 *
	 * @param <K> what names the target (an entity id, a ref)
	 * @param <M> the request type
	 */
	@FunctionalInterface
	public interface Request<K, M> {

		/**
		 * Encodes and sends the request.
		 * @param target the target
		 * @param message the request, built around the ask's reply ref
		 * @param ask the pending ask
		 */
		void send(K target, M message, PendingAsk ask);

	}

	/**
	 * Builds and sends the request of a registered ask.
	 * @param <K> what names the target
	 * @param <M> the request type
	 * @param <R> the reply type
	 * @param registry the registry the ask is registered in
	 * @param ask the ask
	 * @param target the target
	 * @param factory builds the request around the reply ref
	 * @param lateReply receives a reply that arrives after the ask ended, or {@code null}
	 * @param check runs before the request is built and may fail the ask, or {@code null}
	 * @param request encodes and sends the request
	 * @return the ask's future: the reply, or the failure
	 */
	@SuppressWarnings("unchecked")
	public static <K, M, R> CompletableFuture<R> send(AskRegistry registry, PendingAsk ask, K target,
			Function<ActorRef<R>, ? extends M> factory, @Nullable Consumer<@Nullable Object> lateReply,
			@Nullable Runnable check, Request<K, M> request) {
		CompletableFuture<R> future = (CompletableFuture<R>) (CompletableFuture<?>) ask.future();
		if (ask.hasEnded()) {
			return future;
		}
		if (lateReply != null) {
			ask.onLateReply(lateReply);
		}
		try {
			if (check != null) {
				check.run();
			}
			request.send(target, factory.apply(ask.replyTo().narrow()), ask);
		}
		catch (NodeUnreachableException | ClusterUnavailableException ex) {
			registry.fail(ask, ex, AskOutcome.UNREACHABLE);
		}
		catch (CastyException ex) {
			registry.fail(ask, ex, AskOutcome.ERROR);
		}
		catch (RuntimeException ex) {
			registry.fail(ask, new CastyException("Building the message for " + ask.description() + " failed: " + ex, ex),
					AskOutcome.ERROR);
		}
		return future;
	}

}
