package io.casty.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.casty.codegen.CastySchemaScript;
import io.casty.codegen.java.GeneratedSource;
import io.casty.codegen.java.GenerationException;
import io.casty.codegen.java.JavaGenerator;
import io.casty.codegen.schema.CastySchema;
import io.casty.codegen.schema.SchemaFormatException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code casty codegen}: from Python message modules to Java records. {@code script} writes
 * the exporter {@code casty_schema.py}, {@code export} runs it with a Python of the user's
 * to print the casty-schema document of their modules, {@code generate} turns a document
 * into Java sources.
 *
 * @since 0.1.0
 */
@Command(name = "codegen", mixinStandardHelpOptions = true,
		description = "From Python message modules to Java records: script, export, generate.",
		subcommands = { CodegenCommand.Script.class, CodegenCommand.Export.class, CodegenCommand.Generate.class })
final class CodegenCommand implements Callable<Integer> {

	@Spec
	@Nullable CommandSpec spec;

	@Override
	public Integer call() {
		throw new CliException(ExitCodes.USAGE, "Missing a codegen command (script, export, generate)");
	}

	/** {@code casty codegen script [DIR]}: writes the exporter. */
	@Command(name = "script", mixinStandardHelpOptions = true,
			description = "Write the exporter casty_schema.py into a directory (default: the current one).")
	static final class Script implements Callable<Integer> {

		@Spec
		@Nullable CommandSpec spec;

		@Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "Where to write casty_schema.py.")
		@Nullable Path directory;

		@Override
		public Integer call() {
			Path script = CastySchemaScript.extractTo((this.directory != null) ? this.directory : Path.of("."));
			CastyCli.io(spec(this.spec)).line(script.toString());
			return ExitCodes.OK;
		}

	}

	/** {@code casty codegen export MODULE...}: runs the exporter. */
	@Command(name = "export", mixinStandardHelpOptions = true,
			description = { "Print the casty-schema document of Python modules, running casty_schema.py with your Python ",
					"in the current directory (with your PYTHONPATH): casty codegen export shop.messages > casty-schema.json" })
	static final class Export implements Callable<Integer> {

		@Spec
		@Nullable CommandSpec spec;

		@Parameters(arity = "1..*", paramLabel = "MODULE", description = "Python modules holding the message dataclasses and enums.")
		List<String> modules = new ArrayList<>();

		@Option(names = "--python", paramLabel = "EXE", defaultValue = "python3",
				description = "The Python 3.10+ to run (default: ${DEFAULT-VALUE}).")
		String python = "python3";

		@Option(names = "--dir", paramLabel = "DIR",
				description = "Run in this directory, whose modules are importable (default: the current one).")
		@Nullable Path directory;

		@Option(names = { "-o", "--output" }, paramLabel = "FILE", description = "Write the document here instead of stdout.")
		@Nullable Path output;

		@Override
		public Integer call() throws Exception {
			Path dir = Files.createTempDirectory("casty-codegen").toAbsolutePath();
			try {
				Path script = CastySchemaScript.extractTo(dir);
				List<String> command = new ArrayList<>(List.of(this.python, script.toString()));
				command.addAll(this.modules);
				Path out = dir.resolve("schema.json");
				Process process;
				try {
					ProcessBuilder builder = new ProcessBuilder(command);
					if (this.directory != null) {
						builder.directory(this.directory.toFile());
					}
					process = builder.redirectOutput(out.toFile())
						.redirectError(ProcessBuilder.Redirect.PIPE)
						.start();
				}
				catch (IOException ex) {
					throw new CliException(ExitCodes.USAGE, "cannot run " + this.python + ": " + ex.getMessage()
							+ " (give a Python 3.10+ with --python)");
				}
				String errors;
				try (InputStream err = process.getErrorStream()) {
					errors = new String(err.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
				}
				int exit = process.waitFor();
				if (exit != 0) {
					throw new CliException(ExitCodes.USAGE, errors.isEmpty() ? this.python + " exited with " + exit
							: errors.replaceFirst("^casty_schema.py: ", ""));
				}
				CastySchema.read(out);
				CliIo io = CastyCli.io(spec(this.spec));
				if (this.output != null) {
					Files.copy(out, this.output, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
					io.err().println("wrote " + this.output);
				}
				else {
					io.out().print(Files.readString(out, java.nio.charset.StandardCharsets.UTF_8));
					io.out().flush();
				}
				return ExitCodes.OK;
			}
			finally {
				try (var files = Files.walk(dir)) {
					files.sorted(java.util.Comparator.reverseOrder()).forEach((f) -> f.toFile().delete());
				}
			}
		}

	}

	/** {@code casty codegen generate}: Java sources from a document. */
	@Command(name = "generate", mixinStandardHelpOptions = true,
			description = "Generate Java records, enums and sealed interfaces from a casty-schema document.")
	static final class Generate implements Callable<Integer> {

		@Spec
		@Nullable CommandSpec spec;

		@Option(names = "--schema", required = true, paramLabel = "FILE", description = "The casty-schema document.")
		@Nullable Path schema;

		@Option(names = "--package", required = true, paramLabel = "PACKAGE", description = "Java package of the types.")
		@Nullable String packageName;

		@Option(names = "--out", defaultValue = "src/main/java", paramLabel = "DIR",
				description = "Source root to write into (default: ${DEFAULT-VALUE}).")
		Path out = Path.of("src/main/java");

		@Option(names = "--sealed", paramLabel = "SPEC",
				description = "A sealed interface, e.g. shop.messages.CartMsg=AddItem,GetCart (repeatable).")
		List<String> sealed = new ArrayList<>();

		@Option(names = "--module-package", paramLabel = "MODULE=PACKAGE",
				description = "Put a Python module's types into another package (repeatable).")
		List<String> modulePackages = new ArrayList<>();

		@Override
		public Integer call() {
			JavaGenerator.Options options = JavaGenerator.Options.of(required(this.packageName));
			try {
				for (String mapping : this.modulePackages) {
					int eq = mapping.indexOf('=');
					if (eq <= 0 || eq == mapping.length() - 1) {
						throw new CliException(ExitCodes.USAGE,
								"--module-package takes MODULE=PACKAGE, e.g. shop.catalog=com.shop.catalog; got '" + mapping + "'");
					}
					options = options.withModulePackage(mapping.substring(0, eq), mapping.substring(eq + 1));
				}
				for (String spec : this.sealed) {
					options = options.withSealed(spec);
				}
				List<GeneratedSource> sources = JavaGenerator.of(options).generate(CastySchema.read(required(this.schema)));
				CliIo io = CastyCli.io(spec(this.spec));
				for (GeneratedSource source : sources) {
					io.line(source.writeTo(this.out).toString());
				}
				return ExitCodes.OK;
			}
			catch (SchemaFormatException | GenerationException ex) {
				throw new CliException(ExitCodes.USAGE, ex.getMessage());
			}
			catch (UncheckedIOException ex) {
				throw new CliException(ExitCodes.USAGE, "cannot write under " + this.out + ": " + ex.getMessage());
			}
		}

	}

	private static CommandSpec spec(@Nullable CommandSpec spec) {
		return required(spec);
	}

	private static <T> T required(@Nullable T value) {
		if (value == null) {
			throw new IllegalStateException("picocli did not inject a required value");
		}
		return value;
	}

}
