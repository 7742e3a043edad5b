package io.casty.codegen.java;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.casty.client.protocol.codec.MessageTypeRegistry;
import io.casty.codegen.schema.CastySchema;
import io.casty.codegen.schema.SchemaType;
import io.casty.codegen.schema.TypeExpr;
import org.jspecify.annotations.Nullable;

/**
 * Generates Java sources from a casty-schema document: a record per dataclass, an enum per
 * Python enum, and the sealed interfaces asked for. Records carry {@code @CastyMessage} with
 * the exact Python name, {@code @CastyField} only where the default mapping would be wrong
 * (a tuple, or a name that snake_case of the component name does not give), type-use
 * {@code @Nullable} for {@code X | None}, {@code ActorRef<T>} for refs, and javadoc naming
 * the Python source.
 * <p>
 * Python {@code int} becomes {@code long}, {@code float} {@code double}, {@code list}
 * {@code List}, {@code frozenset} {@code Set}, {@code dict} {@code Map}; a tuple field becomes
 * a {@code List} marked as a tuple when its items share a type, and {@link io.casty.client.Tuple}
 * otherwise or when nested. A union of dataclasses becomes the smallest sealed interface
 * asked for that permits all of them, else {@code Object}.
 *
 * @since 0.1.0
 */
public final class JavaGenerator {

	/** What {@code @Generated} names. */
	public static final String GENERATOR = "io.casty.codegen";

	private final Options options;

	private JavaGenerator(Options options) {
		this.options = options;
	}

	/**
	 * Creates a generator.
	 * @param options what to generate
	 * @return the generator
	 */
	public static JavaGenerator of(Options options) {
		return new JavaGenerator(options);
	}

	/**
	 * Generates the sources of every type of a schema.
	 * @param schema the schema
	 * @return the sources, records and enums in schema order, then the sealed interfaces
	 * @throws GenerationException if the schema cannot be generated as asked
	 */
	public List<GeneratedSource> generate(CastySchema schema) {
		TypeNames model = new TypeNames(schema, this.options);
		List<GeneratedSource> sources = new ArrayList<>();
		for (SchemaType type : schema.types()) {
			if (type instanceof SchemaType.Dataclass dataclass) {
				sources.add(record(model, dataclass));
			}
			else if (type instanceof SchemaType.PyEnum pyEnum) {
				sources.add(enumType(model, pyEnum));
			}
		}
		for (TypeNames.Sealed sealed : model.sealed) {
			sources.add(sealedInterface(model, sealed));
		}
		return sources;
	}

