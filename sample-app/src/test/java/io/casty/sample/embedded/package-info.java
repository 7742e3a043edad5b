/**
 * Java implementations of the sample's entities and payment service, behaving exactly like
 * {@code casty_sample/entities.py}, hosted by the test cluster of the tests and of
 * {@code TestSampleApplication}.
 */
@NullMarked
package io.casty.sample.embedded;

import org.jspecify.annotations.NullMarked;
