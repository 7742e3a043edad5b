package io.casty.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * One in-process run of the tool: exit code, stdout and stderr.
 *
 * @param code the exit code
 * @param out what it printed on stdout
 * @param err what it printed on stderr
 */
record CliRun(int code, String out, String err) {

	static CliRun of(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int code = CastyCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true), false);
		return new CliRun(code, out.toString(), err.toString());
	}

	/** A run against a cluster: the contact and system options first. */
	static CliRun against(String contact, String system, String... args) {
		List<String> all = new ArrayList<>(List.of(args));
		all.addAll(List.of("--contact", contact, "--system", system));
		return of(all.toArray(String[]::new));
	}

	JsonNode json() {
		return CastyJson.MAPPER.readTree(this.out);
	}

	@Override
	public String toString() {
		return "exit " + this.code + "\n--- stdout\n" + this.out + "--- stderr\n" + this.err;
	}

}
