/**
 * Auto-configuration of the Casty client: properties, connection details, the client and
 * its lifecycle, and start-up failure analysis.
 */
@NullMarked
package io.casty.spring.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
