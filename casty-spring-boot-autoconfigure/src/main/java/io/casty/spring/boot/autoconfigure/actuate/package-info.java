/**
 * The {@code casty} Actuator endpoint: what the client sees of the cluster.
 */
@NullMarked
package io.casty.spring.boot.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
