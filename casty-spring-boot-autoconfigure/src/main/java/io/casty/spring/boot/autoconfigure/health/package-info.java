/**
 * Actuator health contribution of the Casty client, meant for the readiness group.
 */
@NullMarked
package io.casty.spring.boot.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
