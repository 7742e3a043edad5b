/**
 * Casty's distributed data structures seen from the client: counters, maps, sets, queues,
 * locks, semaphores and barriers, each an ordinary sharded entity type ({@code d-counter-<name>}
 * and so on) that the nodes must have created. Start from {@link CastyDistributed}.
 */
@NullMarked
package io.casty.client.distributed;

import org.jspecify.annotations.NullMarked;
