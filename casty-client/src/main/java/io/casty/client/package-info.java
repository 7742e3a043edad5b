/**
 * What applications touch: the client, entity and actor references, message annotations and
 * the typed exceptions.
 */
@NullMarked
package io.casty.client;

import org.jspecify.annotations.NullMarked;
