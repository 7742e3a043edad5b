package io.casty.client.protocol.codec;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * The encoded bytes of strings a writer writes on every message (field names, {@code _type},
 * type names), by string object: at most {@link #SLOTS}, in one of two slots of their hash,
 * kept for the writer's life. A string kept is never evicted, so two that share their slots
 * cannot push each other out on every message; a string that finds both taken is simply
 * not kept.
 *
 * @since 0.1.0
 */
final class RecurringTexts {

	/** The most strings kept (a power of two). */
	static final int SLOTS = 64;

	private final @Nullable String[] keys = new String[SLOTS];

	private final byte @Nullable [][] texts = new byte[SLOTS][];

	/**
	 * The bytes kept for a string.
	 * @param s the string object
	 * @return its bytes, or {@code null} if it is not kept
	 */
	byte @Nullable [] get(String s) {
		int slot = s.hashCode() & (SLOTS - 1);
		if (this.keys[slot] == s) {
			return this.texts[slot];
		}
		return (this.keys[slot ^ 1] == s) ? this.texts[slot ^ 1] : null;
	}

	/**
	 * Keeps a string's bytes if one of its slots is free.
	 * @param s the string object
	 * @param bytes holds its encoded bytes
	 * @param from where they start
	 * @param to where they end
	 */
	void keep(String s, byte[] bytes, int from, int to) {
		int slot = s.hashCode() & (SLOTS - 1);
		int free = (this.keys[slot] == null) ? slot : (this.keys[slot ^ 1] == null) ? slot ^ 1 : -1;
		if (free >= 0) {
			this.keys[free] = s;
			this.texts[free] = Arrays.copyOfRange(bytes, from, to);
		}
	}

}
