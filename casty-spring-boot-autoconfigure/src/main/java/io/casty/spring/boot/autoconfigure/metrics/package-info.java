/**
 * Micrometer meters and observations of the Casty client.
 */
@NullMarked
package io.casty.spring.boot.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
