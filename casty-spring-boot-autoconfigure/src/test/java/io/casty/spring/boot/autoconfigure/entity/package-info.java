/**
 * Test fixtures.
 */
@NullMarked
package io.casty.spring.boot.autoconfigure.entity;

import org.jspecify.annotations.NullMarked;
