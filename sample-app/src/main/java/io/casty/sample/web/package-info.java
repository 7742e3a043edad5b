/**
 * The sample's REST API: controllers with injected entity refs; the starter maps the
 * client's typed exceptions to 503 and 502 problems.
 */
@NullMarked
package io.casty.sample.web;

import org.jspecify.annotations.NullMarked;
