/**
 * Tests of the sample's controllers alone: a {@code @WebMvcTest} slice with mocked entity refs.
 */
@NullMarked
package io.casty.sample.web;

import org.jspecify.annotations.NullMarked;
