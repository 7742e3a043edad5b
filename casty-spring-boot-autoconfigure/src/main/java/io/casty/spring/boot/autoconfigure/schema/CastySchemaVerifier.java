package io.casty.spring.boot.autoconfigure.schema;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Collectors;

import io.casty.codegen.check.SchemaCheck;
import io.casty.codegen.check.SchemaMismatch;
import io.casty.codegen.schema.CastySchema;
import io.casty.codegen.schema.SchemaFormatException;
import io.casty.spring.boot.autoconfigure.InvalidCastyConfigurationException;

import org.springframework.core.io.Resource;

/**
 * Checks the client's message types against a casty-schema document once, when created,
 * and fails with an {@link InvalidCastyConfigurationException} listing every mismatch.
 *
 * @since 0.1.0
 */
public final class CastySchemaVerifier {

	private final CastySchema schema;

	private final List<Class<?>> messageTypes;

	/**
	 * Reads the schema and checks the types.
	 * @param location the schema document
	 * @param messageTypes the types the client registers
	 * @throws InvalidCastyConfigurationException if the document cannot be read or a type
	 * does not match it
	 */
	public CastySchemaVerifier(Resource location, List<Class<?>> messageTypes) {
		this.schema = read(location);
		this.messageTypes = List.copyOf(messageTypes);
		List<SchemaMismatch> mismatches;
		try {
			mismatches = SchemaCheck.check(this.schema, this.messageTypes);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidCastyConfigurationException("A Casty message type cannot be checked against the schema "
					+ location.getDescription() + ": " + ex.getMessage(), "Correct the message type.", ex);
		}
		if (!mismatches.isEmpty()) {
			throw new InvalidCastyConfigurationException("The Java message types do not match the Python schema "
					+ location.getDescription() + " (modules " + this.schema.modules() + "), " + mismatches.size()
					+ ((mismatches.size() == 1) ? " mismatch" : " mismatches") + ":\n"
					+ mismatches.stream().map((m) -> "  - " + m.message()).collect(Collectors.joining("\n")),
					"Make the Java types match the Python dataclasses and enums (or generate them from the schema with "
							+ "casty-maven-plugin's generate goal). If the Python side changed, export the schema again: "
							+ "python casty_schema.py <modules> > casty-schema.json. To skip the check, remove "
							+ "casty.client.schema.location.",
					null);
		}
	}

	/**
	 * The schema checked against.
	 * @return the schema
	 */
	public CastySchema schema() {
		return this.schema;
	}

	/**
	 * The message types checked, as given to the client.
	 * @return the types
	 */
	public List<Class<?>> messageTypes() {
		return this.messageTypes;
	}

	private static CastySchema read(Resource location) {
		if (!location.exists()) {
			throw new InvalidCastyConfigurationException(
					"The Casty schema " + location.getDescription() + " (casty.client.schema.location) does not exist",
					"Export it from the cluster's Python modules (python casty_schema.py <modules> > casty-schema.json), "
							+ "put it where casty.client.schema.location points, or remove the property.",
					null);
		}
		try (InputStream in = location.getInputStream()) {
			return CastySchema.read(in);
		}
		catch (SchemaFormatException ex) {
			throw new InvalidCastyConfigurationException("The Casty schema " + location.getDescription()
					+ " (casty.client.schema.location) is not a valid casty-schema document: " + ex.getMessage(),
					"Export it again with casty_schema.py (python casty_schema.py <modules> > casty-schema.json).", ex);
		}
		catch (IOException ex) {
			throw new InvalidCastyConfigurationException("The Casty schema " + location.getDescription()
					+ " (casty.client.schema.location) cannot be read: " + ex.getMessage(),
					"Check that the file is readable.", ex);
		}
	}

}
