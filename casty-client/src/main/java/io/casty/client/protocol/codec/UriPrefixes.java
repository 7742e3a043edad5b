package io.casty.client.protocol.codec;

import org.jspecify.annotations.Nullable;

/**
 * The encoded start of actor URIs a writer wrote last ({@code "casty://system@host:port}, the
 * opening quote included), by the identity of their system and host strings and their port:
 * every ask's reply-to ref has the client's own, so its URI costs a copy of those bytes and
 * the escaping of its path only. At most {@link #SLOTS} are kept, in arrays made once; a
 * prefix longer than {@link #MAX_LENGTH} is not kept.
 *
 * @since 0.1.0
 */
final class UriPrefixes {

	/** The most prefixes kept (a power of two). */
	static final int SLOTS = 4;

	/** The longest prefix kept, in bytes. */
	static final int MAX_LENGTH = 128;

	private final @Nullable String[] systems = new String[SLOTS];

	private final @Nullable String[] hosts = new String[SLOTS];

	private final int[] ports = new int[SLOTS];

	private final byte[][] texts = new byte[SLOTS][MAX_LENGTH];

	/** Per slot, the prefix's length; 0 while the slot is free. */
	private final int[] lengths = new int[SLOTS];

	/**
	 * The slot holding the prefix of a system, host and port.
	 * @return the slot, or {@code -1} if it is not kept
	 */
	int find(String system, @Nullable String host, int port) {
		int slot = slotOf(system, host, port);
		return (this.lengths[slot] > 0 && this.systems[slot] == system && this.hosts[slot] == host
				&& this.ports[slot] == port) ? slot : -1;
	}

	byte[] text(int slot) {
		return this.texts[slot];
	}

	int length(int slot) {
		return this.lengths[slot];
	}

	/**
	 * Keeps a prefix in its slot, in place of the one there, if it is short enough.
	 * @param bytes holds its encoded bytes
	 * @param from where they start
	 * @param to where they end
	 */
	void keep(String system, @Nullable String host, int port, byte[] bytes, int from, int to) {
		int length = to - from;
		if (length <= 0 || length > MAX_LENGTH) {
			return;
		}
		int slot = slotOf(system, host, port);
		System.arraycopy(bytes, from, this.texts[slot], 0, length);
		this.systems[slot] = system;
		this.hosts[slot] = host;
		this.ports[slot] = port;
		this.lengths[slot] = length;
	}

	private static int slotOf(String system, @Nullable String host, int port) {
		int hash = System.identityHashCode(system) * 31 + System.identityHashCode(host) * 17 + port;
		return (hash ^ (hash >>> 16)) & (SLOTS - 1);
	}

}
