package io.casty.cli;

/**
 * Checks on shard arguments.
 *
 * @since 0.1.0
 */
final class Shards {

	private Shards() {
	}

	static void check(int shards) {
		if (shards < 1) {
			throw new CliException(ExitCodes.USAGE, "--shards must be at least 1, was " + shards);
		}
	}

}
