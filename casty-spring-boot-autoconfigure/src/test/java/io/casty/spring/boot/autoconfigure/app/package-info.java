/**
 * Test fixtures.
 */
@NullMarked
package io.casty.spring.boot.autoconfigure.app;

import org.jspecify.annotations.NullMarked;
