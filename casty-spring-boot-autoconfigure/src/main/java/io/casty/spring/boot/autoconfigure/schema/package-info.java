/**
 * The optional start-up check of the Java message types against the Python schema
 * ({@code casty.client.schema.location}).
 */
@NullMarked
package io.casty.spring.boot.autoconfigure.schema;

import org.jspecify.annotations.NullMarked;
