@NullMarked
package io.casty.spring.boot.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
