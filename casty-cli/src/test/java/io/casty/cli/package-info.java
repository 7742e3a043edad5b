@NullMarked
package io.casty.cli;

import org.jspecify.annotations.NullMarked;
