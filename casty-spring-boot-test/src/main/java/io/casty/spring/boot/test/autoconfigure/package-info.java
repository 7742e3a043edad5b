/**
 * Test support for applications on the Casty starter: an in-JVM test cluster started with
 * the test's application context, cached and closed with it.
 */
@NullMarked
package io.casty.spring.boot.test.autoconfigure;

import org.jspecify.annotations.NullMarked;
