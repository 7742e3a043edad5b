/**
 * Tests.
 */
@NullMarked
package io.casty.spring.boot.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
