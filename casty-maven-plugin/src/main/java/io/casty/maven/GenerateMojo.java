package io.casty.maven;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.casty.codegen.java.GeneratedSource;
import io.casty.codegen.java.GenerationException;
import io.casty.codegen.java.JavaGenerator;
import io.casty.codegen.schema.CastySchema;
import io.casty.codegen.schema.SchemaFormatException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.jspecify.annotations.Nullable;

/**
 * Generates Java records, enums and sealed interfaces from a casty-schema document (the
 * output of {@code casty_schema.py}) on every build, into
 * {@code target/generated-sources/casty}, which becomes a source root.
 *
 * @since 0.1.0
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class GenerateMojo extends AbstractMojo {

	@Parameter(defaultValue = "${project}", readonly = true, required = true)
	MavenProject project;

	/** The casty-schema document. */
	@Parameter(property = "casty.schema", defaultValue = "${project.basedir}/src/main/casty/casty-schema.json",
			required = true)
	File schema;

	/** The Java package of the generated types. */
	@Parameter(property = "casty.package", required = true)
	String packageName;

	/** Java packages by Python module, for modules not to go into {@code packageName}. */
	@Parameter
	Map<String, String> modulePackages;

	/**
	 * Sealed interfaces to generate, each {@code shop.messages.CartMsg=AddItem,GetCart}: the
	 * interface's Python-style name, then the dataclasses it permits.
	 */
	@Parameter
	List<String> sealedInterfaces;

	/** Where the sources go; it becomes a compile source root. */
	@Parameter(defaultValue = "${project.build.directory}/generated-sources/casty", required = true)
	File outputDirectory;

	/** Whether the output is a test source root instead (for sources only tests use). */
	@Parameter(defaultValue = "false")
	boolean testSources;

	/** Whether to skip the goal. */
	@Parameter(property = "casty.codegen.skip", defaultValue = "false")
	boolean skip;

	@Override
	public void execute() throws MojoExecutionException, MojoFailureException {
		if (this.skip) {
			getLog().info("casty:generate skipped");
			return;
		}
		File schemaFile = required(this.schema, "schema");
		Path output = required(this.outputDirectory, "outputDirectory").toPath();
		JavaGenerator.Options options = JavaGenerator.Options.of(required(this.packageName, "packageName"));
		try {
			for (Map.Entry<String, String> entry : new LinkedHashMap<>(
					(this.modulePackages != null) ? this.modulePackages : Map.of()).entrySet()) {
				options = options.withModulePackage(entry.getKey(), entry.getValue());
			}
			for (String spec : (this.sealedInterfaces != null) ? this.sealedInterfaces : List.<String>of()) {
				options = options.withSealed(spec);
			}
			List<GeneratedSource> sources = JavaGenerator.of(options).generate(CastySchema.read(schemaFile.toPath()));
			Set<Path> written = new HashSet<>();
			for (GeneratedSource source : sources) {
				written.add(source.writeTo(output));
			}
			removeStale(output, written);
			getLog().info("Generated " + sources.size() + " Java sources from " + schemaFile + " into " + output);
		}
		catch (SchemaFormatException | GenerationException | IllegalArgumentException ex) {
			throw new MojoFailureException("casty:generate: " + ex.getMessage(), ex);
		}
		catch (UncheckedIOException ex) {
			throw new MojoExecutionException("casty:generate cannot write " + output + ": " + ex.getMessage(), ex);
		}
		MavenProject mavenProject = required(this.project, "project");
		if (this.testSources) {
			mavenProject.addTestCompileSourceRoot(output.toString());
		}
		else {
			mavenProject.addCompileSourceRoot(output.toString());
		}
	}

	/** Deletes sources of types the schema no longer has, so that they do not compile on. */
	private static void removeStale(Path output, Set<Path> written) {
		if (!Files.isDirectory(output)) {
			return;
		}
		try (Stream<Path> files = Files.walk(output)) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".java")).toList()) {
				if (!written.contains(file)) {
					Files.delete(file);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static <T> T required(@Nullable T value, String name) throws MojoExecutionException {
		if (value == null) {
			throw new MojoExecutionException("casty-maven-plugin: the parameter " + name + " is required");
		}
		return value;
	}

}
