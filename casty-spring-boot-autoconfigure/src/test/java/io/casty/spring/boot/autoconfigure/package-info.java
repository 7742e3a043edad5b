/**
 * Tests of the Casty auto-configuration.
 */
@NullMarked
package io.casty.spring.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
