package io.casty.client.transport;

import io.casty.client.ActorAddress;
import io.casty.client.ActorRef;
import io.casty.client.protocol.CastyPaths;

/**
 * Who the client says it is: the {@code (host, port)} of its handshake, which nodes use to
 * route replies back, and the actor system name of its own refs ({@code <cluster>-client}).
 *
 * @param host the advertised host
 * @param port the advertised port
 * @param clusterName the cluster's system name
 * @since 0.1.0
 */
public record ClientIdentity(String host, int port, String clusterName) {

	/**
	 * The client's own actor system name.
	 * @return {@code <cluster>-client}
	 */
	public String systemName() {
		return CastyPaths.clientSystem(this.clusterName);
	}

	/**
	 * A ref to one of the client's own paths.
	 * @param <T> the message type
	 * @param path the path
	 * @return the ref
	 */
	public <T> ActorRef<T> ref(String path) {
		return new ActorRef<>(ActorAddress.of(systemName(), this.host, this.port, path));
	}

	/**
	 * The {@code sender} header of frames the client sends.
	 * @return {@code casty://<cluster>-client@<host>:<port>/}
	 */
	public String senderUri() {
		return CastyPaths.senderUri(systemName(), this.host, this.port);
	}

	@Override
	public String toString() {
		return this.host + ":" + this.port;
	}

}
