package io.casty.codegen.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A casty-schema document: the dataclasses and enums of Python modules, exported by
 * {@code casty_schema.py} (see {@link CastySchemaScript}). The format is versioned
 * ({@link #VERSION}) and described in the casty-codegen README.
 *
 * @param version the format version
 * @param python the {@code major.minor} of the Python that exported it
 * @param modules the modules named on the exporter's command line
 * @param types every exported type, the named modules' first
 * @since 0.1.0
 */
public record CastySchema(int version, String python, List<String> modules, List<SchemaType> types) {

	/** The {@code format} field of every document. */
	public static final String FORMAT = "casty-schema";

	/** The format version this library reads and the exporter writes. */
	public static final int VERSION = 1;

	public CastySchema {
		modules = List.copyOf(modules);
		types = List.copyOf(types);
	}

	/**
	 * Reads a document.
	 * @param json the document
	 * @return the schema
	 * @throws SchemaFormatException if it is not a casty-schema document of a supported
	 * version, with the JSON path of the first problem
	 */
	public static CastySchema parse(String json) {
		return SchemaReader.read(json);
	}

	/**
	 * Reads a document.
	 * @param in the document, UTF-8; not closed
	 * @return the schema
	 * @throws SchemaFormatException if it is not a valid document
	 */
	public static CastySchema read(InputStream in) {
		try {
			return SchemaReader.read(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Reads a document file.
	 * @param file the file, UTF-8
	 * @return the schema
	 * @throws SchemaFormatException if it is not a valid document
	 */
	public static CastySchema read(Path file) {
		try {
			return SchemaReader.read(Files.readString(file));
		}
		catch (SchemaFormatException ex) {
			throw new SchemaFormatException(file + ": " + ex.getMessage(), ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Looks a type up by its Python name.
	 * @param name the {@code module.qualname}
	 * @return the type, or {@code null}
	 */
	public @Nullable SchemaType type(String name) {
		return byName().get(name);
	}

	/**
	 * The types by Python name, in document order.
	 * @return the types
	 */
	public Map<String, SchemaType> byName() {
		Map<String, SchemaType> map = new LinkedHashMap<>();
		for (SchemaType type : this.types) {
			map.put(type.name(), type);
		}
		return map;
	}

}
