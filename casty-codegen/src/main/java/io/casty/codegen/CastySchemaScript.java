package io.casty.codegen;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The Python exporter, {@code casty_schema.py}, shipped in this jar: run with the
 * application's own Python and modules, it prints the casty-schema document of their
 * dataclasses and enums ({@code python casty_schema.py shop.messages > casty-schema.json}).
 *
 * @since 0.1.0
 */
public final class CastySchemaScript {

	/** The script's file name. */
	public static final String FILE_NAME = "casty_schema.py";

	private static final String RESOURCE = "io/casty/codegen/" + FILE_NAME;

	private CastySchemaScript() {
	}

	/**
	 * Opens the script.
	 * @return its bytes, UTF-8 Python source
	 */
	public static InputStream open() {
		InputStream in = CastySchemaScript.class.getClassLoader().getResourceAsStream(RESOURCE);
		if (in == null) {
			throw new IllegalStateException(RESOURCE + " is missing from the casty-codegen jar");
		}
		return in;
	}

	/**
	 * Writes the script into a directory, replacing an older copy.
	 * @param directory the directory, created if needed
	 * @return the script's path
	 */
	public static Path extractTo(Path directory) {
		try (InputStream in = open()) {
			Files.createDirectories(directory);
			Path target = directory.resolve(FILE_NAME);
			Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
