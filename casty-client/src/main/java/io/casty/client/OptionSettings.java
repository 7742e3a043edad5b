package io.casty.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The settings behind a {@link CastyClientOptions} or its builder. Every field holds an
 * immutable value, so the shallow copy {@link Object#clone()} makes is a full one: a new
 * setting needs no copy code that could forget it.
 */
final class OptionSettings implements Cloneable {

	List<NodeAddress> contactPoints = List.of();
	String systemName = CastyClientOptions.DEFAULT_SYSTEM_NAME;
	Duration askTimeout = CastyClientOptions.DEFAULT_ASK_TIMEOUT;
	int maxPendingAsks = CastyClientOptions.DEFAULT_MAX_PENDING_ASKS;
	List<Class<?>> messageTypes = List.of();
	CastyClientListener listener = CastyClientListener.NONE;
	Executor callbackExecutor = CastyClientOptions.DEFAULT_CALLBACK_EXECUTOR;
	SocketOptions socket = SocketOptions.defaults();
	ReconnectOptions reconnect = ReconnectOptions.defaults();
	ListenOptions listen = ListenOptions.defaults();
	TopologyOptions topology = TopologyOptions.defaults();
	ShardLocationOptions shardLocation = ShardLocationOptions.defaults();
	BufferOptions buffer = BufferOptions.defaults();
	CodecOptions codec = CodecOptions.defaults();
	TlsOptions tls = TlsOptions.none();
	StuckNodeOptions stuckNode = StuckNodeOptions.defaults();

	OptionSettings copy() {
		try {
			return (OptionSettings) clone();
		}
		catch (CloneNotSupportedException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
