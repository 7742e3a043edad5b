package io.casty.client.routing;

import io.casty.client.NodeAddress;
import io.casty.client.protocol.EncodedMessage;
import io.casty.client.transport.ConnectionManager;
import io.casty.client.transport.InFlight;
import io.casty.client.transport.SendFailure;

/**
 * What a {@link ShardRouter} needs of the connections: lanes, failure marks and sending.
 * {@link #of(ConnectionManager)} adapts a session's connections; a unit test passes a fake.
 * <p>
 * Internal: a port wired by {@code ClientSession}; not API, may change without notice.
 *
 * @since 0.1.0
 */
public interface ShardTransport {

	/**
	 * The connection lane of an entity's messages: always the same for one entity.
	 * @param entityId the entity
	 * @return the lane index
	 */
	int laneOf(String entityId);

	/**
	 * Whether the last connection attempt to a node failed and no connection is up.
	 * @param node the node
	 * @return whether it is marked failed
	 */
	boolean isFailed(NodeAddress node);

	/**
	 * Sends a message.
	 * @param lane the lane
	 * @param node the node
	 * @param path the actor path on it
	 * @param message the message, encoded; taken: sent or released, also when this throws
	 * @param failure told if the message, once accepted, cannot be written
	 * @throws io.casty.client.CastyException if it is not accepted
	 */
	void send(int lane, NodeAddress node, String path, EncodedMessage message, SendFailure failure);

	/**
	 * Sends an ask's request, registered on the connection it takes.
	 * @param lane the lane
	 * @param node the node
	 * @param path the actor path on it
	 * @param message the request, encoded; taken: sent or released, also when this throws
	 * @param failure told if the message cannot be written or its connection closes first
	 * @return the registration, done when the answer arrived or is no longer awaited
	 * @throws io.casty.client.CastyException if it is not accepted
	 */
	InFlight request(int lane, NodeAddress node, String path, EncodedMessage message, SendFailure failure);

	/**
	 * The transport of a session's connections.
	 * @param connections the connections
	 * @return the adapter
	 */
	static ShardTransport of(ConnectionManager connections) {
		return new ShardTransport() {

			@Override
			public int laneOf(String entityId) {
				return connections.laneOf(entityId);
			}

			@Override
			public boolean isFailed(NodeAddress node) {
				return connections.isFailed(node);
			}

			@Override
			public void send(int lane, NodeAddress node, String path, EncodedMessage message, SendFailure failure) {
				connections.send(lane, node, path, message, failure);
			}

			@Override
			public InFlight request(int lane, NodeAddress node, String path, EncodedMessage message,
					SendFailure failure) {
				return connections.request(lane, node, path, message, failure);
			}

		};
	}

}
