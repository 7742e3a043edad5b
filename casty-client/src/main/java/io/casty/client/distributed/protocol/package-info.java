/**
 * The wire records of Casty's {@code casty.distributed.*} dataclasses: what the structures of
 * {@link io.casty.client.distributed} send to their entities and what the entities answer.
 * Field order and names are Casty v0.21.0's; applications use the typed facades instead.
 */
@NullMarked
package io.casty.client.distributed.protocol;

import org.jspecify.annotations.NullMarked;
