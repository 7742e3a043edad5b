/**
 * Generates Java records, enums and sealed interfaces from a casty-schema document, mapped
 * exactly as the client's codec expects them.
 */
@NullMarked
package io.casty.codegen.java;

import org.jspecify.annotations.NullMarked;
