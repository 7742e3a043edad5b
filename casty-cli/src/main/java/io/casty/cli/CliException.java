package io.casty.cli;

/**
 * A failure the tool reports in one line on stderr and turns into an exit code.
 *
 * @since 0.1.0
 */
public class CliException extends RuntimeException {

	private final int exitCode;

	/**
	 * Creates the exception.
	 * @param exitCode one of {@link ExitCodes}
	 * @param message what went wrong and what to do about it
	 */
	public CliException(int exitCode, String message) {
		super(message);
		this.exitCode = exitCode;
	}

	/**
	 * The exit code.
	 * @return one of {@link ExitCodes}
	 */
	public int exitCode() {
		return this.exitCode;
	}

}
