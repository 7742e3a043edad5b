package io.casty.client.distributed;

import java.math.BigInteger;
import java.util.UUID;
import java.util.function.Function;

/**
 * Casty names a map entry's entity {@code <map name>:<str(key)>}, with Python's
 * {@code str()} of the key: these are the key types whose {@code str()} the client can
 * reproduce exactly.
 */
final class MapKeys {

	private MapKeys() {
	}

	/**
	 * The key formatter for a key type.
	 * @param <K> the key type
	 * @param keyType the key class
	 * @return what Python's {@code str()} gives for such a key
	 * @throws IllegalArgumentException for a type whose {@code str()} the client cannot reproduce
	 */
	static <K> Function<? super K, String> forType(Class<K> keyType) {
		if (keyType == String.class || keyType == Integer.class || keyType == Long.class || keyType == Short.class
				|| keyType == Byte.class || keyType == BigInteger.class || keyType == UUID.class
				|| keyType == Character.class) {
			return String::valueOf;
		}
		if (keyType == Boolean.class) {
			return (key) -> ((Boolean) key) ? "True" : "False";
		}
		throw new IllegalArgumentException("Map keys of type " + keyType.getName() + " are not supported: Casty names "
				+ "each entry after Python's str() of its key, which the client reproduces for String, Integer, Long, "
				+ "Short, Byte, BigInteger, Boolean, Character and UUID; pass a key formatter that returns the "
				+ "key's str() for other types");
	}

}
