/**
 * The cluster as the client sees it: the immutable {@link io.casty.client.topology.TopologyView}
 * built from each accepted snapshot, the lock-free cache that holds it, and the subscriber
 * that polls contact points for snapshots and rotates between them.
 * <p>
 * API: {@link io.casty.client.topology.TopologyView}, {@link io.casty.client.topology.TopologyCache}
 * ({@code CastyClient.topology()}: {@code current()}, {@code changes()}) and
 * {@link io.casty.client.topology.LocatedShard}. The rest is internal, wired by
 * {@code ClientSession}; not API, may change without notice.
 */
@NullMarked
package io.casty.client.topology;

import org.jspecify.annotations.NullMarked;
