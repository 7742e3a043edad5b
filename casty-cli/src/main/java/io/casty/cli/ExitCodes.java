package io.casty.cli;

/**
 * The exit codes of the {@code casty} tool, for scripts.
 *
 * @since 0.1.0
 */
public final class ExitCodes {

	/** The command did what it was asked. */
	public static final int OK = 0;

	/** Anything else went wrong (an error the cluster reported, a bug). */
	public static final int FAILED = 1;

	/** Bad command line: an unknown option, a missing argument, a message that is not valid JSON. */
	public static final int USAGE = 2;

	/** The cluster or a node could not be reached (no topology, connection failed). */
	public static final int UNAVAILABLE = 3;

	/** An ask got no reply in time. */
	public static final int TIMEOUT = 4;

	private ExitCodes() {
	}

}
