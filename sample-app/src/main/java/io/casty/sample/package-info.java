/**
 * A Spring Boot web application on a Casty cluster: loyalty points, counters, bank accounts
 * and a payment service, reached through the Casty Spring Boot starter.
 */
@NullMarked
package io.casty.sample;

import org.jspecify.annotations.NullMarked;
