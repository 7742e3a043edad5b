/**
 * From Python message modules to Java records: the exporter script
 * ({@link io.casty.codegen.CastySchemaScript}), the schema model
 * ({@link io.casty.codegen.schema}), the generator ({@link io.casty.codegen.java}) and the
 * check of Java message types against a schema ({@link io.casty.codegen.check}).
 */
@NullMarked
package io.casty.codegen;

import org.jspecify.annotations.NullMarked;
