/**
 * An in-JVM, Casty-compatible cluster for tests and embedded development: nodes that speak
 * the Casty v0.21.0 wire protocol on loopback, host sharded entities and services written in
 * Java, and reproduce the failure behaviour (and the known anomalies) of real Casty nodes.
 */
@NullMarked
package io.casty.testkit;

import org.jspecify.annotations.NullMarked;
