package io.casty.codegen.java;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles generated sources in memory against the test class path and loads them, failing
 * with every diagnostic when javac reports any.
 */
final class InMemoryCompiler {

	/** What the generated code must pass: every lint, warnings as errors, and javadoc lint. */
	static final List<String> STRICT = List.of("--release", "17", "-Xlint:all", "-Werror", "-Xdoclint:all,-missing",
			"-proc:none");

	private InMemoryCompiler() {
	}

	static ClassLoader compile(List<GeneratedSource> sources) {
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
		Map<String, ByteArrayOutputStream> classes = new HashMap<>();
		StandardJavaFileManager standard = compiler.getStandardFileManager(diagnostics, null, null);
		JavaFileManager manager = new ForwardingJavaFileManager<>(standard) {
			@Override
			public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
					FileObject sibling) {
				return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension),
						kind) {
					@Override
					public OutputStream openOutputStream() {
						ByteArrayOutputStream out = new ByteArrayOutputStream();
						classes.put(className, out);
						return out;
					}
				};
			}
		};
		List<JavaFileObject> units = new ArrayList<>();
		for (GeneratedSource source : sources) {
			units.add(new SimpleJavaFileObject(URI.create("mem:///" + source.relativePath()), JavaFileObject.Kind.SOURCE) {
				@Override
				public CharSequence getCharContent(boolean ignoreEncodingErrors) {
					return source.content();
				}
			});
		}
		List<String> options = new ArrayList<>(STRICT);
		options.add("-classpath");
		options.add(System.getProperty("java.class.path"));
		boolean ok = compiler.getTask(null, manager, diagnostics, options, null, units).call();
		List<Diagnostic<? extends JavaFileObject>> reported = diagnostics.getDiagnostics();
		if (!ok || !reported.isEmpty()) {
			throw new AssertionError("javac " + String.join(" ", STRICT) + " reported:\n" + reported.stream()
				.map((d) -> d.getKind() + " " + ((d.getSource() != null) ? d.getSource().getName() : "") + ":"
						+ d.getLineNumber() + ": " + d.getMessage(null))
				.collect(Collectors.joining("\n")));
		}
		return new ClassLoader(InMemoryCompiler.class.getClassLoader()) {
			@Override
			protected Class<?> findClass(String name) throws ClassNotFoundException {
				ByteArrayOutputStream out = classes.get(name);
				if (out == null) {
					throw new ClassNotFoundException(name);
				}
				byte[] bytes = out.toByteArray();
				return defineClass(name, bytes, 0, bytes.length);
			}
		};
	}

}
