package io.casty.client.transport;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.casty.client.NodeAddress;
import io.casty.client.protocol.CastyPaths;
import io.casty.client.protocol.FrameCodec;
import io.casty.client.protocol.MessageHeader;

/**
 * The encoded message headers of one lane, by node, path and type hint: a header names the
 * target ({@code casty://} URI of the node and path), the lane's sender URI and the type
 * hint, and most frames repeat one of a few. Bounded per node and path, since refs received
 * in replies can name any path.
 *
 * @since 0.1.0
 */
final class HeaderCache {

	private static final int MAX_CACHED_HINTS_PER_PATH = 64;

	private static final int MAX_CACHED_PATHS_PER_NODE = 256;

	private final Map<NodeAddress, Map<String, Map<String, byte[]>>> headers = new ConcurrentHashMap<>();

	/**
	 * The header of a message to a path of a node.
	 * @param id the lane's identity
	 * @param node the node
	 * @param path the actor path on it
	 * @param typeHint the payload's type hint
	 * @return the header's bytes, shared: do not modify
	 */
	byte[] header(ClientIdentity id, NodeAddress node, String path, String typeHint) {
		Map<String, Map<String, byte[]>> byPath = this.headers.get(node);
		if (byPath == null) {
			byPath = this.headers.computeIfAbsent(node, (n) -> new ConcurrentHashMap<>());
		}
		Map<String, byte[]> byHint = byPath.get(path);
		if (byHint == null) {
			byHint = (byPath.size() < MAX_CACHED_PATHS_PER_NODE)
					? byPath.computeIfAbsent(path, (p) -> new ConcurrentHashMap<>()) : new ConcurrentHashMap<>();
		}
		byte[] header = byHint.get(typeHint);
		if (header == null) {
			String target = CastyPaths.uri(id.clusterName(), node.host(), node.port(), path);
			header = FrameCodec.encodeHeader(new MessageHeader(target, id.senderUri(), typeHint));
			if (byHint.size() < MAX_CACHED_HINTS_PER_PATH) {
				byHint.put(typeHint, header);
			}
		}
		return header;
	}

	/**
	 * Forgets the headers of a node.
	 * @param node the node
	 */
	void forget(NodeAddress node) {
		this.headers.remove(node);
	}

}
