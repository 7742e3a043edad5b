/**
 * The sample's REST API: controllers with injected entity refs and the mapping of the
 * client's typed exceptions to HTTP statuses.
 */
@NullMarked
package io.casty.sample.web;

import org.jspecify.annotations.NullMarked;
