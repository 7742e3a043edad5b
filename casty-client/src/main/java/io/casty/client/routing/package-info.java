/**
 * Shard routing: the shard hash, per-type routing to the owning node, buffering while a
 * shard's location is being resolved.
 */
@NullMarked
package io.casty.client.routing;

import org.jspecify.annotations.NullMarked;