	private GeneratedSource record(TypeNames model, SchemaType.Dataclass dataclass) {
		TypeNames.JavaName name = model.javaName(dataclass.name());
		Imports imports = new Imports(name.packageName());
		List<String> components = new ArrayList<>();
		StringBuilder params = new StringBuilder();
		for (SchemaType.Field field : dataclass.fields()) {
			if (!field.init()) {
				throw new GenerationException(dataclass.name() + "." + field.name()
						+ " is declared with init=False: Casty passes every received field to __init__, so the type "
						+ "cannot be received from a client; drop init=False or leave the field out of the message");
			}
			String javaField = TypeNames.componentName(field.name());
			List<String> annotations = new ArrayList<>();
			boolean tuple = isListTuple((field.type() instanceof TypeExpr.OptionalOf optional) ? optional.type() : field.type());
			boolean rename = !MessageTypeRegistry.snakeCase(javaField).equals(field.name());
			if (rename || tuple) {
				imports.add("io.casty.client.CastyField");
				StringBuilder castyField = new StringBuilder("@CastyField(");
				if (rename) {
					castyField.append(tuple ? "value = " : "").append(Javadoc.quote(field.name()));
				}
				if (tuple) {
					castyField.append(rename ? ", " : "").append("tuple = true");
				}
				annotations.add(castyField.append(')').toString());
			}
			String javaType = javaType(model, imports, field.type(), true, false, dataclass.name() + "." + field.name());
			annotations.add(javaType + " " + javaField);
			components.add(String.join(" ", annotations));
			String declaration = field.toPython() + ((field.defaultValue() != null) ? " = " + field.defaultValue() : "");
			params.append(" * @param ").append(javaField).append(" <code>").append(Javadoc.html(declaration)).append("</code>");
			if (field.defaultValue() != null) {
				params.append("; Python's default, used only when a sender leaves the field out");
			}
			params.append('\n');
		}
		imports.add("io.casty.client.CastyMessage");
		List<String> interfaces = model.interfacesOf(dataclass.name());
		StringBuilder body = new StringBuilder();
		body.append("/**\n * Generated from the Python dataclass <code>").append(Javadoc.html(dataclass.name())).append("</code> (")
			.append(Javadoc.html(dataclass.source())).append(").\n");
		Javadoc.appendDoc(body, dataclass.doc());
		if (!dataclass.fields().isEmpty()) {
			body.append(" *\n").append(params);
		}
		body.append(" */\n");
		body.append("@Generated(\"").append(GENERATOR).append("\")\n@NullMarked\n@CastyMessage(")
			.append(Javadoc.quote(dataclass.name()))
			.append(")\npublic record ")
			.append(name.simpleName())
			.append('(');
		String joined = String.join(", ", components);
		if (joined.length() + name.simpleName().length() > 90) {
			body.append("\n\t\t").append(String.join(",\n\t\t", components));
		}
		else {
			body.append(joined);
		}
		body.append(')');
		if (!interfaces.isEmpty()) {
			body.append(" implements ").append(String.join(", ", interfaces));
		}
		body.append(" {\n}\n");
		imports.add("javax.annotation.processing.Generated");
		imports.add("org.jspecify.annotations.NullMarked");
		return new GeneratedSource(name.qualifiedName(), file(name, imports, body));
	}

	private GeneratedSource enumType(TypeNames model, SchemaType.PyEnum pyEnum) {
		TypeNames.JavaName name = model.javaName(pyEnum.name());
		Imports imports = new Imports(name.packageName());
		imports.add("io.casty.client.CastyMessage");
		imports.add("javax.annotation.processing.Generated");
		imports.add("org.jspecify.annotations.NullMarked");
		List<SchemaType.Member> members = pyEnum.members().stream().filter((m) -> m.aliasOf() == null).toList();
		Map<String, String> constants = TypeNames.enumConstants(members);
		StringBuilder body = new StringBuilder();
		body.append("/**\n * Generated from the Python enum <code>").append(Javadoc.html(pyEnum.name())).append("</code> (")
			.append(Javadoc.html(pyEnum.source())).append(", base <code>").append(Javadoc.html(pyEnum.base()))
			.append("</code>); members travel by name.\n");
		Javadoc.appendDoc(body, pyEnum.doc());
		body.append(" */\n@Generated(\"").append(GENERATOR).append("\")\n@NullMarked\n@CastyMessage(")
			.append(Javadoc.quote(pyEnum.name()))
			.append(")\npublic enum ")
			.append(name.simpleName())
			.append(" {\n");
		int index = 0;
		for (SchemaType.Member member : members) {
			String constant = constants.get(member.name());
			List<String> aliases = pyEnum.members().stream().filter((m) -> member.name().equals(m.aliasOf()))
				.map((m) -> "<code>" + Javadoc.html(m.name()) + "</code>").toList();
			body.append("\n\t/** Python member <code>").append(Javadoc.html(member.name() + " = " + member.value()))
				.append("</code>")
				.append(aliases.isEmpty() ? "" : ", also named " + String.join(", ", aliases))
				.append(". */\n\t");
			if (!constant.equals(member.name())) {
				imports.add("io.casty.client.CastyField");
				body.append("@CastyField(").append(Javadoc.quote(member.name())).append(")\n\t");
			}
			body.append(constant).append((++index < members.size()) ? ",\n" : "\n");
		}
		body.append("\n}\n");
		return new GeneratedSource(name.qualifiedName(), file(name, imports, body));
	}

