package io.casty.client.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.casty.client.ActorAddress;
import io.casty.client.InvalidActorAddressException;
import org.jspecify.annotations.Nullable;

/**
 * Casty's actor path and {@code casty://} URI grammar, built and parsed in this one place by
 * the client and the testkit alike: the well-known paths of nodes ({@code /_cluster/...},
 * {@code /_region-<type>}, {@code /_coord-<type>}), the client's own reply paths
 * ({@code /_ask/<32 hex>}, {@code /_proxy-<type>}, {@code /_topology_sub}) and the two URI
 * forms {@code casty://<system>@<host>:<port>/<path>} and {@code casty://<system>/<path>}.
 * <p>
 * Casty does not support IPv6 literals (a host cannot contain {@code :}) and does not
 * percent-encode anything, so neither does this class.
 *
 * @since 0.1.0
 */
public final class CastyPaths {

	/** The scheme of every actor URI. */
	public static final String SCHEME = "casty://";

	/** Path of a node's topology actor. */
	public static final String TOPOLOGY = "/_cluster/_topology";

	/** Path of a node's receptionist. */
	public static final String RECEPTIONIST = "/_cluster/_receptionist";

	/** Path of the client's topology subscriber, the target of pushed and polled snapshots. */
	public static final String TOPOLOGY_SUBSCRIBER = "/_topology_sub";

	/** Prefix of the client's temporary reply actors, followed by {@value #ASK_ID_LENGTH} hex digits. */
	public static final String ASK_PREFIX = "/_ask/";

	/** Length of an ask id: 32 lowercase hex digits, as Casty's own client writes them. */
	public static final int ASK_ID_LENGTH = 32;

	/** Prefix of the client's shard proxies, which receive {@code ShardLocation} answers. */
	public static final String PROXY_PREFIX = "/_proxy-";

	/** Prefix of a node's shard region of a type. */
	public static final String REGION_PREFIX = "/_region-";

	/** Prefix of a node's shard coordinator of a type. */
	public static final String COORDINATOR_PREFIX = "/_coord-";

	/** Prefix of an entity's path under its region. */
	public static final String ENTITY_PREFIX = "/entity-";

	/** Suffix of the system name of a client's own refs. */
	public static final String CLIENT_SYSTEM_SUFFIX = "-client";

