/**
 * Web integration of the Casty client: Casty exceptions thrown by web handlers as RFC 9457
 * problem responses.
 */
@NullMarked
package io.casty.spring.boot.autoconfigure.web;

import org.jspecify.annotations.NullMarked;
