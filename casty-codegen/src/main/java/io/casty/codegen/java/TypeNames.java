package io.casty.codegen.java;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.casty.client.protocol.codec.MessageTypeRegistry;
import io.casty.codegen.schema.CastySchema;
import io.casty.codegen.schema.SchemaType;
import io.casty.codegen.schema.TypeExpr;
import org.jspecify.annotations.Nullable;

/**
 * The Java names of a schema's types and the sealed interfaces asked for, resolved once per
 * generation: which package and simple name each Python type gets, and which interfaces each
 * record implements.
 */
final class TypeNames {

	/** Names a record component cannot have: keywords, and Object's methods as accessors. */
	static final Set<String> RESERVED = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
			"catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends", "final",
			"finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long",
			"native", "new", "package", "private", "protected", "public", "return", "short", "static", "strictfp",
			"super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void", "volatile",
			"while", "true", "false", "null", "_", "var", "yield", "record", "sealed", "permits", "non",
			// record accessors must not clash with Object's methods
			"hashCode", "toString", "getClass", "notify", "notifyAll", "wait", "clone", "finalize", "equals");

	record JavaName(String packageName, String simpleName) {

		String qualifiedName() {
			return this.packageName.isEmpty() ? this.simpleName : this.packageName + "." + this.simpleName;
		}

	}

	record Sealed(String spec, JavaName name, List<String> members) {
	}

	private final CastySchema schema;

	private final JavaGenerator.Options options;

	private final Map<String, JavaName> names = new HashMap<>();

	final List<Sealed> sealed = new ArrayList<>();

	TypeNames(CastySchema schema, JavaGenerator.Options options) {
		this.options = options;
		this.schema = schema;
		Map<String, String> claimed = new HashMap<>();
		for (SchemaType type : schema.types()) {
			JavaName name = new JavaName(packageOf(type.module()), type.qualname().replace(".", ""));
			String previous = claimed.putIfAbsent(name.qualifiedName(), type.name());
			if (previous != null) {
				throw new GenerationException(previous + " and " + type.name() + " would both be "
						+ name.qualifiedName() + ": map their modules to different packages");
			}
			this.names.put(type.name(), name);
		}
		this.options.sealed().forEach((spec, members) -> {
			int dot = spec.lastIndexOf('.');
			String module = (dot < 0) ? "" : spec.substring(0, dot);
			JavaName name = new JavaName(packageOf(module), spec.substring(dot + 1));
			List<String> resolved = new ArrayList<>();
			for (String member : members) {
				String full = (this.schema.type(member) != null || module.isEmpty()) ? member : module + "." + member;
				SchemaType type = this.schema.type(full);
				if (!(type instanceof SchemaType.Dataclass)) {
					throw new GenerationException("Sealed interface " + spec + ": " + full
							+ ((type == null) ? " is not in the schema" : " is an enum, not a dataclass")
							+ "; the schema's dataclasses are " + dataclassNames());
				}
				if (!this.names.get(full).packageName().equals(name.packageName())) {
					throw new GenerationException("Sealed interface " + spec + " (package " + name.packageName()
							+ ") cannot permit " + full + " of package " + this.names.get(full).packageName()
							+ ": a sealed interface and its records share a package");
				}
				resolved.add(full);
			}
			if (claimed.containsKey(name.qualifiedName())) {
				throw new GenerationException("Sealed interface " + spec + " would be " + name.qualifiedName()
						+ ", the name of " + claimed.get(name.qualifiedName()));
			}
			this.sealed.add(new Sealed(spec, name, List.copyOf(new LinkedHashSet<>(resolved))));
		});
	}

	private String packageOf(String module) {
		return this.options.modulePackages().getOrDefault(module,
				this.options.packageName());
	}

	private Set<String> dataclassNames() {
		Set<String> result = new TreeSet<>();
		this.schema.types().stream().filter(SchemaType.Dataclass.class::isInstance).forEach((t) -> result.add(t.name()));
		return result;
	}

	JavaName javaName(String pythonName) {
		return this.names.get(pythonName);
	}

	String require(String pythonName, String where) {
		if (!this.names.containsKey(pythonName)) {
			throw new GenerationException(where + " refers to " + pythonName
					+ ", which the schema does not describe: export its module too");
		}
		return pythonName;
	}

	List<String> interfacesOf(String pythonName) {
		return this.sealed.stream().filter((s) -> s.members.contains(pythonName)).map((s) -> s.name.simpleName()).toList();
	}

	@Nullable Sealed covering(TypeExpr.UnionOf union) {
		Set<String> members = new LinkedHashSet<>();
		for (TypeExpr type : union.types()) {
			if (!(type instanceof TypeExpr.DataclassRef ref)) {
				return null;
			}
			members.add(ref.name());
		}
		Sealed best = null;
		for (Sealed candidate : this.sealed) {
			if (candidate.members.containsAll(members)
					&& (best == null || candidate.members.size() < best.members.size())) {
				best = candidate;
			}
		}
		return best;
	}

	static String componentName(String pythonName) {
		String stripped = pythonName.replaceFirst("^_+", "");
		StringBuilder sb = new StringBuilder();
		boolean upper = false;
		for (char c : stripped.toCharArray()) {
			if (c == '_') {
				upper = sb.length() > 0;
			}
			else if (Character.isJavaIdentifierPart(c)) {
				sb.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		String name = (sb.length() == 0 || !Character.isJavaIdentifierStart(sb.charAt(0))) ? "field" + sb : sb.toString();
		return RESERVED.contains(name) ? name + "_" : name;
	}

	static Map<String, String> enumConstants(List<SchemaType.Member> members) {
		Map<String, String> constants = new LinkedHashMap<>();
		Set<String> used = new HashSet<>();
		for (SchemaType.Member member : members) {
			String constant = upperSnake(member.name());
			if (RESERVED.contains(constant) || !used.add(constant)) {
				constant = member.name();
				used.add(constant);
			}
			constants.put(member.name(), constant);
		}
		return constants;
	}

	static String upperSnake(String name) {
		String snake = MessageTypeRegistry.snakeCase(name);
		StringBuilder sb = new StringBuilder();
		for (char c : snake.toCharArray()) {
			sb.append(Character.isJavaIdentifierPart(c) ? Character.toUpperCase(c) : '_');
		}
		return (sb.length() > 0 && Character.isJavaIdentifierStart(sb.charAt(0))) ? sb.toString() : "_" + sb;
	}

}
