package io.casty.client.transport;

import java.util.Objects;

import io.casty.client.ActorAddress;
import io.casty.client.ActorRef;
import io.casty.client.protocol.CastyPaths;
import org.jspecify.annotations.Nullable;

/**
 * Who the client says it is: the {@code (host, port)} of its handshake, which nodes use to
 * route replies back, and the actor system name of its own refs ({@code <cluster>-client}).
 * A value (equal when host, port and cluster name are); the system name is worked out once,
 * since every ask's reply ref names it.
 *
 * @since 0.1.0
 */
public final class ClientIdentity {

	private final String host;

	private final int port;

	private final String clusterName;

	private final String systemName;

	/**
	 * Creates an identity.
	 * @param host the advertised host
	 * @param port the advertised port
	 * @param clusterName the cluster's system name
	 */
	public ClientIdentity(String host, int port, String clusterName) {
		this.host = Objects.requireNonNull(host, "host");
		this.port = port;
		this.clusterName = Objects.requireNonNull(clusterName, "clusterName");
		this.systemName = CastyPaths.clientSystem(clusterName);
	}

	/** The advertised host. @return the host */
	public String host() {
		return this.host;
	}

	/** The advertised port. @return the port */
	public int port() {
		return this.port;
	}

	/** The cluster's system name. @return the name */
	public String clusterName() {
		return this.clusterName;
	}

	/**
	 * The client's own actor system name.
	 * @return {@code <cluster>-client}
	 */
	public String systemName() {
		return this.systemName;
	}

	/**
	 * A ref to one of the client's own paths.
	 * @param <T> the message type
	 * @param path the path
	 * @return the ref
	 */
	public <T> ActorRef<T> ref(String path) {
		return new ActorRef<>(ActorAddress.of(this.systemName, this.host, this.port, path));
	}

	/**
	 * The {@code sender} header of frames the client sends.
	 * @return {@code casty://<cluster>-client@<host>:<port>/}
	 */
	public String senderUri() {
		return CastyPaths.senderUri(this.systemName, this.host, this.port);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof ClientIdentity that && this.port == that.port && this.host.equals(that.host)
				&& this.clusterName.equals(that.clusterName);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.host, this.port, this.clusterName);
	}

	@Override
	public String toString() {
		return this.host + ":" + this.port;
	}

}
