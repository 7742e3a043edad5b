@NullMarked
package io.casty.maven;

import org.jspecify.annotations.NullMarked;
