/**
 * End-to-end tests of the sample application.
 */
@NullMarked
package io.casty.sample;

import org.jspecify.annotations.NullMarked;
