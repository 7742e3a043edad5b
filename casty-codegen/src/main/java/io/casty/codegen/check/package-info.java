/**
 * Checks Java message types against a casty-schema document, for a start-up check or a
 * build step.
 */
@NullMarked
package io.casty.codegen.check;

import org.jspecify.annotations.NullMarked;
