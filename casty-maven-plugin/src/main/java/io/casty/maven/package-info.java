/**
 * The Maven goals {@code casty:generate} (Java records from a casty-schema document) and
 * {@code casty:check} (compiled message types against one). Maven injects the goals'
 * parameter fields before it executes them.
 */
@NullMarked
package io.casty.maven;

import org.jspecify.annotations.NullMarked;
