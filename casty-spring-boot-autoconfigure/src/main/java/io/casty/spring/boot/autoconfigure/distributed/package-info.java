/**
 * Auto-configuration of Casty's distributed structures.
 */
@NullMarked
package io.casty.spring.boot.autoconfigure.distributed;

import org.jspecify.annotations.NullMarked;
