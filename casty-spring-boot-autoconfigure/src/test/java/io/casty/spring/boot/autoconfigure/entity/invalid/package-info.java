/**
 * Message types with a mistake the auto-configuration must report at start-up.
 */
@NullMarked
package io.casty.spring.boot.autoconfigure.entity.invalid;

import org.jspecify.annotations.NullMarked;
