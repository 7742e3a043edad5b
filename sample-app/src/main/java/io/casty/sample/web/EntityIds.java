package io.casty.sample.web;

import java.util.regex.Pattern;

/**
 * Checks the entity ids taken from request paths.
 */
final class EntityIds {

	private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

	private EntityIds() {
	}

	/**
	 * Returns an id if it is 1-64 letters, digits, dots, dashes or underscores, starting with a
	 * letter or a digit.
	 * @param id the id from the path
	 * @return the id
	 * @throws InvalidRequestException if it is not
	 */
	static String require(String id) {
		if (!VALID.matcher(id).matches()) {
			throw new InvalidRequestException("Invalid entity id '" + id
					+ "': use 1-64 letters, digits, '.', '-' or '_', starting with a letter or a digit");
		}
		return id;
	}

}