	private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] ASK_PREFIX_BYTES = ASK_PREFIX.getBytes(StandardCharsets.US_ASCII);

	/** Per byte value, the lowercase hex digit's value, or -1. */
	private static final byte[] HEX_VALUES = new byte[256];

	static {
		Arrays.fill(HEX_VALUES, (byte) -1);
		for (int i = 0; i < HEX.length; i++) {
			HEX_VALUES[HEX[i]] = (byte) i;
		}
	}

	/** Per thread, the bytes of an ask path, its prefix written once. */
	private static final ThreadLocal<byte[]> ASK_PATH = ThreadLocal.withInitial(() -> {
		byte[] path = new byte[ASK_PREFIX.length() + ASK_ID_LENGTH];
		byte[] prefix = ASK_PREFIX.getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(prefix, 0, path, 0, prefix.length);
		return path;
	});

	private CastyPaths() {
	}

	/**
	 * Path of the shard region of a type.
	 * @param shardType the shard type
	 * @return {@code /_region-<type>}
	 */
	public static String regionPath(String shardType) {
		return REGION_PREFIX + shardType;
	}

	/**
	 * Path of an entity on the node that hosts it.
	 * @param shardType the shard type
	 * @param entityId the entity
	 * @return {@code /_region-<type>/entity-<id>}
	 */
	public static String entityPath(String shardType, String entityId) {
		return REGION_PREFIX + shardType + ENTITY_PREFIX + entityId;
	}

	/**
	 * Path of the shard coordinator of a type.
	 * @param shardType the shard type
	 * @return {@code /_coord-<type>}
	 */
	public static String coordinatorPath(String shardType) {
		return COORDINATOR_PREFIX + shardType;
	}

	/**
	 * Path of the client's shard proxy of a type.
	 * @param shardType the shard type
	 * @return {@code /_proxy-<type>}
	 */
	public static String proxyPath(String shardType) {
		return PROXY_PREFIX + shardType;
	}

	/**
	 * Path of a temporary reply actor.
	 * @param askId the ask id, see {@link #newAskId()}
	 * @return {@code /_ask/<id>}
	 */
	public static String askPath(String askId) {
		return ASK_PREFIX + askId;
	}

	/**
	 * Path of a temporary reply actor whose id is two numbers, built straight from bytes: the
	 * one string an ask's path costs.
	 * @param idHigh the id's first 16 hex digits, as a number
	 * @param idLow its last 16 hex digits
	 * @return {@code /_ask/<32 hex>}
	 */
	public static String askPath(long idHigh, long idLow) {
		int prefix = ASK_PREFIX.length();
		// a String copies the bytes it is made of: build them in a per-thread array
		byte[] out = ASK_PATH.get();
		for (int i = 0; i < 16; i++) {
			out[prefix + i] = HEX[(int) (idHigh >>> (60 - 4 * i)) & 0xf];
			out[prefix + 16 + i] = HEX[(int) (idLow >>> (60 - 4 * i)) & 0xf];
		}
		return new String(out, StandardCharsets.ISO_8859_1);
	}

	/**
	 * Where the ask id starts if the target in {@code bytes[from, to)} is a reply path
	 * ({@code /_ask/} and 32 lowercase hex digits at its end), the same rule
	 * {@link #askIdOf} applies to a string, read without making one.
	 * @param bytes the target's bytes
	 * @param from where the target starts
	 * @param to where it ends
	 * @return the index of the id's first digit, or {@code -1}
	 */
	public static int askIdAt(byte[] bytes, int from, int to) {
		int id = to - ASK_ID_LENGTH;
		int prefix = id - ASK_PREFIX.length();
		if (prefix < from) {
			return -1;
		}
		if (!Arrays.equals(bytes, prefix, id, ASK_PREFIX_BYTES, 0, ASK_PREFIX_BYTES.length)) {
			return -1;
		}
		// no branch per digit: a byte that is not one gives -1, which leaves the or negative
		int digits = 0;
		for (int i = id; i < to; i++) {
			digits |= HEX_VALUES[bytes[i] & 0xff];
		}
		return (digits < 0) ? -1 : id;
	}

	/**
	 * Whether an ask id is one the client could have made: {@value #ASK_ID_LENGTH} lowercase
	 * hex digits, the form {@link #hex16} reads.
	 * @param askId the id, as {@link #askIdOf} cuts it from a target
	 * @return whether it is
	 */
	public static boolean isAskId(String askId) {
		if (askId.length() != ASK_ID_LENGTH) {
			return false;
		}
		for (int i = 0; i < ASK_ID_LENGTH; i++) {
			char c = askId.charAt(i);
			if (c > 0x7f || hexValue((byte) c) < 0) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The number 16 hex digits stand for.
	 * @param bytes lowercase hex digits, checked by {@link #askIdAt}
	 * @param at where the 16 digits start
	 * @return the number
	 */
	public static long hex16(byte[] bytes, int at) {
		long value = 0;
		for (int i = at; i < at + 16; i++) {
			value = (value << 4) | hexValue(bytes[i]);
		}
		return value;
	}

	/** The value of a lowercase hex digit, or -1: Casty's ids and the client's are lowercase. */
	private static int hexValue(byte b) {
		return HEX_VALUES[b & 0xff];
	}

	/**
	 * A new random ask id.
	 * @return {@value #ASK_ID_LENGTH} lowercase hex digits
	 */
	public static String newAskId() {
		java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
		return askId(random.nextLong(), random.nextLong());
	}

	/**
	 * The ask id of two numbers.
	 * @param idHigh its first 16 hex digits, as a number
	 * @param idLow its last 16 hex digits
	 * @return {@value #ASK_ID_LENGTH} lowercase hex digits
	 */
	public static String askId(long idHigh, long idLow) {
		// bytes, not chars: a String is built from them without compressing a char[] first
		byte[] out = new byte[ASK_ID_LENGTH];
		for (int i = 0; i < 16; i++) {
			out[i] = HEX[(int) (idHigh >>> (60 - 4 * i)) & 0xf];
			out[16 + i] = HEX[(int) (idLow >>> (60 - 4 * i)) & 0xf];
		}
		return new String(out, StandardCharsets.ISO_8859_1);
	}

	/**
	 * The ask id a target URI or path ends with, found without parsing the whole URI (the
	 * hot path of every reply).
	 * @param target a target URI or path
	 * @return the id, or {@code null} if the target is not a reply path
	 */
	public static @Nullable String askIdOf(String target) {
		int at = target.lastIndexOf(ASK_PREFIX);
		if (at >= 0 && target.length() - at - ASK_PREFIX.length() == ASK_ID_LENGTH) {
			return target.substring(at + ASK_PREFIX.length());
		}
		return null;
	}

	/**
	 * The shard type of a region path or of a path under it.
	 * @param path the path
	 * @return the type, or {@code null} if the path is not under a region
	 */
	public static @Nullable String regionTypeOf(String path) {
		return typeAfter(path, REGION_PREFIX);
	}

	/**
	 * The shard type of a coordinator path.
	 * @param path the path
	 * @return the type, or {@code null} if the path is not a coordinator's
	 */
	public static @Nullable String coordinatorTypeOf(String path) {
		return typeAfter(path, COORDINATOR_PREFIX);
	}

	/**
	 * The shard type of a shard proxy path.
	 * @param path the path
	 * @return the type, or {@code null} if the path is not a proxy's
	 */
	public static @Nullable String proxyTypeOf(String path) {
		return typeAfter(path, PROXY_PREFIX);
	}

	/**
	 * The entity id of a path under a region.
	 * @param path the path, {@code /_region-<type>/entity-<id>}
	 * @return the id, or {@code null} if the path names no entity
	 */
	public static @Nullable String entityIdOf(String path) {
		if (!path.startsWith(REGION_PREFIX)) {
			return null;
		}
		int at = path.indexOf(ENTITY_PREFIX, REGION_PREFIX.length());
		return (at > REGION_PREFIX.length() && at + ENTITY_PREFIX.length() < path.length())
				? path.substring(at + ENTITY_PREFIX.length()) : null;
	}

	private static @Nullable String typeAfter(String path, String prefix) {
		if (!path.startsWith(prefix) || path.length() == prefix.length()) {
			return null;
		}
		int slash = path.indexOf('/', prefix.length());
		String type = (slash < 0) ? path.substring(prefix.length()) : path.substring(prefix.length(), slash);
		return type.isEmpty() ? null : type;
	}

	/**
	 * The system name of a client's own refs.
	 * @param clusterName the cluster's system name
	 * @return {@code <cluster>-client}
	 */
	public static String clientSystem(String clusterName) {
		return clusterName + CLIENT_SYSTEM_SUFFIX;
	}

	/**
	 * Formats a remote actor URI.
	 * @param system the actor system name
	 * @param host the host
	 * @param port the port
	 * @param path the path, with its leading slash
	 * @return {@code casty://<system>@<host>:<port><path>}
	 */
	public static String uri(String system, String host, int port, String path) {
		return SCHEME + system + "@" + host + ":" + port + path;
	}

	/**
	 * Formats a local actor URI.
	 * @param system the actor system name
	 * @param path the path, with its leading slash
	 * @return {@code casty://<system><path>}
	 */
	public static String localUri(String system, String path) {
		return SCHEME + system + path;
	}

	/**
	 * Formats the {@code sender} header of a process's frames.
	 * @param system the process's actor system name
	 * @param host its advertised host
	 * @param port its advertised port
	 * @return {@code casty://<system>@<host>:<port>/}
	 */
	public static String senderUri(String system, String host, int port) {
		return uri(system, host, port, "/");
	}

	/**
	 * Parses an actor URI.
	 * @param uri the URI, as Casty writes it in {@code __ref__} markers and frame headers
	 * @return the address
	 * @throws InvalidActorAddressException if the URI is not of either form
	 */
	public static ActorAddress parse(String uri) {
		// casty://<system>@<host>:<port>/<path> or casty://<system>/<path>, scanned by hand:
		// the first '@' or '/' after the scheme ends the system name, and so on.
		if (uri.startsWith(SCHEME)) {
			int systemEnd = indexOfEither(uri, '@', '/', SCHEME.length());
			if (systemEnd > SCHEME.length()) {
				String system = uri.substring(SCHEME.length(), systemEnd);
				if (uri.charAt(systemEnd) == '/') {
					if (systemEnd + 1 < uri.length()) {
						return new ActorAddress(system, null, -1, uri.substring(systemEnd));
					}
				}
				else {
					int hostEnd = indexOfEither(uri, ':', '/', systemEnd + 1);
					if (hostEnd > systemEnd + 1 && uri.charAt(hostEnd) == ':') {
						int portEnd = hostEnd + 1;
						int port = 0;
						while (portEnd < uri.length() && uri.charAt(portEnd) >= '0' && uri.charAt(portEnd) <= '9') {
							if (portEnd - hostEnd > 5) {
								throw new InvalidActorAddressException("Port in actor URI '" + uri + "' is outside 0-65535");
							}
							port = port * 10 + (uri.charAt(portEnd) - '0');
							portEnd++;
						}
						if (portEnd > hostEnd + 1 && portEnd + 1 < uri.length() && uri.charAt(portEnd) == '/') {
							return new ActorAddress(system, uri.substring(systemEnd + 1, hostEnd), port,
									uri.substring(portEnd));
						}
					}
				}
			}
		}
		throw new InvalidActorAddressException("'" + uri
				+ "' is not a Casty actor URI; expected casty://<system>@<host>:<port>/<path> or casty://<system>/<path>");
	}

	/**
	 * The path of an actor URI, the only part a Casty node routes by. The remote form is
	 * checked and cut without building an {@link ActorAddress}.
	 * @param uri the URI
	 * @return the path with its leading slash
	 * @throws InvalidActorAddressException if the URI is not an actor URI
	 */
	public static String pathOf(String uri) {
		if (uri.startsWith(SCHEME)) {
			int start = SCHEME.length();
			int at = uri.indexOf('@', start);
			int slash = uri.indexOf('/', start);
			if (at > start && slash > at) {
				int colon = uri.lastIndexOf(':', slash);
				if (colon > at + 1 && colon < slash - 1 && slash < uri.length() - 1 && isDigits(uri, colon + 1, slash)
						&& uri.indexOf(':', at) == colon) {
					return uri.substring(slash);
				}
			}
		}
		return parse(uri).path();
	}

	private static boolean isDigits(String s, int from, int to) {
		if (to - from > 5) {
			return false;
		}
		for (int i = from; i < to; i++) {
			if (s.charAt(i) < '0' || s.charAt(i) > '9') {
				return false;
			}
		}
		return true;
	}

	/** The index of the first {@code a} or {@code b} from {@code from}, or -1. */
	private static int indexOfEither(String s, char a, char b, int from) {
		for (int i = from; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c == a || c == b) {
				return i;
			}
		}
		return -1;
	}

}
