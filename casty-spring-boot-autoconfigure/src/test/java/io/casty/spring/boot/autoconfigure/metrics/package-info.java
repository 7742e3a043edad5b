/**
 * Tests.
 */
@NullMarked
package io.casty.spring.boot.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
