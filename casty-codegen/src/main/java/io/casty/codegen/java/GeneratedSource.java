package io.casty.codegen.java;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One generated Java source file.
 *
 * @param qualifiedName the qualified name of its top-level type
 * @param content the source
 * @since 0.1.0
 */
public record GeneratedSource(String qualifiedName, String content) {

	/**
	 * The file's path relative to a source root, {@code io/shop/AddItem.java}.
	 * @return the path
	 */
	public String relativePath() {
		return this.qualifiedName.replace('.', '/') + ".java";
	}

	/**
	 * Writes the file under a source root, leaving an identical file untouched so that
	 * incremental builds do not recompile it.
	 * @param sourceRoot the root directory
	 * @return the file
	 */
	public Path writeTo(Path sourceRoot) {
		Path file = sourceRoot.resolve(relativePath());
		byte[] bytes = this.content.getBytes(StandardCharsets.UTF_8);
		try {
			if (Files.isRegularFile(file) && java.util.Arrays.equals(Files.readAllBytes(file), bytes)) {
				return file;
			}
			Files.createDirectories(file.getParent());
			Files.write(file, bytes);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
