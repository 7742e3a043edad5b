/**
 * Tests.
 */
@NullMarked
package io.casty.spring.boot.autoconfigure.web;

import org.jspecify.annotations.NullMarked;
