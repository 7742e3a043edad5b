package io.casty.maven;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.casty.codegen.check.SchemaCheck;
import io.casty.codegen.check.SchemaMismatch;
import io.casty.codegen.schema.CastySchema;
import io.casty.codegen.schema.SchemaFormatException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Checks compiled message types (hand-written or generated) against a casty-schema
 * document, failing the build with every mismatch: the build-time twin of the starter's
 * {@code casty.client.schema.location} start-up check.
 *
 * @since 0.1.0
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.PROCESS_CLASSES,
		requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
public class CheckMojo extends AbstractMojo {

	/** The casty-schema document. */
	@Parameter(property = "casty.schema", defaultValue = "${project.basedir}/src/main/casty/casty-schema.json",
			required = true)
	File schema;

	/**
	 * The message types to check, by class name: records, enums or sealed interfaces; the
	 * annotated types they refer to are checked too.
	 */
	@Parameter(required = true)
	List<String> messageTypes;

	@Parameter(defaultValue = "${project.compileClasspathElements}", readonly = true, required = true)
	List<String> classpathElements;

	/** Whether to skip the goal. */
	@Parameter(property = "casty.check.skip", defaultValue = "false")
	boolean skip;

	@Override
	public void execute() throws MojoExecutionException, MojoFailureException {
		if (this.skip) {
			getLog().info("casty:check skipped");
			return;
		}
		File schemaFile = GenerateMojo.required(this.schema, "schema");
		List<String> names = GenerateMojo.required(this.messageTypes, "messageTypes");
		CastySchema castySchema;
		try {
			castySchema = CastySchema.read(schemaFile.toPath());
		}
		catch (SchemaFormatException ex) {
			throw new MojoFailureException("casty:check: " + ex.getMessage(), ex);
		}
		try (URLClassLoader loader = new URLClassLoader(urls(), getClass().getClassLoader())) {
			List<Class<?>> types = new ArrayList<>();
			for (String name : names) {
				try {
					types.add(Class.forName(name.strip(), false, loader));
				}
				catch (ClassNotFoundException ex) {
					throw new MojoFailureException("casty:check: message type " + name + " is not on the compile class path");
				}
			}
			List<SchemaMismatch> mismatches;
			try {
				mismatches = SchemaCheck.check(castySchema, types);
			}
			catch (IllegalArgumentException ex) {
				throw new MojoFailureException("casty:check: " + ex.getMessage(), ex);
			}
			if (!mismatches.isEmpty()) {
				throw new MojoFailureException("casty:check: the message types do not match " + schemaFile + ":\n"
						+ mismatches.stream().map((m) -> "  - " + m.message()).collect(Collectors.joining("\n")));
			}
			getLog().info("casty:check: " + names.size() + " message types match " + schemaFile);
		}
		catch (IOException ex) {
			throw new MojoExecutionException("casty:check: " + ex.getMessage(), ex);
		}
	}

	private URL[] urls() throws MojoExecutionException {
		List<String> elements = GenerateMojo.required(this.classpathElements, "classpathElements");
		URL[] urls = new URL[elements.size()];
		try {
			for (int i = 0; i < urls.length; i++) {
				urls[i] = new File(elements.get(i)).toURI().toURL();
			}
		}
		catch (MalformedURLException ex) {
			throw new MojoExecutionException("casty:check: " + ex.getMessage(), ex);
		}
		return urls;
	}

}
