package io.casty.client.messaging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.casty.client.CastyClientListener;
import io.casty.client.protocol.codec.MessageCodec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replies that arrive after their ask ended: each is counted
 * ({@link CastyClientListener#lateReply()}), and one addressed to an ask that ended without a
 * reply but asked for late ones ({@link PendingAsk#onLateReply}, an orphan) goes to its
 * handler, once. At most {@link AskRegistry#MAX_ORPHANS} orphans are kept.
 */
final class LateReplies {

	private static final Logger logger = LoggerFactory.getLogger(LateReplies.class);

	private final Map<Long, PendingAsk> orphans = new ConcurrentHashMap<>();

	private final MessageCodec codec;

	private final CastyClientListener listener;

	LateReplies(MessageCodec codec, CastyClientListener listener) {
		this.codec = codec;
		this.listener = listener;
	}

	/**
	 * Keeps an ask that ended without a reply, if it wants a late one.
	 * @param ask the ask, ended
	 */
	void keepIfWanted(PendingAsk ask) {
		if (ask.lateReply == null) {
			return;
		}
		if (this.orphans.size() < AskRegistry.MAX_ORPHANS) {
			this.orphans.put(ask.id, ask);
		}
		else {
			logger.warn("More than {} asks wait for a late reply; a late reply to {} will be dropped",
					AskRegistry.MAX_ORPHANS, ask.description());
		}
	}

	boolean isWaiting(long askId) {
		return !this.orphans.isEmpty() && this.orphans.containsKey(askId);
	}

	/**
	 * A reply found no ask waiting: count it, and hand it to its orphan, if any.
	 * @param askId the id it is addressed to
	 * @param payload holds the reply payload; read during the call only
	 * @param offset where it starts
	 * @param length its length in bytes
	 */
	void arrived(long askId, byte[] payload, int offset, int length) {
		this.listener.lateReply();
		PendingAsk orphan = this.orphans.isEmpty() ? null : this.orphans.remove(askId);
		if (orphan == null) {
			return;
		}
		Consumer<@Nullable Object> handler = orphan.lateReply;
		if (handler == null) {
			return;
		}
		try {
			handler.accept(this.codec.decode(payload, offset, length, orphan.replyType));
		}
		catch (RuntimeException ex) {
			logger.warn("Handling the late reply to {} failed: {}", orphan.description(), ex.toString());
		}
	}

	/** A reply to an id no ask of this registry ever had: only counted. */
	void stray() {
		this.listener.lateReply();
	}

	int size() {
		return this.orphans.size();
	}

	/** Forgets every orphan: the client closes and nothing can answer them any more. */
	void clear() {
		if (!this.orphans.isEmpty()) {
			logger.warn("Closing with {} request(s) that timed out but may still take effect on the cluster "
					+ "(for example a lock acquisition still queued); nothing can answer them any more",
					this.orphans.size());
			this.orphans.clear();
		}
	}

}
