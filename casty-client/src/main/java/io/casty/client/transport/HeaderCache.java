package io.casty.client.transport;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.casty.client.NodeAddress;
import io.casty.client.protocol.CastyPaths;
import io.casty.client.protocol.FrameCodec;
import io.casty.client.protocol.MessageHeader;
import org.jspecify.annotations.Nullable;

/**
 * The encoded message headers of one lane, by node, path and type hint: a header names the
 * target ({@code casty://} URI of the node and path), the lane's sender URI and the type
 * hint, and most frames repeat one of a few. Bounded per node and path, since refs received
 * in replies can name any path.
 * <p>
 * The headers used last sit in a few slots found by the identity of the node, path and hint
 * objects, which a shard's router passes the same on every message: a hit hashes and
 * compares no string. A slot holds an immutable entry, so racing writers only replace one
 * another's.
 *
 * @since 0.1.0
 */
final class HeaderCache {

	private static final int MAX_CACHED_HINTS_PER_PATH = 64;

	private static final int MAX_CACHED_PATHS_PER_NODE = 256;

	/** The slots of the headers used last (a power of two). */
	static final int RECENT_SLOTS = 16;

	private final Map<NodeAddress, Map<String, Map<String, byte[]>>> headers = new ConcurrentHashMap<>();

	private final @Nullable Recent[] recent = new Recent[RECENT_SLOTS];

	/** A header used lately, by the objects it was asked for with. */
	private record Recent(NodeAddress node, String path, String typeHint, byte[] header) {
	}

	/**
	 * The header of a message to a path of a node.
	 * @param id the lane's identity
	 * @param node the node
	 * @param path the actor path on it
	 * @param typeHint the payload's type hint
	 * @return the header's bytes, shared: do not modify
	 */
	byte[] header(ClientIdentity id, NodeAddress node, String path, String typeHint) {
		int slot = (System.identityHashCode(node) ^ System.identityHashCode(path) ^ System.identityHashCode(typeHint))
				& (RECENT_SLOTS - 1);
		Recent last = this.recent[slot];
		if (last != null && last.node == node && last.path == path && last.typeHint == typeHint) {
			return last.header;
		}
		byte[] header = cached(id, node, path, typeHint);
		this.recent[slot] = new Recent(node, path, typeHint, header);
		return header;
	}

	private byte[] cached(ClientIdentity id, NodeAddress node, String path, String typeHint) {
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
		for (int i = 0; i < RECENT_SLOTS; i++) {
			Recent last = this.recent[i];
			if (last != null && last.node.equals(node)) {
				this.recent[i] = null;
			}
		}
	}

}
