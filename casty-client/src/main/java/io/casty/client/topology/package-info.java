/**
 * The cluster as the client sees it: the immutable {@link io.casty.client.topology.TopologyView}
 * built from each accepted snapshot, the lock-free cache that holds it, and the subscriber
 * that polls contact points for snapshots and rotates between them.
 */
@NullMarked
package io.casty.client.topology;

import org.jspecify.annotations.NullMarked;
