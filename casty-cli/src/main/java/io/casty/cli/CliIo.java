package io.casty.cli;

import java.io.PrintWriter;

import tools.jackson.databind.JsonNode;

/**
 * Where a command writes: results on {@code out}, progress and errors on {@code err}.
 *
 * @param out standard output
 * @param err standard error
 * @param terminal whether stderr is a terminal (progress is then rewritten in place)
 * @since 0.1.0
 */
record CliIo(PrintWriter out, PrintWriter err, boolean terminal) {

	void json(JsonNode node) {
		this.out.println(CastyJson.MAPPER.writeValueAsString(node));
		this.out.flush();
	}

	void line(String text) {
		this.out.println(text);
		this.out.flush();
	}

}
