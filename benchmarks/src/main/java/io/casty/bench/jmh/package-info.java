/**
 * JMH microbenchmarks of the client's per-message work, run with
 * {@code java -jar benchmarks.jar jmh [-prof gc]}.
 */
@NullMarked
package io.casty.bench.jmh;

import org.jspecify.annotations.NullMarked;
