package io.casty.codegen.java;

import org.jspecify.annotations.Nullable;

/**
 * Text for generated sources: docstrings as javadoc paragraphs, text escaped for javadoc
 * HTML (so that no {@code @}, brace or comment end breaks it), Java string literals.
 */
final class Javadoc {

	private Javadoc() {
	}

	static void appendDoc(StringBuilder body, @Nullable String doc) {
		if (doc == null || doc.isBlank()) {
			return;
		}
		for (String paragraph : doc.strip().split("\n\\s*\n")) {
			body.append(" * <p>\n");
			for (String line : paragraph.split("\n")) {
				body.append(" * ").append(html(line.strip())).append('\n');
			}
		}
	}

	static String html(String text) {
		StringBuilder sb = new StringBuilder(text.length());
		for (char c : text.toCharArray()) {
			switch (c) {
				case '&' -> sb.append("&amp;");
				case '<' -> sb.append("&lt;");
				case '>' -> sb.append("&gt;");
				case '@' -> sb.append("&#64;");
				case '{' -> sb.append("&#123;");
				case '}' -> sb.append("&#125;");
				case '/' -> sb.append((sb.length() > 0 && sb.charAt(sb.length() - 1) == '*') ? "&#47;" : "/");
				case '\\' -> sb.append("&#92;");
				default -> sb.append(c);
			}
		}
		return sb.toString();
	}

	static String quote(String text) {
		return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
	}

}
