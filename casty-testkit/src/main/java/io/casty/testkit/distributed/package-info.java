/**
 * Casty's distributed data structures hosted by test nodes, with Casty v0.21.0's semantics
 * and its traps, so that the client's {@code io.casty.client.distributed} facades can be
 * tested without Python.
 */
@NullMarked
package io.casty.testkit.distributed;

import org.jspecify.annotations.NullMarked;
