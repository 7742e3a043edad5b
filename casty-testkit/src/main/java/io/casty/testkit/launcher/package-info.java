/**
 * A command-line launcher that serves a {@link io.casty.testkit.CastyTestCluster} hosting the
 * sample application's shard type and service on fixed ports, for interoperability checks
 * with Python clients and for running the sample application against an embedded cluster.
 */
@NullMarked
package io.casty.testkit.launcher;

import org.jspecify.annotations.NullMarked;
