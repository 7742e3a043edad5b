package io.casty.codegen.java;

import java.util.Set;
import java.util.TreeSet;

/**
 * The imports of one generated file, rendered in two groups: {@code java.*} and
 * {@code javax.*}, then the others.
 */
final class Imports {

	private final String packageName;

	private final Set<String> names = new TreeSet<>();

	Imports(String packageName) {
		this.packageName = packageName;
	}

	void add(String qualifiedName) {
		this.names.add(qualifiedName);
	}

	String type(TypeNames.JavaName name) {
		if (!name.packageName().equals(this.packageName)) {
			add(name.qualifiedName());
		}
		return name.simpleName();
	}

	String render() {
		StringBuilder java = new StringBuilder();
		StringBuilder other = new StringBuilder();
		for (String name : this.names) {
			(name.startsWith("java.") || name.startsWith("javax.") ? java : other).append("import ")
				.append(name)
				.append(";\n");
		}
		StringBuilder out = new StringBuilder();
		if (java.length() > 0) {
			out.append(java).append('\n');
		}
		if (other.length() > 0) {
			out.append(other).append('\n');
		}
		return out.toString();
	}

}
