/**
 * Tests of the Casty test support and of the starter's lifecycle in cached test contexts.
 */
@NullMarked
package io.casty.spring.boot.test;

import org.jspecify.annotations.NullMarked;
