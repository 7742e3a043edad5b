package io.casty.testkit;

import java.util.concurrent.ExecutorService;

import io.casty.client.NodeAddress;
import io.casty.client.protocol.codec.MessageCodec;
import io.casty.client.protocol.messages.GetShardLocation;

/**
 * What a node sees of the cluster it belongs to: the configuration, the codec, the shared
 * state, and the other nodes as addresses to deliver to. Nodes know no
 * {@link CastyTestCluster}, so nothing runs back up from a node to the cluster object.
 */
interface ClusterEnvironment {

	ClusterConfig config();

	MessageCodec codec();

	/** The shared state; replaced whole by a whole-cluster restart, so read it each time. */
	ClusterState state();

	/** The current snapshot, encoded once for every subscriber. */
	byte[] encodedSnapshot();

	/** Pushes the current snapshot to every subscriber of every running node. */
	void publish();

	/**
	 * Hands a message to the node of the cluster at an address, on its message thread (node
	 * to node traffic stays inside the JVM).
	 * @return false if no node of the cluster has that address; a stopped node drops and
	 * counts the message and true is returned
	 */
	boolean deliver(NodeAddress node, String path, byte[] payload);

	/** Whether a node of the cluster at that address is running. */
	boolean isRunning(NodeAddress node);

	/**
	 * Has the leader's coordinator answer a request a follower could not, replying to the
	 * requester through the leader's own connections.
	 * @return whether the leader runs and took the request
	 */
	boolean forwardToLeader(NodeAddress leader, String shardType, GetShardLocation request);

	/** Where nodes dial addresses outside the cluster. */
	ExecutorService dialExecutor();

	/** A node was killed (failure detection may follow). */
	void nodeKilled(int index, long generation);

	/** A node was started again after a kill. */
	void nodeRestarted(int index);

}
