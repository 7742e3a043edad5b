/**
 * An in-JVM Casty-compatible cluster for development, started from {@code casty-testkit}
 * with the application's Java entity and service implementations.
 */
@NullMarked
package io.casty.spring.boot.autoconfigure.embedded;

import org.jspecify.annotations.NullMarked;
