@NullMarked
package io.casty.spring.boot.autoconfigure.schema;

import org.jspecify.annotations.NullMarked;
