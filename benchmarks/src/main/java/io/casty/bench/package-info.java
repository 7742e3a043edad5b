/**
 * Benchmarks of the Casty client: throughput, latency, allocation and CPU against an
 * in-JVM test cluster or a real one, next to a raw Reactor Netty echo of the same frames.
 */
@NullMarked
package io.casty.bench;

import org.jspecify.annotations.NullMarked;
