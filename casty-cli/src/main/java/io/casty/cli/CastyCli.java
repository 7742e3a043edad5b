package io.casty.cli;

import java.io.PrintWriter;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import io.casty.client.CastyException;
import io.casty.client.CastyTimeoutException;
import io.casty.client.ClusterUnavailableException;
import io.casty.client.NodeUnreachableException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The {@code casty} command-line tool. Each subcommand is a class listed in
 * {@link Command#subcommands()} below; commands that talk to a cluster extend
 * {@link ClusterCommand}, others implement {@code Callable<Integer>} and return one of
 * {@link ExitCodes}.
 *
 * @since 0.1.0
 */
@Command(name = "casty", mixinStandardHelpOptions = true, versionProvider = CastyCli.Version.class,
		description = "Look at a Casty cluster and poke it from a shell: topology, owners, tell, ask, ping.",
		subcommands = { TopologyCommand.class, OwnerCommand.class, TellCommand.class, AskCommand.class,
				PingCommand.class, CodegenCommand.class, HelpCommand.class },
		footerHeading = "%nExit codes:%n",
		footer = { "  0  done", "  1  failed (an error reported by the cluster, or a bug)",
				"  2  bad command line or message", "  3  cluster or node unreachable", "  4  no reply in time" })
public final class CastyCli implements Runnable {

	private final boolean terminal;

	private CastyCli(boolean terminal) {
		this.terminal = terminal;
	}

	/**
	 * Runs the tool and exits with its code.
	 * @param args the command line
	 */
	public static void main(String[] args) {
		System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true),
				System.console() != null));
	}

	/**
	 * Runs the tool.
	 * @param args the command line
	 * @param out where results go
	 * @param err where progress and errors go
	 * @param terminal whether {@code err} is a terminal
	 * @return the exit code, one of {@link ExitCodes}
	 */
	public static int run(String[] args, PrintWriter out, PrintWriter err, boolean terminal) {
		CommandLine commandLine = new CommandLine(new CastyCli(terminal));
		commandLine.setOut(out).setErr(err).setExecutionExceptionHandler(CastyCli::onError);
		int code = commandLine.execute(args);
		out.flush();
		err.flush();
		return code;
	}

	@Override
	public void run() {
		throw new CommandLine.ParameterException(new CommandLine(this), "Missing a command (topology, owner, tell, ask, ping, codegen)");
	}

	static CliIo io(CommandSpec spec) {
		CastyCli root = (CastyCli) spec.root().userObject();
		return new CliIo(spec.commandLine().getOut(), spec.commandLine().getErr(), root.terminal);
	}

	static RuntimeException unwrap(ExecutionException ex) {
		Throwable cause = ex.getCause();
		while (cause instanceof CompletionException && cause.getCause() != null) {
			cause = cause.getCause();
		}
		return (cause instanceof RuntimeException runtime) ? runtime : new CastyException(String.valueOf(cause), cause);
	}

	private static int onError(Exception ex, CommandLine commandLine, ParseResult parseResult) {
		int code = exitCode(ex);
		String message = (ex.getMessage() != null) ? ex.getMessage() : ex.toString();
		if (code == ExitCodes.FAILED && !(ex instanceof CastyException)) {
			message = "unexpected " + ex;
		}
		boolean json = parseResult.subcommand() != null && parseResult.subcommand().hasMatchedOption("--json");
		PrintWriter err = commandLine.getErr();
		if (json) {
			err.println(CastyJson.MAPPER.writeValueAsString(
					JsonNodeFactory.instance.objectNode().put("error", message).put("exitCode", code)));
		}
		else {
			err.println("casty: " + message);
		}
		err.flush();
		return code;
	}

	private static int exitCode(Exception ex) {
		if (ex instanceof CliException cli) {
			return cli.exitCode();
		}
		if (ex instanceof CastyTimeoutException) {
			return ExitCodes.TIMEOUT;
		}
		if (ex instanceof ClusterUnavailableException || ex instanceof NodeUnreachableException) {
			return ExitCodes.UNAVAILABLE;
		}
		if (ex instanceof IllegalArgumentException || ex instanceof io.casty.client.MessageCodecException) {
			return ExitCodes.USAGE;
		}
		return ExitCodes.FAILED;
	}

	/** The version from the jar's manifest. */
	static final class Version implements CommandLine.IVersionProvider {

		@Override
		public String[] getVersion() {
			String version = CastyCli.class.getPackage().getImplementationVersion();
			return new String[] { "casty " + ((version != null) ? version : "(development build)")
					+ ", for Casty v0.21.0 clusters" };
		}

	}

}
