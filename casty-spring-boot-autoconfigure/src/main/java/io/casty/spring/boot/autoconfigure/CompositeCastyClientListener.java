package io.casty.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.casty.client.ActorRef;
import io.casty.client.CastyClientListener;
import io.casty.client.NodeAddress;
import io.casty.client.topology.TopologyView;

/**
 * Forwards every event to several listeners, in order.
 */
final class CompositeCastyClientListener implements CastyClientListener {

	private final List<CastyClientListener> listeners;

	private CompositeCastyClientListener(List<CastyClientListener> listeners) {
		this.listeners = listeners;
	}

	static CastyClientListener of(List<CastyClientListener> listeners) {
		return switch (listeners.size()) {
			case 0 -> CastyClientListener.NONE;
			case 1 -> listeners.get(0);
			default -> new CompositeCastyClientListener(List.copyOf(listeners));
		};
	}

	@Override
	public void messageSent(String target) {
		this.listeners.forEach((l) -> l.messageSent(target));
	}

	@Override
	public void messageDropped(String target, String reason) {
		this.listeners.forEach((l) -> l.messageDropped(target, reason));
	}

	@Override
	public void askCompleted(String target, AskOutcome outcome, Duration latency) {
		this.listeners.forEach((l) -> l.askCompleted(target, outcome, latency));
	}

	@Override
	public AskEnd actorAskStarted(ActorRef<?> target) {
		List<AskEnd> ends = new ArrayList<>(this.listeners.size());
		for (CastyClientListener listener : this.listeners) {
			AskEnd end = listener.actorAskStarted(target);
			if (end != AskEnd.NONE) {
				ends.add(end);
			}
		}
		return switch (ends.size()) {
			case 0 -> AskEnd.NONE;
			case 1 -> ends.get(0);
			default -> (failure) -> ends.forEach((end) -> end.ended(failure));
		};
	}

	@Override
	public void lateReply() {
		this.listeners.forEach(CastyClientListener::lateReply);
	}

	@Override
	public void cacheMiss(String shardType) {
		this.listeners.forEach((l) -> l.cacheMiss(shardType));
	}

	@Override
	public void bufferRejected(String target) {
		this.listeners.forEach((l) -> l.bufferRejected(target));
	}

	@Override
	public void nodeEvicted(NodeAddress node, String reason) {
		this.listeners.forEach((l) -> l.nodeEvicted(node, reason));
	}

	@Override
	public void topologyUpdated(TopologyView view) {
		this.listeners.forEach((l) -> l.topologyUpdated(view));
	}

	@Override
	public void connectionOpened(NodeAddress node) {
		this.listeners.forEach((l) -> l.connectionOpened(node));
	}

	@Override
	public void connectionClosed(NodeAddress node) {
		this.listeners.forEach((l) -> l.connectionClosed(node));
	}

	@Override
	public void inboundDropped(String reason) {
		this.listeners.forEach((l) -> l.inboundDropped(reason));
	}

}
