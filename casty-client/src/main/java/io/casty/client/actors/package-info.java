/**
 * Actors hosted by the client: nodes reach them through the client's connections, at
 * {@code casty://<cluster>-client@<client identity>/<name>}, as they reach actors spawned by
 * Casty's Python {@code ClusterClient}.
 */
@NullMarked
package io.casty.client.actors;

import org.jspecify.annotations.NullMarked;
