/**
 * Connections to nodes: one long-lived Reactor Netty connection per node with Casty's
 * handshake, failure tracking with jittered reconnect backoff, and the listener that
 * accepts nodes dialling the client back.
 * <p>
 * Internal: wired by {@code ClientSession}; not API, may change without notice, except
 * {@link io.casty.client.transport.ClientIdentity}, which {@code CastyClient.clientIdentity()}
 * returns.
 */
@NullMarked
package io.casty.client.transport;

import org.jspecify.annotations.NullMarked;