	private GeneratedSource sealedInterface(TypeNames model, TypeNames.Sealed sealed) {
		Imports imports = new Imports(sealed.name().packageName());
		imports.add("javax.annotation.processing.Generated");
		imports.add("org.jspecify.annotations.NullMarked");
		List<String> permitted = new ArrayList<>();
		List<String> pythonNames = new ArrayList<>();
		for (String member : sealed.members()) {
			permitted.add(model.javaName(member).simpleName());
			pythonNames.add("<code>" + Javadoc.html(member) + "</code>");
		}
		StringBuilder body = new StringBuilder();
		body.append("/**\n * The messages <code>").append(Javadoc.html(sealed.spec())).append("</code> groups: ")
			.append(String.join(", ", pythonNames))
			.append(".\n */\n@Generated(\"")
			.append(GENERATOR)
			.append("\")\n@NullMarked\npublic sealed interface ")
			.append(sealed.name().simpleName())
			.append(" permits ")
			.append(String.join(", ", permitted))
			.append(" {\n}\n");
		return new GeneratedSource(sealed.name().qualifiedName(), file(sealed.name(), imports, body));
	}

	private String javaType(TypeNames model, Imports imports, TypeExpr type, boolean component, boolean boxed,
			String where) {
		if (type instanceof TypeExpr.Scalar scalar) {
			return scalar(imports, scalar.kind(), boxed);
		}
		if (type instanceof TypeExpr.LiteralOf literal) {
			return scalar(imports, literal.kind(), boxed);
		}
		if (type instanceof TypeExpr.OptionalOf optional) {
			imports.add("org.jspecify.annotations.Nullable");
			String inner = javaType(model, imports, optional.type(), component, true, where);
			return inner.startsWith("@Nullable ") ? inner : "@Nullable " + inner;
		}
		if (type instanceof TypeExpr.ListOf list) {
			imports.add("java.util.List");
			return "List<" + javaType(model, imports, list.item(), false, true, where) + ">";
		}
		if (type instanceof TypeExpr.FrozensetOf set) {
			imports.add("java.util.Set");
			return "Set<" + javaType(model, imports, set.item(), false, true, where) + ">";
		}
		if (type instanceof TypeExpr.DictOf dict) {
			imports.add("java.util.Map");
			return "Map<" + javaType(model, imports, dict.key(), false, true, where) + ", "
					+ javaType(model, imports, dict.value(), false, true, where) + ">";
		}
		if (component && isListTuple(type)) {
			TypeExpr item = (type instanceof TypeExpr.TupleOf tuple) ? tuple.item()
					: ((TypeExpr.FixedTuple) type).items().get(0);
			imports.add("java.util.List");
			return "List<" + javaType(model, imports, item, false, true, where) + ">";
		}
		if (type instanceof TypeExpr.TupleOf || type instanceof TypeExpr.FixedTuple) {
			imports.add("io.casty.client.Tuple");
			return "Tuple";
		}
		if (type instanceof TypeExpr.Ref ref) {
			imports.add("io.casty.client.ActorRef");
			if (ref.message() instanceof TypeExpr.Scalar scalar && scalar.kind() == TypeExpr.ScalarKind.ANY) {
				return "ActorRef<?>";
			}
			return "ActorRef<" + javaType(model, imports, ref.message(), false, true, where) + ">";
		}
		if (type instanceof TypeExpr.DataclassRef ref) {
			return imports.type(model.javaName(model.require(ref.name(), where)));
		}
		if (type instanceof TypeExpr.EnumRef ref) {
			return imports.type(model.javaName(model.require(ref.name(), where)));
		}
		if (type instanceof TypeExpr.UnionOf union) {
			TypeNames.Sealed covering = model.covering(union);
			if (covering != null) {
				return imports.type(covering.name());
			}
			imports.add("org.jspecify.annotations.Nullable");
			return "@Nullable Object";
		}
		throw new GenerationException(where + ": unsupported type " + type.toPython());
	}

