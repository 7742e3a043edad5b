package io.casty.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of the commands that talk to a cluster: the shared {@link ClusterOptions} and the
 * session around {@link #run(ClusterSession, CliIo)}.
 *
 * @since 0.1.0
 */
abstract class ClusterCommand implements Callable<Integer> {

	@Mixin
	ClusterOptions cluster = new ClusterOptions();

	@Spec
	CommandSpec spec;

	@Override
	public final Integer call() throws Exception {
		CliIo io = CastyCli.io(this.spec);
		validate();
		try (ClusterSession session = ClusterSession.open(this.cluster, io)) {
			return run(session, io);
		}
	}

	/**
	 * Checks the arguments before anything connects, so bad input fails fast.
	 */
	void validate() {
	}

	/**
	 * Runs the command on a connected client.
	 * @param session the session
	 * @param io where to write
	 * @return the exit code
	 * @throws Exception whatever fails; mapped to an exit code by {@link CastyCli}
	 */
	abstract int run(ClusterSession session, CliIo io) throws Exception;

	boolean json() {
		return this.cluster.json;
	}

}
