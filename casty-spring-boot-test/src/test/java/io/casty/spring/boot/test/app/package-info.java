/**
 * A small application on the starter, used by the test-support tests.
 */
@NullMarked
package io.casty.spring.boot.test.app;

import org.jspecify.annotations.NullMarked;