	private static String scalar(Imports imports, TypeExpr.ScalarKind kind, boolean boxed) {
		return switch (kind) {
			case STR -> "String";
			case INT -> boxed ? "Long" : "long";
			case FLOAT -> boxed ? "Double" : "double";
			case BOOL -> boxed ? "Boolean" : "boolean";
			case NONE, ANY -> {
				imports.add("org.jspecify.annotations.Nullable");
				yield "@Nullable Object";
			}
		};
	}

	/**
	 * Whether a component of this type is a {@code List} marked as a tuple: a variadic tuple,
	 * or a fixed one whose items share one type.
	 */
	private static boolean isListTuple(TypeExpr type) {
		if (type instanceof TypeExpr.TupleOf) {
			return true;
		}
		return type instanceof TypeExpr.FixedTuple fixed && !fixed.items().isEmpty()
				&& fixed.items().stream().distinct().count() == 1;
	}

	private static String file(TypeNames.JavaName name, Imports imports, StringBuilder body) {
		StringBuilder out = new StringBuilder();
		out.append("// Generated by casty-codegen from a casty-schema document. Do not edit: regenerate.\n");
		out.append("package ").append(name.packageName()).append(";\n\n");
		out.append(imports.render());
		out.append(body);
		return out.toString();
	}

	/**
	 * What to generate.
	 *
	 * @param packageName the package of every type whose module {@code modulePackages} does
	 * not map
	 * @param modulePackages packages by Python module
	 * @param sealed the sealed interfaces to generate: {@code shop.messages.CartMsg} to the
	 * dataclasses it permits ({@code AddItem}, relative to the interface's module, or a full
	 * Python name)
	 * @since 0.1.0
	 */
	public record Options(String packageName, Map<String, String> modulePackages, Map<String, List<String>> sealed) {

		public Options {
			Objects.requireNonNull(packageName, "packageName");
			modulePackages = Map.copyOf(modulePackages);
			Map<String, List<String>> copy = new LinkedHashMap<>();
			sealed.forEach((key, members) -> copy.put(key, List.copyOf(members)));
			sealed = java.util.Collections.unmodifiableMap(copy);
		}

		/**
		 * Options that put every type in one package and generate no sealed interface.
		 * @param packageName the package
		 * @return the options
		 */
		public static Options of(String packageName) {
			return new Options(packageName, Map.of(), Map.of());
		}

		/**
		 * Returns these options with one more sealed interface.
		 * @param spec {@code shop.messages.CartMsg=AddItem,GetCart}, the command line form
		 * @return new options
		 * @throws IllegalArgumentException if the form is wrong
		 */
		public Options withSealed(String spec) {
			int eq = spec.indexOf('=');
			if (eq <= 0 || eq == spec.length() - 1) {
				throw new IllegalArgumentException("A sealed interface is given as <python module>.<Name>=<Member>,<Member>..."
						+ " (for example shop.messages.CartMsg=AddItem,GetCart), got '" + spec + "'");
			}
			List<String> members = new ArrayList<>();
			for (String member : spec.substring(eq + 1).split(",")) {
				if (!member.isBlank()) {
					members.add(member.strip());
				}
			}
			Map<String, List<String>> next = new LinkedHashMap<>(this.sealed);
			next.put(spec.substring(0, eq).strip(), members);
			return new Options(this.packageName, this.modulePackages, next);
		}

		/**
		 * Returns these options with one module mapped to its own package.
		 * @param module the Python module
		 * @param javaPackage the Java package
		 * @return new options
		 */
		public Options withModulePackage(String module, String javaPackage) {
			Map<String, String> next = new HashMap<>(this.modulePackages);
			next.put(module, javaPackage);
			return new Options(this.packageName, next, this.sealed);
		}

	}

}
