/**
 * The casty-schema document: the dataclasses and enums of Python modules as
 * {@code casty_schema.py} exports them, read into an immutable model.
 */
@NullMarked
package io.casty.codegen.schema;

import org.jspecify.annotations.NullMarked;
