/**
 * The sample's wire types: Java records carrying the exact Python names of
 * {@code casty_sample.messages} (see {@code src/main/python}), field for field.
 */
@NullMarked
package io.casty.sample.messages;

import org.jspecify.annotations.NullMarked;
