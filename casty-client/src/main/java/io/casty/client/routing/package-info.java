/**
 * Shard routing: the shard hash, per-type routing to the owning node, buffering while a
 * shard's location is being resolved.
 * <p>
 * Internal: wired by {@code ClientSession}; not API, may change without notice. Users reach
 * it through {@link io.casty.client.EntityRef}; {@link io.casty.client.routing.ShardHash} (Casty's
 * shard hash, a pure function) is public for the starter and tools.
 */
@NullMarked
package io.casty.client.routing;

import org.jspecify.annotations.NullMarked;
