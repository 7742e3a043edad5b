/**
 * The {@code casty} command-line tool: look at a Casty cluster and poke it from a shell
 * without writing Python.
 */
@NullMarked
package io.casty.cli;

import org.jspecify.annotations.NullMarked;
