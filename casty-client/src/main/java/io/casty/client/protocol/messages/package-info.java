/**
 * Casty's own protocol messages as Java records, with the exact Python type names and field
 * order of Casty v0.21.0: topology snapshots, shard coordinator and envelope messages, and
 * the receptionist's service discovery.
 */
@NullMarked
package io.casty.client.protocol.messages;

import org.jspecify.annotations.NullMarked;
