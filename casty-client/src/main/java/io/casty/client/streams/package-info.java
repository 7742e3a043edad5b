/**
 * Casty streams ({@code casty.core.streams}) consumed as Reactor {@code Flux}es, with demand
 * carried as {@code StreamDemand} and cancellation as {@code StreamCancel}.
 */
@NullMarked
package io.casty.client.streams;

import org.jspecify.annotations.NullMarked;
