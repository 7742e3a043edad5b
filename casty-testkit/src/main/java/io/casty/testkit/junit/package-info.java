/**
 * JUnit Jupiter support: a {@link io.casty.testkit.CastyTestCluster} per test class (or per
 * test) and parameter injection.
 */
@NullMarked
package io.casty.testkit.junit;

import org.jspecify.annotations.NullMarked;
